// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

@Suite struct ClientSecretCredentialTests {
    @Test func getsATokenAndSendsTheExpectedForm() async throws {
        try await withFake { env in
            let credential = try ClientSecretCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: FakeEnvironment.clientID,
                secret: Secret(FakeEnvironment.secret),
                options: env.options()
            )
            let token = try await credential.getToken(scopes: managementScope)
            let claims = try #require(env.fake.verifiedClaims(of: token.token.revealedValue()))
            #expect(claims["tid"] as? String == FakeEnvironment.tenant)
            #expect(claims["appid"] as? String == FakeEnvironment.clientID)
            #expect(claims["aud"] as? String == "https://management.azure.com")
            #expect(token.tokenType == "Bearer")
            #expect(token.expiresOn.timeIntervalSinceNow > 3000)

            let request = try #require(env.fake.tokenRequests.first)
            #expect(request.method == "POST")
            #expect(request.path == "/\(FakeEnvironment.tenant)/oauth2/v2.0/token")
            #expect(request.form["grant_type"] == "client_credentials")
            #expect(request.form["client_id"] == FakeEnvironment.clientID)
            #expect(request.form["client_secret"] == FakeEnvironment.secret)
            #expect(request.form["scope"] == managementScope[0])
            #expect(request.form["claims"] == nil)
            #expect(request.header("Content-Type")?.hasPrefix("application/x-www-form-urlencoded") == true)
            let requestID = try #require(request.header("client-request-id"))
            #expect(UUID(uuidString: requestID) != nil)
            #expect(request.header("return-client-request-id") == "true")
            #expect(request.header("Accept") == "application/json")
            #expect(request.header("x-client-SKU") == "swift.azureidentity")
            #expect(request.header("User-Agent")?.hasPrefix("azsdk-swift-identity/") == true)
            #expect(request.form.count == 4, "only client_id, scope, grant_type and client_secret are sent")
        }
    }

    @Test func cachesTokensPerScope() async throws {
        try await withFake { env in
            let credential = try ClientSecretCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: FakeEnvironment.clientID,
                secret: Secret(FakeEnvironment.secret),
                options: env.options()
            )
            let first = try await credential.getToken(scopes: managementScope)
            let second = try await credential.getToken(scopes: managementScope)
            #expect(first.token == second.token)
            #expect(env.fake.tokenRequests.count == 1)
            _ = try await credential.getToken(scopes: ["https://vault.azure.net/.default"])
            #expect(env.fake.tokenRequests.count == 2)
        }
    }

    @Test func badSecretFailsWithEntraDetails() async throws {
        try await withFake { env in
            let credential = try ClientSecretCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: FakeEnvironment.clientID,
                secret: Secret("wrong-secret-value"),
                options: env.options()
            )
            let error = try #require(
                await caught { try await credential.getToken(scopes: managementScope) } as? AzureIdentityError
            )
            #expect(error.code == .authenticationFailed)
            #expect(error.statusCode == 401)
            #expect(error.entraError?.error == "invalid_client")
            #expect(error.entraError?.errorCodes == [7000215])
            #expect(error.entraError?.traceID?.isEmpty == false)
            let sentID = try #require(env.fake.tokenRequests.first?.header("client-request-id"))
            #expect(error.entraError?.correlationID == sentID)
            #expect(!error.allowsChainToContinue)
            #expect(!"\(error)".contains("wrong-secret-value"))
            #expect(env.fake.tokenRequests.count == 1, "a 401 is not retried")
        }
    }

    @Test(arguments: [
        ("unknown-client", FakeEnvironment.tenant, 700016, 400),
        (FakeEnvironment.clientID, "no-such-tenant", 90002, 400),
    ])
    func directoryFailures(clientID: String, tenantID: String, code: Int, status: Int) async throws {
        try await withFake { env in
            let credential = try ClientSecretCredential(
                tenantID: tenantID,
                clientID: clientID,
                secret: Secret(FakeEnvironment.secret),
                options: env.options()
            )
            let error = try #require(
                await caught { try await credential.getToken(scopes: managementScope) } as? AzureIdentityError
            )
            #expect(error.code == .authenticationFailed)
            #expect(error.entraError?.errorCodes == [code])
            #expect(error.statusCode == status)
        }
    }

    @Test func appFlowsNeedADefaultScope() async throws {
        try await withFake { env in
            let credential = try ClientSecretCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: FakeEnvironment.clientID,
                secret: Secret(FakeEnvironment.secret),
                options: env.options()
            )
            let error = try #require(
                await caught { try await credential.getToken(scopes: ["https://graph.microsoft.com/User.Read"]) }
                    as? AzureIdentityError
            )
            #expect(error.entraError?.error == "invalid_scope")
            #expect(error.entraError?.errorCodes == [1002012])
        }
    }

    @Test func caeUsesItsOwnCachePartitionAndSendsCP1() async throws {
        try await withFake { env in
            let credential = try ClientSecretCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: FakeEnvironment.clientID,
                secret: Secret(FakeEnvironment.secret),
                options: env.options()
            )
            let plain = try await credential.getToken(scopes: managementScope)
            let cae = try await credential.getToken(for: TokenRequest(scopes: managementScope, enableCAE: true))
            #expect(plain.token != cae.token)
            #expect(env.fake.tokenRequests.count == 2)
            let claimsField = try #require(env.fake.tokenRequests.last?.form["claims"])
            #expect(claimsField == #"{"access_token":{"xms_cc":{"values":["cp1"]}}}"#)
            let tokenClaims = try #require(env.fake.verifiedClaims(of: cae.token.revealedValue()))
            #expect(tokenClaims["xms_cc"] as? [String] == ["cp1"])
            _ = try await credential.getToken(for: TokenRequest(scopes: managementScope, enableCAE: true))
            #expect(env.fake.tokenRequests.count == 2, "CAE token served from its own partition")
        }
    }

    @Test func claimsChallengeBypassesTheCacheAndMergesCP1() async throws {
        try await withFake { env in
            let credential = try ClientSecretCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: FakeEnvironment.clientID,
                secret: Secret(FakeEnvironment.secret),
                options: env.options()
            )
            _ = try await credential.getToken(for: TokenRequest(scopes: managementScope, enableCAE: true))
            let challenge = #"{"access_token":{"nbf":{"essential":true,"value":"1700000000"}}}"#
            _ = try await credential.getToken(
                for: TokenRequest(scopes: managementScope, claims: challenge, enableCAE: true)
            )
            #expect(env.fake.tokenRequests.count == 2)
            let sent = try #require(env.fake.tokenRequests.last?.form["claims"])
            let object = try #require(try JSONSerialization.jsonObject(with: Data(sent.utf8)) as? [String: Any])
            let accessToken = try #require(object["access_token"] as? [String: Any])
            #expect(accessToken["nbf"] != nil)
            #expect((accessToken["xms_cc"] as? [String: Any])?["values"] as? [String] == ["cp1"])
        }
    }

    @Test func multiTenantRequestsFollowTheAllowList() async throws {
        try await withFake { env in
            env.fake.register(
                FakeApplication(
                    clientID: FakeEnvironment.clientID,
                    tenantID: FakeEnvironment.tenant,
                    isMultiTenant: true,
                    secrets: [FakeEnvironment.secret]
                )
            )
            let strict = try ClientSecretCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: FakeEnvironment.clientID,
                secret: Secret(FakeEnvironment.secret),
                options: env.options()
            )
            let request = TokenRequest(scopes: managementScope, tenantID: FakeEnvironment.otherTenant)
            let error = try #require(await caught { try await strict.getToken(for: request) } as? AzureIdentityError)
            #expect(error.code == .credentialUnavailable)
            #expect(env.fake.tokenRequests.isEmpty)

            let open = try ClientSecretCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: FakeEnvironment.clientID,
                secret: Secret(FakeEnvironment.secret),
                options: env.options(allowedTenants: ["*"])
            )
            let token = try await open.getToken(for: request)
            #expect(
                env.fake.verifiedClaims(of: token.token.revealedValue())?["tid"] as? String
                    == FakeEnvironment.otherTenant
            )
            #expect(env.fake.tokenRequests.last?.path.hasPrefix("/\(FakeEnvironment.otherTenant)/") == true)

            let disabled = try ClientSecretCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: FakeEnvironment.clientID,
                secret: Secret(FakeEnvironment.secret),
                options: env.options(environment: ["AZURE_IDENTITY_DISABLE_MULTITENANTAUTH": "1"])
            )
            let pinned = try await disabled.getToken(for: request)
            #expect(
                env.fake.verifiedClaims(of: pinned.token.revealedValue())?["tid"] as? String == FakeEnvironment.tenant
            )
        }
    }
}
