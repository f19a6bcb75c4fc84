// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Crypto
import Foundation
import Testing

@Suite struct UserFlowTests {
    static let publicApp = "pubpubpu-0000-0000-0000-000000000003"
    static let webApp = "webwebwe-0000-0000-0000-000000000004"
    static let redirect = "http://localhost:8400/callback"
    static let username = "alice@contoso.example"
    static let password = "P@ssw0rd-alice!"

    private func setUp(_ env: FakeEnvironment, mfa: Bool = false) {
        env.fake.register(
            FakeApplication(
                clientID: Self.publicApp,
                tenantID: FakeEnvironment.tenant,
                redirectURIs: [Self.redirect],
                isPublicClient: true
            )
        )
        env.fake.register(
            FakeApplication(
                clientID: Self.webApp,
                tenantID: FakeEnvironment.tenant,
                secrets: ["web-secret"],
                redirectURIs: [Self.redirect]
            )
        )
        env.fake.register(
            FakeUser(
                tenantID: FakeEnvironment.tenant,
                username: Self.username,
                password: Self.password,
                requiresMFA: mfa
            )
        )
    }

    @Test func usernamePasswordThenSilentRefreshForAnotherScope() async throws {
        try await withFake { env in
            setUp(env)
            let credential = try UsernamePasswordCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: Self.publicApp,
                username: Self.username,
                password: Secret(Self.password),
                options: env.options()
            )
            let token = try await credential.getToken(scopes: ["https://graph.microsoft.com/User.Read"])
            let claims = try #require(env.fake.verifiedClaims(of: token.token.revealedValue()))
            #expect(claims["upn"] as? String == Self.username)
            #expect(claims["scp"] as? String == "User.Read")
            let first = try #require(env.fake.tokenRequests.first)
            #expect(first.form["grant_type"] == "password")
            #expect(first.form["username"] == Self.username)
            #expect(first.form["password"] == Self.password)
            #expect(first.form["scope"] == "https://graph.microsoft.com/User.Read openid profile offline_access")

            _ = try await credential.getToken(scopes: ["https://management.azure.com/user_impersonation"])
            let second = try #require(env.fake.tokenRequests.last)
            #expect(second.form["grant_type"] == "refresh_token")
            #expect(second.form["refresh_token"]?.hasPrefix("fake-rt-") == true)
            #expect(second.form["password"] == nil)
        }
    }

    @Test(arguments: [("wrong-password", 50126), ("mfa", 50076), ("unknown-user", 50034)])
    func usernamePasswordFailures(kind: String, code: Int) async throws {
        try await withFake { env in
            setUp(env, mfa: kind == "mfa")
            let credential = try UsernamePasswordCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: Self.publicApp,
                username: kind == "unknown-user" ? "bob@contoso.example" : Self.username,
                password: Secret(kind == "wrong-password" ? "nope" : Self.password),
                options: env.options()
            )
            let error = try #require(
                await caught { try await credential.getToken(scopes: managementScope) } as? AzureIdentityError
            )
            #expect(error.code == .authenticationFailed)
            #expect(error.entraError?.errorCodes == [code])
        }
    }

    @Test func authorizationCodeWithPKCEThenRefresh() async throws {
        try await withFake { env in
            setUp(env)
            let verifier = "verifier-" + UUID().uuidString + UUID().uuidString
            let challenge = base64url(Array(SHA256.hash(data: Array(verifier.utf8))))
            let code = env.fake.issueAuthorizationCode(
                clientID: Self.webApp,
                tenantID: FakeEnvironment.tenant,
                username: Self.username,
                redirectURI: Self.redirect,
                codeChallenge: challenge
            )
            let credential = try AuthorizationCodeCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: Self.webApp,
                authorizationCode: Secret(code),
                redirectURI: Self.redirect,
                codeVerifier: Secret(verifier),
                clientSecret: Secret("web-secret"),
                options: env.options()
            )
            _ = try await credential.getToken(scopes: ["https://graph.microsoft.com/User.Read"])
            let redeem = try #require(env.fake.tokenRequests.first)
            #expect(redeem.form["grant_type"] == "authorization_code")
            #expect(redeem.form["code"] == code)
            #expect(redeem.form["redirect_uri"] == Self.redirect)
            #expect(redeem.form["code_verifier"] == verifier)
            #expect(redeem.form["client_secret"] == "web-secret")

            let other = try await credential.getToken(scopes: ["https://vault.azure.net/user_impersonation"])
            #expect(env.fake.tokenRequests.last?.form["grant_type"] == "refresh_token")
            #expect(
                env.fake.verifiedClaims(of: other.token.revealedValue())?["aud"] as? String == "https://vault.azure.net"
            )
        }
    }

    @Test func concurrentFirstCallsRedeemTheCodeOnce() async throws {
        try await withFake { env in
            setUp(env)
            let code = env.fake.issueAuthorizationCode(
                clientID: Self.publicApp,
                tenantID: FakeEnvironment.tenant,
                username: Self.username,
                redirectURI: Self.redirect
            )
            let credential = try AuthorizationCodeCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: Self.publicApp,
                authorizationCode: Secret(code),
                redirectURI: Self.redirect,
                options: env.options()
            )
            async let graph = credential.getToken(scopes: ["https://graph.microsoft.com/User.Read"])
            async let vault = credential.getToken(scopes: ["https://vault.azure.net/user_impersonation"])
            let tokens = try await [graph, vault]
            #expect(tokens[0].token != tokens[1].token)
            let grants = env.fake.tokenRequests.compactMap { $0.form["grant_type"] }.sorted()
            #expect(grants == ["authorization_code", "refresh_token"])
        }
    }

    @Test func authorizationCodeFailures() async throws {
        try await withFake { env in
            setUp(env)
            let challenge = base64url(Array(SHA256.hash(data: Array("right-verifier".utf8))))
            let code = env.fake.issueAuthorizationCode(
                clientID: Self.publicApp,
                tenantID: FakeEnvironment.tenant,
                username: Self.username,
                redirectURI: Self.redirect,
                codeChallenge: challenge
            )
            let wrongVerifier = try AuthorizationCodeCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: Self.publicApp,
                authorizationCode: Secret(code),
                redirectURI: Self.redirect,
                codeVerifier: Secret("wrong-verifier"),
                options: env.options()
            )
            let pkce = try #require(
                await caught { try await wrongVerifier.getToken(scopes: managementScope) } as? AzureIdentityError
            )
            #expect(pkce.entraError?.errorCodes == [501481])

            let replay = try AuthorizationCodeCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: Self.publicApp,
                authorizationCode: Secret(code),
                redirectURI: Self.redirect,
                codeVerifier: Secret("right-verifier"),
                options: env.options()
            )
            let redeemed = try #require(
                await caught { try await replay.getToken(scopes: managementScope) } as? AzureIdentityError
            )
            #expect(redeemed.entraError?.errorCodes == [54005])

            let fresh = env.fake.issueAuthorizationCode(
                clientID: Self.publicApp,
                tenantID: FakeEnvironment.tenant,
                username: Self.username,
                redirectURI: Self.redirect
            )
            let wrongRedirect = try AuthorizationCodeCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: Self.publicApp,
                authorizationCode: Secret(fresh),
                redirectURI: "http://localhost:9999/elsewhere",
                options: env.options()
            )
            let redirect = try #require(
                await caught { try await wrongRedirect.getToken(scopes: managementScope) } as? AzureIdentityError
            )
            #expect(redirect.entraError?.errorCodes == [50011])
        }
    }

    @Test func onBehalfOfWithSecretAndCertificate() async throws {
        try await withFake { env in
            setUp(env)
            let certificate = try env.fake.certificateAuthority.issueClientCertificate(commonName: "middle")
            env.fake.register(
                FakeApplication(
                    clientID: Self.webApp,
                    tenantID: FakeEnvironment.tenant,
                    secrets: ["web-secret"],
                    certificates: [certificate.certificate]
                )
            )
            let incoming = try #require(
                env.fake.mintUserToken(
                    username: Self.username,
                    audience: "api://\(Self.webApp)",
                    clientID: Self.publicApp
                )
            )

            let withSecret = try OnBehalfOfCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: Self.webApp,
                userAssertion: Secret(incoming),
                authentication: .secret(Secret("web-secret")),
                options: env.options()
            )
            let token = try await withSecret.getToken(scopes: ["https://graph.microsoft.com/.default"])
            let claims = try #require(env.fake.verifiedClaims(of: token.token.revealedValue()))
            #expect(claims["upn"] as? String == Self.username)
            #expect(claims["appid"] as? String == Self.webApp)
            let request = try #require(env.fake.tokenRequests.last)
            #expect(request.form["grant_type"] == "urn:ietf:params:oauth:grant-type:jwt-bearer")
            #expect(request.form["requested_token_use"] == "on_behalf_of")
            #expect(request.form["assertion"] == incoming)

            let withCertificate = try OnBehalfOfCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: Self.webApp,
                userAssertion: Secret(incoming),
                authentication: .certificate(
                    ClientAssertionSigner(certificate: ClientCertificate(pem: certificate.combinedPEM))
                ),
                options: env.options()
            )
            _ = try await withCertificate.getToken(scopes: ["https://graph.microsoft.com/.default"])
            #expect(env.fake.tokenRequests.last?.clientAssertion?.header["x5t#S256"] != nil)

            let wrongAudience = try #require(
                env.fake.mintUserToken(
                    username: Self.username,
                    audience: "api://someone-else",
                    clientID: Self.publicApp
                )
            )
            let rejected = try OnBehalfOfCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: Self.webApp,
                userAssertion: Secret(wrongAudience),
                authentication: .secret(Secret("web-secret")),
                options: env.options()
            )
            let error = try #require(
                await caught { try await rejected.getToken(scopes: ["https://graph.microsoft.com/.default"]) }
                    as? AzureIdentityError
            )
            #expect(error.entraError?.errorCodes == [50013])
        }
    }
}
