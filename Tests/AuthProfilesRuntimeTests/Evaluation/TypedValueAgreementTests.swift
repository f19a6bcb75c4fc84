// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AuthProfilesRuntime
import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

/// Issue 10 item 3, the rest of the class: settings the binder parses from a variable (flags, numbers, durations)
/// and programs it locates were not looked at by the dry run, which called links *ready* that the run then failed.
/// Both now go through the same resolver functions; each case runs both sides on the same input.
@Suite struct TypedValueAgreementTests {
    static let profilesBody: [String: String] = [
        "chainFlag": """
          app:
            tenant: test
            credential:
              type: clientCertificate
              clientId: \(FakeProfileEnvironment.clientID)
              certificate: { path: app.pem }
              sendCertificateChain: { env: SEND_CHAIN }
        """,
        "toolTimeout": """
          app:
            tenant: test
            credential: { type: azureCli, timeout: { env: AZ_TIMEOUT } }
        """,
        "browserPort": """
          app:
            tenant: test
            credential:
              type: interactiveBrowser
              clientId: \(FakeProfileEnvironment.clientID)
              port: { env: PORT }
        """,
    ]

    /// (profile, variable, value or nil for unset, the run's outcome, the problem both name)
    static let cases: [(String, String, String?, LinkOutcome, String)] = [
        (
            "chainFlag", "SEND_CHAIN", "maybe", .failed,
            "sendCertificateChain: the value of SEND_CHAIN is not valid for this field"
        ),
        (
            "chainFlag", "SEND_CHAIN", nil, .unavailable,
            "sendCertificateChain: environment variable SEND_CHAIN is not set"
        ),
        ("toolTimeout", "AZ_TIMEOUT", "soon", .failed, "timeout: the value of AZ_TIMEOUT is not valid for this field"),
        ("browserPort", "PORT", "http", .failed, "port: the value of PORT is not valid for this field"),
    ]

