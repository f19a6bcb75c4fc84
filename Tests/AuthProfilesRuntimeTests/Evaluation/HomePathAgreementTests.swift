// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AuthProfilesRuntime
import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

/// Issue 10 item 3: `~` in a profile's paths is expanded by one rule, with `HOME` from the injected environment,
/// by the dry run and the run alike. The reported bug: `certificate: { path: ~/app.pem }` with a valid
/// `$HOME/app.pem` was *ready* in `explain` and `<cwd>/~/app.pem does not exist` in the run. Every case runs both
/// sides on the same input, with `HOME` a temporary directory (the process environment is never touched).
@Suite struct HomePathAgreementTests {
    static let federatedClientID = "fedfedfe-0000-4000-8000-00000000000a"
    static let subject = "system:serviceaccount:default:workload"

    /// A `home` directory inside the test's directory, and the environment that names it.
    private func home(_ env: FakeProfileEnvironment) throws -> (path: String, environment: [String: String]) {
        let home = env.directory + "/home"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        return (home, ["HOME": home, "PATH": ""])
    }

    @Test func aCertificateUnderHomeIsReadyAndAuthenticates() async throws {
        try await withFakeProfiles { env in
            let certificate = try env.registeredCertificateApp(commonName: "home app")
            let (home, environment) = try home(env)
            try certificate.combinedPEM.write(toFile: home + "/app.pem", atomically: true, encoding: .utf8)
            let profiles = env.profiles(
                """
                  app:
                    tenant: test
                    credential:
                      type: clientCertificate
                      clientId: \(FakeProfileEnvironment.clientID)
                      certificate: { path: ~/app.pem }
                """)
            let link = try explainFirstLink(profiles, env, environment: environment)
            #expect(link.verdict == .ready, "\(link.evidence)")
            let attempt = try await runLastAttempt(profiles, env, environment: environment)
            #expect(attempt.outcome == .authenticated, "\(attempt.reason ?? "")")
            // Nothing under the working directory is named `~`.
            #expect(!FileManager.default.fileExists(atPath: env.directory + "/~"))
        }
    }

    @Test func aTokenFileUnderHomeIsReadyAndAuthenticates() async throws {
        try await withFakeProfiles { env in
            let issuer = FakeFederatedIssuer(issuer: "https://oidc.cluster.example/home")
            env.fake.register(issuer)
            env.fake.register(
                FakeApplication(
                    clientID: Self.federatedClientID, tenantID: FakeProfileEnvironment.tenant,
                    federatedCredentials: [FakeFederatedCredential(issuer: issuer.issuer, subject: Self.subject)]))
            let (home, environment) = try home(env)
            try issuer.mintToken(subject: Self.subject)
                .write(toFile: home + "/token", atomically: true, encoding: .utf8)
            let profiles = env.profiles(
                """
                  pod:
                    tenant: test
                    credential:
                      type: workloadIdentity
                      clientId: \(Self.federatedClientID)
                      tokenFile: ~/token
                  app:
                    tenant: test
                    credential:
                      type: clientAssertion
                      clientId: \(Self.federatedClientID)
                      assertion: { file: ~/token }
                """)
            for name in ["pod", "app"] {
                let link = try explainFirstLink(profiles, env, profile: name, environment: environment)
                #expect(link.verdict == .ready, "\(name): \(link.evidence)")
                let attempt = try await runLastAttempt(profiles, env, profile: name, environment: environment)
                #expect(attempt.outcome == .authenticated, "\(name): \(attempt.reason ?? "")")
            }
        }
    }

    @Test func aSecretFileUnderHomeIsReadyAndAuthenticates() async throws {
        try await withFakeProfiles { env in
            let (home, environment) = try home(env)
            try FakeProfileEnvironment.secret.write(toFile: home + "/secret", atomically: true, encoding: .utf8)
            chmod(home + "/secret", 0o600)
            let profiles = env.profiles(Self.secretProfile("~/secret"))
            #expect(try explainFirstLink(profiles, env, environment: environment).verdict == .ready)
            #expect(try await runLastAttempt(profiles, env, environment: environment).outcome == .authenticated)
        }
    }

