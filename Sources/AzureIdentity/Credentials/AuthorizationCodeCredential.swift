// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// Redeems an authorization code (with PKCE verifier) once, then uses the refresh token for other scopes.
public struct AuthorizationCodeCredential: PersistentCacheReading {
    private let flow: EntraTokenFlow
    private let code: Secret
    private let redirectURI: String
    private let codeVerifier: Secret?
    private let clientSecret: Secret?
    private let store = RefreshTokenStore(hasAuthorizationCode: true)

    /// Creates the credential.
    /// - Parameters:
    ///   - tenantID: The Microsoft Entra tenant (directory) id or domain.
    ///   - clientID: The application (client) id.
    ///   - authorizationCode: The code from the authorize redirect.
    ///   - redirectURI: The redirect URI used in the authorize request.
    ///   - codeVerifier: The PKCE verifier, if the authorize request sent a challenge.
    ///   - clientSecret: For confidential (web) applications; `nil` for public clients.
    ///   - options: The transport, clock, environment, logger and process runner (``CredentialOptions``).
    public init(
        tenantID: String,
        clientID: String,
        authorizationCode: Secret,
        redirectURI: String,
        codeVerifier: Secret? = nil,
        clientSecret: Secret? = nil,
        options: CredentialOptions = CredentialOptions()
    ) throws {
        self.flow = try EntraTokenFlow(
            credentialName: "AuthorizationCodeCredential",
            tenantID: tenantID,
            clientID: clientID,
            options: options
        )
        self.code = authorizationCode
        self.redirectURI = redirectURI
        self.codeVerifier = codeVerifier
        self.clientSecret = clientSecret
    }

    /// The token the persistent cache would answer `request` with, read without sending anything
    /// (``PersistentCacheReading``).
    public func tokenFromPersistentCache(for request: TokenRequest) -> AccessToken? {
        flow.tokenFromPersistentCache(request, account: "authorization-code")
    }

    /// Gets a user token: the first call redeems the code, later calls refresh.
    nonisolated(nonsending) public func getToken(for request: TokenRequest) async throws -> AccessToken {
        let flow = self.flow
        let (code, redirectURI, verifier, secret, store) = (
            self.code, self.redirectURI, codeVerifier, clientSecret, self.store
        )
        return try await flow.getToken(request, account: "authorization-code") { context in
            let scopes = OIDCScopes.adding(to: context.scopes)
            let clientFields = secret.map { [("client_secret", $0.revealedValue())] } ?? []
            if await store.refreshToken == nil {
                var grant = [
                    ("grant_type", "authorization_code"), ("code", code.revealedValue()), ("redirect_uri", redirectURI),
                ]
                if let verifier { grant.append(("code_verifier", verifier.revealedValue())) }
                let redeemed = try await store.redeemCodeOnce { [grant] in
                    try await flow.post(context, grantFields: grant + clientFields, scopes: scopes)
                }
                if let redeemed { return redeemed.token }
            }
            guard let refreshToken = await store.refreshToken else {
                throw AzureIdentityError(
                    code: .authenticationFailed,
                    message:
                        "AuthorizationCodeCredential: the authorization code was already used and no "
                        + "refresh token is available.",
                    credentialName: "AuthorizationCodeCredential"
                )
            }
            let grant = [("grant_type", "refresh_token"), ("refresh_token", refreshToken.revealedValue())]
            let result = try await flow.post(context, grantFields: grant + clientFields, scopes: scopes)
            await store.update(result.refreshToken)
            return result.token
        }
    }
}
