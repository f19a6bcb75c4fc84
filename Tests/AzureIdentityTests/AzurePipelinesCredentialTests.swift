// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation
import Logging
import Testing

@Suite struct AzurePipelinesCredentialTests {
    static let appID = "a2b2c2d2-0000-0000-0000-000000000004"
    static let connectionID = "5c7f0b1e-8d3a-4f6e-9a21-0b9c8d7e6f54"

    private func setUp(_ env: FakeEnvironment, ignoresRedirectSuppression: Bool = false) throws -> FakePipelineJob {
        try PipelineFixtures.register(
            env, appID: Self.appID, connectionID: Self.connectionID,
            ignoresRedirectSuppression: ignoresRedirectSuppression)
    }

    private func credential(
        _ env: FakeEnvironment,
        job: FakePipelineJob,
        systemAccessToken: String? = nil,
        serviceConnectionID: String = AzurePipelinesCredentialTests.connectionID,
        logger: Logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
    ) throws -> AzurePipelinesCredential {
        try PipelineFixtures.credential(
            env, job: job, appID: Self.appID, serviceConnectionID: serviceConnectionID,
            systemAccessToken: systemAccessToken ?? job.systemAccessToken, logger: logger)
    }

    @Test func exchangesTheServiceConnectionsOIDCTokenForAnEntraToken() async throws {
        try await withFake { env in
            let job = try setUp(env)
            let credential = try credential(env, job: job)
            let token = try await credential.getToken(scopes: managementScope)
            let claims = try #require(env.fake.verifiedClaims(of: token.token.revealedValue()))
            #expect(claims["appid"] as? String == Self.appID)

            let oidc = try #require(env.fake.oidcTokenRequests.first)
            #expect(oidc.method == "POST")
            #expect(oidc.query == ["api-version": "7.1", "serviceConnectionId": Self.connectionID])
            #expect(oidc.header("Authorization") == "Bearer \(job.systemAccessToken)")
            #expect(oidc.header("Content-Type") == "application/json")
            #expect(oidc.header("X-TFS-FedAuthRedirect") == "Suppress")
            #expect(oidc.body.isEmpty)

            let grant = try #require(env.fake.tokenRequests.first)
            #expect(grant.form["grant_type"] == "client_credentials")
            #expect(grant.form["client_assertion_type"] == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
            let assertion = try #require(grant.clientAssertion)
            #expect(assertion.claims["iss"] as? String == job.issuer.issuer)
            #expect(assertion.claims["sub"] as? String == "sc://contoso/payments/prod-arm")
        }
    }

    @Test func cachedTokensCostNoAzureDevOpsRequest() async throws {
        try await withFake { env in
            let credential = try credential(env, job: try setUp(env))
            let first = try await credential.getToken(scopes: managementScope)
            #expect(try await credential.getToken(scopes: managementScope) == first)
            #expect(env.fake.oidcTokenRequests.count == 1)
            _ = try await credential.getToken(scopes: ["https://vault.azure.net/.default"])
            #expect(env.fake.oidcTokenRequests.count == 2, "every Entra request gets a fresh OIDC token")
        }
    }

    @Test func transientAzureDevOpsFailuresAreRetried() async throws {
        try await withFake { env in
            let credential = try credential(env, job: try setUp(env))
            env.fake.inject(FakeFault(.status(503), pathContains: "/oidctoken"))
            _ = try await credential.getToken(scopes: managementScope)
            #expect(env.fake.oidcTokenRequests.count == 2)
        }
    }

    @Test func isUnavailableOutsideAPipelineSoAChainMovesOn() async throws {
        try await withFake { env in
            let credential = try AzurePipelinesCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: Self.appID,
                serviceConnectionID: Self.connectionID,
                systemAccessToken: Secret("system-access-token"),
                options: env.options(environment: ["PATH": "/usr/bin"])
            )
            let error = try #require(
                await caught { try await credential.getToken(scopes: managementScope) } as? AzureIdentityError
            )
            #expect(error.code == .credentialUnavailable)
            #expect(error.message.contains("SYSTEM_OIDCREQUESTURI is not set"))
            #expect(env.fake.requests.isEmpty)

            let fallback = try ClientSecretCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: FakeEnvironment.clientID,
                secret: Secret(FakeEnvironment.secret),
                options: env.options()
            )
            let token = try await ChainedTokenCredential([credential, fallback]).getToken(scopes: managementScope)
            let claims = env.fake.verifiedClaims(of: token.token.revealedValue())
            #expect(claims?["appid"] as? String == FakeEnvironment.clientID)
        }
    }

    @Test(arguments: [("", "system-access-token", "serviceConnectionID"), ("id", "", "systemAccessToken")])
    func missingInputsAreUnavailable(connection: String, token: String, named: String) {
        let error = #expect(throws: AzureIdentityError.self) {
            try AzurePipelinesCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: Self.appID,
                serviceConnectionID: connection,
                systemAccessToken: Secret(token),
                options: CredentialOptions(environment: ["SYSTEM_OIDCREQUESTURI": "https://dev.azure.com/x/oidctoken"])
            )
        }
        #expect(error?.code == .credentialUnavailable)
        #expect(error?.message.contains(named) == true)
    }

    @Test(arguments: ["http://dev.azure.com/contoso/oidctoken", "dev.azure.com/contoso/oidctoken", "https://"])
    func aRequestURIThatIsNotHTTPSIsAConfigurationError(uri: String) {
        let error = #expect(throws: AzureIdentityError.self) {
            try AzurePipelinesCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: Self.appID,
                serviceConnectionID: Self.connectionID,
                systemAccessToken: Secret("system-access-token"),
                options: CredentialOptions(environment: ["SYSTEM_OIDCREQUESTURI": uri])
            )
        }
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.message.contains("must be an absolute https URL") == true)
    }
}
