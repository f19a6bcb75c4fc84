// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation
import InMemoryLogging
import Logging
import Testing

@Suite("AzurePipelinesCredential: Azure DevOps refusals and redaction")
struct AzurePipelinesFailureTests {
    static let appID = "a2b2c2d2-0000-0000-0000-000000000005"
    static let connectionID = "0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f60"
    static let wrongToken = "wrong-system-access-token-0123456789abcdef"

    private func setUp(_ env: FakeEnvironment, ignoresRedirectSuppression: Bool = false) throws -> FakePipelineJob {
        try PipelineFixtures.register(
            env, appID: Self.appID, connectionID: Self.connectionID,
            ignoresRedirectSuppression: ignoresRedirectSuppression)
    }

    private func credential(
        _ env: FakeEnvironment,
        job: FakePipelineJob,
        systemAccessToken: String,
        serviceConnectionID: String = AzurePipelinesFailureTests.connectionID,
        logger: Logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
    ) throws -> AzurePipelinesCredential {
        try PipelineFixtures.credential(
            env, job: job, appID: Self.appID, serviceConnectionID: serviceConnectionID,
            systemAccessToken: systemAccessToken, logger: logger)
    }

    private func failure(_ credential: AzurePipelinesCredential) async throws -> AzureIdentityError {
        try #require(await caught { try await credential.getToken(scopes: managementScope) } as? AzureIdentityError)
    }

    @Test func a401NamesTheStatusAndTheSupportIDsButNotTheToken() async throws {
        try await withFake { env in
            let job = try setUp(env)
            let error = try await failure(try credential(env, job: job, systemAccessToken: Self.wrongToken))
            #expect(error.code == .authenticationFailed)
            #expect(!error.allowsChainToContinue)
            #expect(error.statusCode == 401)
            #expect(error.message.contains("answered HTTP 401. Check the service connection ID"))
            #expect(error.message.contains("TF400813: The user '' is not authorized to access this resource."))
            #expect(error.message.contains("x-vss-e2eid: "))
            #expect(error.message.contains("x-msedge-ref: Ref A: "))
            #expect(!"\(error)".contains(Self.wrongToken))
            #expect(env.fake.tokenRequests.isEmpty, "Entra ID is not asked without an OIDC token")
        }
    }

    @Test func theSignInPageIsExplainedNotDumped() async throws {
        try await withFake { env in
            let job = try setUp(env, ignoresRedirectSuppression: true)
            let error = try await failure(try credential(env, job: job, systemAccessToken: Self.wrongToken))
            #expect(error.code == .authenticationFailed)
            #expect(error.statusCode == 203)
            #expect(error.message.contains("with an HTML page instead of JSON. That is Azure DevOps' sign-in page"))
            #expect(error.message.contains("x-vss-e2eid: "))
            #expect(!error.message.contains("<html"))
            #expect(!error.message.contains(Self.wrongToken))
        }
    }

    @Test func anUnknownServiceConnectionFails() async throws {
        try await withFake { env in
            let job = try setUp(env)
            let error = try await failure(
                try credential(env, job: job, systemAccessToken: job.systemAccessToken, serviceConnectionID: "nope")
            )
            #expect(error.code == .authenticationFailed)
            #expect(error.statusCode == 404)
            #expect(error.message.contains("Service connection nope was not found."))
        }
    }

    @Test("no system access token, OIDC token or access token reaches logs, errors or dumps")
    func secretsNeverLeak() async throws {
        try await withFake { env in
            var handler = InMemoryLogHandler()
            handler.logLevel = .trace
            let logger = Logger(label: "pipelines", factory: { _ in handler })
            let job = try setUp(env)
            var texts: [String] = []
            func record(_ value: Any) {
                var dumped = ""
                dump(value, to: &dumped)
                texts += ["\(value)", String(reflecting: value), dumped]
            }

            let good = try credential(env, job: job, systemAccessToken: job.systemAccessToken, logger: logger)
            record(good)
            let token = try await good.getToken(scopes: managementScope)
            record(token)
            let refused = try credential(env, job: job, systemAccessToken: Self.wrongToken, logger: logger)
            record(refused)
            record(await caught { try await refused.getToken(scopes: managementScope) } as Any)
            let assertion = try #require(env.fake.tokenRequests.first?.form["client_assertion"])

            #expect(
                texts.first == "AzurePipelinesCredential(tenantID: \"\(FakeEnvironment.tenant)\", clientID: "
                    + "\"\(Self.appID)\", serviceConnectionID: \"\(Self.connectionID)\")")
            let entries = handler.entries
            #expect(entries.contains { $0.message.description.contains("OIDC token request rejected") })
            texts += entries.map { "\($0.message) \($0.metadata)" }
            for secret in [job.systemAccessToken, Self.wrongToken, assertion, token.token.revealedValue()] {
                let leaks = texts.filter { $0.contains(secret) }
                #expect(leaks.isEmpty, "a secret leaked in: \(leaks.map { $0.prefix(200) })")
            }
        }
    }
}