    /// Paths Azure Identity's own variables give (`AZURE_CLIENT_CERTIFICATE_PATH` for an `environment` link,
    /// `AZURE_FEDERATED_TOKEN_FILE` for a managed identity link on workload identity) follow the same rule: the
    /// credential expands `~` from the environment's HOME as the dry run does.
    @Test func azureVariablesNamingAPathUnderHomeAgree() async throws {
        try await withFakeProfiles { env in
            let certificate = try env.fake.certificateAuthority.issueClientCertificate(commonName: "env app")
            let issuer = FakeFederatedIssuer(issuer: "https://oidc.cluster.example/variables")
            env.fake.register(issuer)
            env.fake.register(
                FakeApplication(
                    clientID: FakeProfileEnvironment.clientID, tenantID: FakeProfileEnvironment.tenant,
                    certificates: [certificate.certificate]))
            env.fake.register(
                FakeApplication(
                    clientID: Self.federatedClientID, tenantID: FakeProfileEnvironment.tenant,
                    federatedCredentials: [FakeFederatedCredential(issuer: issuer.issuer, subject: Self.subject)]))
            let (home, base) = try home(env)
            try certificate.combinedPEM.write(toFile: home + "/app.pem", atomically: true, encoding: .utf8)
            chmod(home + "/app.pem", 0o600)
            try issuer.mintToken(subject: Self.subject)
                .write(toFile: home + "/token", atomically: true, encoding: .utf8)
            let profiles = env.profiles(
                """
                  app:
                    tenant: test
                    credential: { type: environment }
                  pod:
                    tenant: test
                    credential: { type: managedIdentity, clientId: \(Self.federatedClientID) }
                """)
            let cases: [(String, [String: String])] = [
                (
                    "app",
                    [
                        "AZURE_TENANT_ID": FakeProfileEnvironment.tenant,
                        "AZURE_CLIENT_ID": FakeProfileEnvironment.clientID,
                        "AZURE_CLIENT_CERTIFICATE_PATH": "~/app.pem",
                    ]
                ),
                ("pod", ["AZURE_TENANT_ID": FakeProfileEnvironment.tenant, "AZURE_FEDERATED_TOKEN_FILE": "~/token"]),
            ]
            for (name, variables) in cases {
                let environment = base.merging(variables) { $1 }
                let link = try explainFirstLink(profiles, env, profile: name, environment: environment)
                #expect(link.verdict == .ready, "\(name): \(link.evidence)")
                let attempt = try await runLastAttempt(profiles, env, profile: name, environment: environment)
                #expect(attempt.outcome == .authenticated, "\(name): \(attempt.reason ?? "")")

                var homeless = environment
                homeless["HOME"] = nil
                let unset = try explainFirstLink(profiles, env, profile: name, environment: homeless)
                #expect(unset.verdict == .unavailable, "\(name): \(unset.evidence)")
                #expect(unset.evidence.contains { $0.detail.contains("it starts with ~ and HOME is not set") })
                let failed = try await runLastAttempt(profiles, env, profile: name, environment: homeless)
                #expect(failed.outcome == .unavailable, "\(name): \(failed.reason ?? "")")
                #expect(
                    failed.reason?.contains("it starts with ~ and HOME is not set") == true,
                    "\(name): \(failed.reason ?? "")")
            }
        }
    }

    static func secretProfile(_ path: String) -> String {
        """
          app:
            tenant: test
            credential:
              type: clientSecret
              clientId: \(FakeProfileEnvironment.clientID)
              clientSecret: { file: "\(path)" }
        """
    }

    static func certificateProfile(_ path: String) -> String {
        """
          app:
            tenant: test
            credential:
              type: clientCertificate
              clientId: \(FakeProfileEnvironment.clientID)
              certificate: { path: "\(path)" }
        """
    }

    /// `HOME` unset or empty: both say the path cannot be found and why, and the link is unavailable (as for a
    /// file that does not exist); neither falls back to the process's home or to `<cwd>/~`. `~user` fails in both.
    static let unresolvable: [(String, [String: String], LinkOutcome, String)] = [
        ("~/app.pem", ["PATH": ""], .unavailable, "cannot be found: it starts with ~ and HOME is not set"),
        ("~/app.pem", ["PATH": "", "HOME": ""], .unavailable, "cannot be found: it starts with ~ and HOME is not set"),
        ("~", ["PATH": ""], .unavailable, "cannot be found: it starts with ~ and HOME is not set"),
        (
            "~root/app.pem", ["PATH": "", "HOME": "/"], .failed,
            "starts with ~user, which is not supported (only ~ and ~/ for HOME)"
        ),
    ]

    @Test(arguments: unresolvable)
    func anUnresolvableHomePathIsTheSameProblemInBoth(
        _ path: String, _ environment: [String: String], _ outcome: LinkOutcome, _ detail: String
    ) async throws {
        try await withFakeProfiles { env in
            for (profile, what) in [
                (Self.certificateProfile(path), "certificate.path: certificate file"),
                (Self.secretProfile(path), "clientSecret: secret file"),
            ] {
                let profiles = env.profiles(profile)
                let link = try explainFirstLink(profiles, env, environment: environment)
                let attempt = try await runLastAttempt(profiles, env, environment: environment)
                #expect(attempt.outcome == outcome, "\(attempt.reason ?? "")")
                #expect(link.verdict.runtimeOutcome == outcome)
                #expect(
                    link.evidence.contains { $0.subject == "file \(path)" && $0.detail == detail },
                    "\(link.evidence)")
                #expect(attempt.reason?.contains("\(what) \(path) \(detail)") == true, "\(attempt.reason ?? "")")
            }
        }
    }

    /// A cloud's `caBundle` under `~`: the run's transport trusts it (the token comes from the fake, which only
    /// that CA vouches for) and explain counts its certificates; with `HOME` unset both name the same problem.
    @Test func aCABundleUnderHomeIsTrustedByTheRunAndReadByTheDryRun() async throws {
        try await withFakeProfiles { env in
            let (home, environment) = try home(env)
            try env.fake.caCertificatePEM.write(toFile: home + "/ca.pem", atomically: true, encoding: .utf8)
            let profiles = """
                version: 1
                clouds:
                  fake:
                    authorityHost: \(env.fake.authorityURL)
                    allowLoopback: true
                    caBundle: ~/ca.pem
                tenants:
                  test: { id: \(FakeProfileEnvironment.tenant), cloud: fake }
                profiles:
                \(Self.secretProfile(env.directory + "/secret"))
                """
            try FakeProfileEnvironment.secret.write(
                toFile: env.directory + "/secret", atomically: true,
                encoding: .utf8)
            chmod(env.directory + "/secret", 0o600)
            let entry = try #require(ProfileCatalog.load(text: profiles).entry(named: "app"))
            let explanation = ProfileExplainer(
                context: InspectionContext(
                    environment: environment, workingDirectory: env.directory)
            ).explain(entry)
            #expect(
                explanation.context.contains { $0.subject == "caBundle ~/ca.pem" && $0.detail == "1 certificate" },
                "\(explanation.context)")
            // No injected transport: the profile's own, built from the caBundle.
            let credential = try ProfileCredential(
                entry: entry,
                options: ProfileRuntimeOptions(
                    environment: environment, workingDirectory: env.directory))
            let evaluation = try await credential.evaluate(for: TokenRequest(scopes: [FakeProfileEnvironment.scope]))
            #expect(evaluation.token != nil, "\(evaluation.attempts.map { $0.reason ?? "" })")

            let unset = ["PATH": ""]
            let problem = "caBundle ~/ca.pem cannot be found: it starts with ~ and HOME is not set"
            let dry = ProfileExplainer(
                context: InspectionContext(
                    environment: unset, workingDirectory: env.directory)
            ).explain(entry)
            #expect(dry.context.contains { $0.subject == "caBundle" && $0.detail == problem }, "\(dry.context)")
            let error = #expect(throws: AuthProfileError.self) {
                try ProfileCredential(
                    entry: entry,
                    options: ProfileRuntimeOptions(
                        environment: unset, workingDirectory: env.directory))
            }
            #expect(error?.description.contains(problem) == true, "\(String(describing: error))")
        }
    }

    /// The binder resolves a workload identity's token file path before the credential reads `AZURE_TENANT_ID`, so
    /// a path it refuses (`~user`, or `~` without HOME) decides the outcome even when that variable is unset; the
    /// dry run used to say unavailable (the variable) where the run failed (the path).
    @Test(arguments: ["~someone/token", "~/token"])
    func anUnresolvableTokenFileComesBeforeTheTenantVariable(_ tokenFile: String) async throws {
        try await withFakeProfiles { env in
            let environment = ["PATH": ""]  // no HOME, no AZURE_TENANT_ID
            let profiles = env.profiles(
                """
                  app:
                    credential: { type: workloadIdentity, clientId: \(Self.federatedClientID), tokenFile: \(tokenFile) }
                """)
            let link = try explainFirstLink(profiles, env, environment: environment)
            let attempt = try await runLastAttempt(profiles, env, environment: environment)
            #expect(link.verdict.runtimeOutcome == attempt.outcome, "\(link.evidence) vs \(attempt.reason ?? "")")
        }
    }
}
