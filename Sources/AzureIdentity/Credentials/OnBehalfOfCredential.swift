// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Crypto

/// Exchanges an incoming user token for a token to a downstream API (the on-behalf-of flow).
public struct OnBehalfOfCredential: PersistentCacheReading {
    private let flow: EntraTokenFlow
    private let authentication: ClientAuthentication
    private let userAssertion: Secret
    private let account: String
    private let timeSource: any TimeSource

    /// Creates the credential.
    /// - Parameters:
    ///   - tenantID: The Microsoft Entra tenant (directory) id or domain.
    ///   - clientID: The application (client) id.
    ///   - userAssertion: The access token the middle-tier API received.
    ///   - authentication: The middle-tier application's secret, certificate or assertion.
    ///   - options: The transport, clock, environment, logger and process runner (``CredentialOptions``).
    public init(
        tenantID: String,
        clientID: String,
        userAssertion: Secret,
        authentication: ClientAuthentication,
        options: CredentialOptions = CredentialOptions()
    ) throws {
        guard !userAssertion.isEmpty else {
            throw AzureIdentityError(
                code: .credentialUnavailable,
                message: "OnBehalfOfCredential: a user assertion is required.",
                credentialName: "OnBehalfOfCredential"
            )
        }
        self.flow = try EntraTokenFlow(
            credentialName: "OnBehalfOfCredential",
            tenantID: tenantID,
            clientID: clientID,
            options: options
        )
        self.authentication = authentication
        self.userAssertion = userAssertion
        // Tokens are cached per incoming user assertion, keyed by its hash (never the assertion itself).
        self.account = SHA256.hash(data: Array(userAssertion.revealedValue().utf8)).prefix(16)
            .map { String($0, radix: 16) }.joined()
        self.timeSource = options.timeSource
    }

    /// The token the persistent cache would answer `request` with, read without sending anything
    /// (``PersistentCacheReading``).
    public func tokenFromPersistentCache(for request: TokenRequest) -> AccessToken? {
        flow.tokenFromPersistentCache(request, account: account)
    }

    /// Gets a downstream token for the user.
    nonisolated(nonsending) public func getToken(for request: TokenRequest) async throws -> AccessToken {
        let flow = self.flow
        let authentication = self.authentication
        let userAssertion = self.userAssertion
        let timeSource = self.timeSource
        return try await flow.getToken(request, account: account) { context in
            let clientFields = try await authentication.formFields(
                clientID: flow.clientID,
                tokenEndpoint: context.tokenEndpoint,
                now: timeSource.now()
            )
            let grant: [(String, String)] = [
                ("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"),
                ("requested_token_use", "on_behalf_of"),
                ("assertion", userAssertion.revealedValue()),
            ]
            return try await flow.post(context, grantFields: grant + clientFields).token
        }
    }
}
