// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

/// `authprofile token` and `explain --live` end to end against the fake Entra ID: the CLI builds its own transport,
/// trusting the fake through the profile cloud's `caBundle`.
@Suite struct TokenCommandTests {
    static let tenant = "11111111-2222-3333-4444-555555555555"
    static let clientID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
    static let secret = "cli~Secret.0123456789abcdef"

    struct Setup {
        let fake: FakeEntraID
        let directory: String
        var file: String { directory + "/profiles.yaml" }
        var environment: [String: String] { ["GOOD": TokenCommandTests.secret, "BAD": "nope~nope", "PATH": ""] }
    }

    func withSetup(_ body: (Setup) async throws -> Void) async throws {
        let fake = try await FakeEntraID.started()
        fake.addTenant(Self.tenant)
        fake.register(FakeApplication(clientID: Self.clientID, tenantID: Self.tenant, secrets: [Self.secret]))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("authprofile-cli-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try fake.caCertificatePEM.write(toFile: directory + "/ca.pem", atomically: true, encoding: .utf8)
        let profiles = """
            version: 1
            clouds:
              fake: { authorityHost: \(fake.authorityURL), allowLoopback: true, caBundle: \(directory)/ca.pem }
            tenants:
              test: { id: \(Self.tenant), cloud: fake }
            profiles:
              ci:
                tenant: test
                credential:
                  type: chain
                  links:
                    - { type: workloadIdentity, clientId: \(Self.clientID), tokenFile: { env: NO_FILE } }
                    - { type: azureDeveloperCli }
                    - { type: clientSecret, clientId: \(Self.clientID), clientSecret: { env: GOOD } }
              broken:
                tenant: test
                credential:
                  type: chain
                  links:
                    - { type: clientSecret, clientId: \(Self.clientID), clientSecret: { env: BAD } }
                    - { type: clientSecret, clientId: \(Self.clientID), clientSecret: { env: GOOD } }

            """
        try profiles.write(toFile: directory + "/profiles.yaml", atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            try await body(Setup(fake: fake, directory: directory))
            try await fake.shutdown()
        } catch {
            try? await fake.shutdown()
            throw error
        }
    }

    @Test func printsATokenInEachFormat() async throws {
        try await withSetup { setup in
            let scope = "https://management.azure.com/.default"
            let base = ["token", "ci", "--file", setup.file, "--scope", scope]
            let raw = await CLIHarness.run(base + ["--format", "raw"], environment: setup.environment)
            #expect(raw.status == 0, "\(raw.stderr)")
            let token = raw.stdout.trimmingCharacters(in: .newlines)
            let claims = try #require(setup.fake.verifiedClaims(of: token))
            #expect(claims["appid"] as? String == Self.clientID)

            let json = await CLIHarness.run(base + ["--format", "json"], environment: setup.environment)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            #expect(object["accessToken"] as? String != nil)
            #expect(object["tokenType"] as? String == "Bearer")
            // az's keys: the token's tenant (its `tid`); no subscription, which a profile does not have.
            #expect(object["tenant"] as? String == Self.tenant)
            #expect(Set(object.keys) == ["accessToken", "expiresOn", "expires_on", "tenant", "tokenType"])

            let exec = await CLIHarness.run(base + ["--format", "exec-credential"], environment: setup.environment)
            let credential = try #require(
                try JSONSerialization.jsonObject(with: Data(exec.stdout.utf8)) as? [String: Any])
            #expect(credential["kind"] as? String == "ExecCredential")
            #expect(credential["apiVersion"] as? String == "client.authentication.k8s.io/v1")

            let env = await CLIHarness.run(base + ["--format", "env"], environment: setup.environment)
            #expect(env.stdout.hasPrefix("AZURE_ACCESS_TOKEN='"))
            #expect(!env.stderr.contains(Self.secret) && !json.stderr.contains(Self.secret))
        }
    }

    @Test func failureListsEveryLinkOnStandardError() async throws {
        try await withSetup { setup in
            let run = await CLIHarness.run(
                ["token", "broken", "--file", setup.file, "--scope", "https://vault.azure.net/.default"],
                environment: setup.environment)
            #expect(run.status == 1)
            #expect(run.stdout.isEmpty)
            #expect(run.stderr.contains("profile 'broken' could not get a token"))
            #expect(run.stderr.contains("broken/credential/links[0]:clientSecret"))
            #expect(run.stderr.contains("failed"))
            #expect(run.stderr.contains("broken/credential/links[1]:clientSecret") && run.stderr.contains("notTried"))
            #expect(!run.stderr.contains("nope~nope"))
        }
    }

    @Test func liveExplainReportsOutcomesLatencyCacheAndPrincipal() async throws {
        try await withSetup { setup in
            let run = await CLIHarness.run(
                ["explain", "ci", "--file", setup.file, "--live", "--format", "json", "--expect", "clientSecret"],
                environment: setup.environment)
            #expect(run.status == 0, "\(run.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            let live = try #require(object["live"] as? [[String: Any]])
            #expect(
                live.map { $0["outcome"] as? String } == [
                    "authenticated", "unavailable", "unavailable",
                    "authenticated",
                ])
            let winner = live[3]
            #expect(winner["cacheHit"] as? Bool == false)
            #expect((winner["latencyMicroseconds"] as? Int ?? -1) > 0)
            let principal = try #require(winner["principal"] as? [String: Any])
            #expect(principal["tid"] as? String == Self.tenant)
            #expect(principal["appid"] as? String == Self.clientID)
            #expect(!run.stdout.contains("eyJ"), "no token (JWTs start with eyJ) in the trace")

            let text = await CLIHarness.run(
                ["explain", "ci", "--file", setup.file, "--live"],
                environment: setup.environment)
            #expect(text.stdout.contains("live:"))
            #expect(text.stdout.contains("ci/credential/links[2]:clientSecret  authenticated"))
            #expect(text.stdout.contains("cache miss"))
            #expect(text.stdout.contains("principal: tid=\(Self.tenant)"))
            #expect(text.stdout.hasSuffix("dry run confirmed: ci/credential/links[2]:clientSecret authenticated\n"))
        }
    }
}
