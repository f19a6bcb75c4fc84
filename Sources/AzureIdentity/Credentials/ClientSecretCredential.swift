// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// Authenticates an application (service principal) with a client secret (`client_credentials` grant).
public struct ClientSecretCredential: PersistentCacheReading {
    private let flow: EntraTokenFlow
    private let secret: Secret

    /// Creates the credential.
    /// - Throws: ``AzureIdentityError/Code/invalidConfiguration`` for a malformed tenant id or authority host,
    ///   ``AzureIdentityError/Code/credentialUnavailable`` for an empty secret.
    public init(
        tenantID: String,
        clientID: String,
        secret: Secret,
        options: CredentialOptions = CredentialOptions()
    ) throws {
        guard !secret.isEmpty else {
            throw AzureIdentityError(
                code: .credentialUnavailable,
                message: "ClientSecretCredential: a client secret is required.",
                credentialName: "ClientSecretCredential"
            )
        }
        self.flow = try EntraTokenFlow(
            credentialName: "ClientSecretCredential",
            tenantID: tenantID,
            clientID: clientID,
            options: options
        )
        self.secret = secret
    }

    /// The token the persistent cache would answer `request` with, read without sending anything
    /// (``PersistentCacheReading``).
    public func tokenFromPersistentCache(for request: TokenRequest) -> AccessToken? {
        flow.tokenFromPersistentCache(request)
    }

    /// Gets an app token; cached per tenant, scopes and CAE setting.
    nonisolated(nonsending) public func getToken(for request: TokenRequest) async throws -> AccessToken {
        let flow = self.flow
        let secret = self.secret
        return try await flow.getToken(request) { context in
            try await flow.post(
                context,
                grantFields: [
                    ("grant_type", "client_credentials"),
                    ("client_secret", secret.revealedValue()),
                ]
            ).token
        }
    }
}
