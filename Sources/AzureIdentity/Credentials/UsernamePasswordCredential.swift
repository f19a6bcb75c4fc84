// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Logging

/// Authenticates a user with name and password (resource owner password grant). Deprecated by Microsoft:
/// it cannot satisfy MFA. After the first token, other scopes are obtained silently with the refresh token.
public struct UsernamePasswordCredential: PersistentCacheReading {
    private let flow: EntraTokenFlow
    private let username: String
    private let password: Secret
    private let store = RefreshTokenStore()

    /// Creates the credential.
    public init(
        tenantID: String,
        clientID: String,
        username: String,
        password: Secret,
        options: CredentialOptions = CredentialOptions()
    ) throws {
        guard !username.isEmpty, !password.isEmpty else {
            throw AzureIdentityError(
                code: .credentialUnavailable,
                message: "UsernamePasswordCredential: username and password are required.",
                credentialName: "UsernamePasswordCredential"
            )
        }
        self.flow = try EntraTokenFlow(
            credentialName: "UsernamePasswordCredential",
            tenantID: tenantID,
            clientID: clientID,
            options: options
        )
        self.username = username
        self.password = password
        options.logger.warning(
            "UsernamePasswordCredential is deprecated: it does not support multi-factor authentication."
        )
    }

    /// The token the persistent cache would answer `request` with, read without sending anything
    /// (``PersistentCacheReading``).
    public func tokenFromPersistentCache(for request: TokenRequest) -> AccessToken? {
        flow.tokenFromPersistentCache(request, account: username)
    }

    /// Gets a user token.
    nonisolated(nonsending) public func getToken(for request: TokenRequest) async throws -> AccessToken {
        let flow = self.flow
        let username = self.username
        let password = self.password
        let store = self.store
        return try await flow.getToken(request, account: username) { context in
            let scopes = OIDCScopes.adding(to: context.scopes)
            let grant: [(String, String)]
            if let refreshToken = await store.refreshToken {
                grant = [("grant_type", "refresh_token"), ("refresh_token", refreshToken.revealedValue())]
            } else {
                grant = [("grant_type", "password"), ("username", username), ("password", password.revealedValue())]
            }
            let result = try await flow.post(context, grantFields: grant, scopes: scopes)
            await store.update(result.refreshToken)
            return result.token
        }
    }
}