    @Test(arguments: cases)
    func aVariableTheRunCannotParseIsTheSameProblemInTheDryRun(
        _ profile: String, _ variable: String, _ value: String?, _ outcome: LinkOutcome, _ problem: String
    ) async throws {
        try await withFakeProfiles { env in
            let certificate = try env.registeredCertificateApp(commonName: "typed")
            try certificate.combinedPEM.write(toFile: env.directory + "/app.pem", atomically: true, encoding: .utf8)
            chmod(env.directory + "/app.pem", 0o600)
            var environment = ["PATH": ""]
            environment[variable] = value
            let profiles = env.profiles(try #require(Self.profilesBody[profile]))
            let entry = try #require(ProfileCatalog.load(text: profiles).entry(named: "app"))
            let explanation = ProfileExplainer(
                context: InspectionContext(
                    environment: environment, workingDirectory: env.directory)
            ).explain(entry)
            let link = try #require(explanation.links.first)
            let credential = try ProfileCredential(entry: entry, options: env.options(environment))
            let attempt = try #require(
                try await credential.evaluate(for: TokenRequest(scopes: [FakeProfileEnvironment.scope])).attempts.last)
            #expect(attempt.outcome == outcome, "\(attempt.reason ?? "")")
            #expect(attempt.reason?.contains(problem) == true, "\(attempt.reason ?? "")")
            #expect(link.verdict.runtimeOutcome == outcome, "\(link.evidence)")
            let detail = outcome == .unavailable ? "not set (\(problem.prefix { $0 != ":" }))" : problem
            #expect(
                link.evidence.contains { $0.subject == "env \(variable)" && $0.detail == detail },
                "\(link.evidence)")
        }
    }

    /// A tenant from a variable is checked by the credentials' one rule (TenantSyntax) before anything is sent;
    /// the dry run used to call such a link ready.
    @Test(arguments: [
        (
            "  app:\n    tenant: { env: APP_TENANT }\n    credential: { type: clientSecret, clientId: "
                + FakeProfileEnvironment.clientID + ", clientSecret: { env: GOOD_SECRET } }", "APP_TENANT"
        ),
        ("  app:\n    tenant: test\n    credential: { type: environment }", "AZURE_TENANT_ID"),
    ])
    func aTenantTheRunRefusesIsMisconfiguredInTheDryRun(_ body: String, _ variable: String) async throws {
        try await withFakeProfiles { env in
            let environment = [
                "PATH": "", "GOOD_SECRET": FakeProfileEnvironment.secret, variable: "a..b",
                "AZURE_CLIENT_ID": FakeProfileEnvironment.clientID,
                "AZURE_CLIENT_SECRET": FakeProfileEnvironment.secret,
            ]
            let entry = try #require(ProfileCatalog.load(text: env.profiles(body)).entry(named: "app"))
            let explanation = ProfileExplainer(
                context: InspectionContext(
                    environment: environment, workingDirectory: env.directory)
            ).explain(entry)
            let link = try #require(explanation.links.first)
            let credential = try ProfileCredential(entry: entry, options: env.options(environment))
            let attempt = try #require(
                try await credential.evaluate(for: TokenRequest(scopes: [FakeProfileEnvironment.scope])).attempts.last)
            #expect(attempt.outcome == .failed, "\(attempt.reason ?? "")")
            #expect(attempt.reason?.contains("tenant") == true, "\(attempt.reason ?? "")")
            #expect(link.verdict == .misconfigured, "\(link.evidence)")
            #expect(link.evidence.contains { $0.detail.hasPrefix("not a valid tenant id") }, "\(link.evidence)")
            #expect(env.fake.tokenRequests.isEmpty)
        }
    }

    @Test func aFlagTheRunCanReadIsReadyInBoth() async throws {
        try await withFakeProfiles { env in
            let certificate = try env.registeredCertificateApp(commonName: "typed")
            try certificate.combinedPEM.write(toFile: env.directory + "/app.pem", atomically: true, encoding: .utf8)
            chmod(env.directory + "/app.pem", 0o600)
            let environment = ["PATH": "", "SEND_CHAIN": "Yes"]
            let profiles = env.profiles(try #require(Self.profilesBody["chainFlag"]))
            let entry = try #require(ProfileCatalog.load(text: profiles).entry(named: "app"))
            let explanation = ProfileExplainer(
                context: InspectionContext(
                    environment: environment, workingDirectory: env.directory)
            ).explain(entry)
            #expect(explanation.links.first?.verdict == .ready, "\(explanation.links.first?.evidence ?? [])")
            let credential = try ProfileCredential(entry: entry, options: env.options(environment))
            let evaluation = try await credential.evaluate(for: TokenRequest(scopes: [FakeProfileEnvironment.scope]))
            #expect(evaluation.attempts.last?.outcome == .authenticated, "\(evaluation.attempts.last?.reason ?? "")")
        }
    }

    /// `command: [bin/get-assertion]`: the program is under the working directory for both (it was looked up
    /// under the process's directory by both before, so both missed it), and the run then authenticates with it.
    @Test func aRelativeAssertionCommandIsFoundUnderTheWorkingDirectoryByBoth() async throws {
        try await withFakeProfiles { env in
            let issuer = FakeFederatedIssuer(issuer: "https://oidc.command.example")
            env.fake.register(issuer)
            let subject = "system:serviceaccount:default:command"
            let clientID = "cccccccc-0000-4000-8000-00000000000c"
            env.fake.register(
                FakeApplication(
                    clientID: clientID, tenantID: FakeProfileEnvironment.tenant,
                    federatedCredentials: [FakeFederatedCredential(issuer: issuer.issuer, subject: subject)]))
            try FileManager.default.createDirectory(atPath: env.directory + "/bin", withIntermediateDirectories: true)
            let script = env.directory + "/bin/get-assertion"
            try "#!/bin/sh\necho '\(issuer.mintToken(subject: subject))'\n"
                .write(toFile: script, atomically: true, encoding: .utf8)
            chmod(script, 0o700)
            let profiles = env.profiles(
                """
                  app:
                    tenant: test
                    credential:
                      type: clientAssertion
                      clientId: \(clientID)
                      assertion: { command: [bin/get-assertion] }
                """)
            let environment = ["PATH": ""]
            let entry = try #require(ProfileCatalog.load(text: profiles).entry(named: "app"))
            let explanation = ProfileExplainer(
                context: InspectionContext(
                    environment: environment, workingDirectory: env.directory)
            ).explain(entry)
            let link = try #require(explanation.links.first)
            #expect(link.verdict == .unknown, "\(link.evidence)")
            #expect(
                link.evidence.contains {
                    $0.subject == "command bin/get-assertion" && $0.detail == "found at \(script)"
                }, "\(link.evidence)")
            let credential = try ProfileCredential(entry: entry, options: env.options(environment))
            let attempt = try #require(
                try await credential.evaluate(for: TokenRequest(scopes: [FakeProfileEnvironment.scope])).attempts.last)
            #expect(attempt.outcome == .authenticated, "\(attempt.reason ?? "")")
        }
    }
}
