// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

/// A profile with `cache: {persistent: true}` through the CLI: a later `token` (a later process) is answered from
/// disk, `explain` shows the cache, `explain --live` says the hit came from disk.
@Suite struct TokenCacheCommandTests {
    static let tenant = "11111111-2222-3333-4444-555555555555"
    static let clientID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
    static let secret = "cli~Cache.0123456789abcdef"

    /// A fake Entra ID and a profile file `ci` that keeps its tokens in a cache of this test's own (the kernel
    /// keyring, when usable, is shared by every process of the user); `body` gets the fake, the directory, the file
    /// and the environment of the runs. Everything is removed afterwards.
    private func withCachedProfile(
        _ body: (
            FakeEntraID, _ directory: String, _ file: String, _ environment: [String: String], _ cacheName: String
        ) async throws -> Void
    ) async throws {
        let fake = try await FakeEntraID.started()
        fake.addTenant(Self.tenant)
        fake.register(FakeApplication(clientID: Self.clientID, tenantID: Self.tenant, secrets: [Self.secret]))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("authprofile-cli-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let name = "cli-test-\(UUID().uuidString.prefix(8))"
        defer { try? KernelKeyring().removeKey(named: name) }
        try fake.caCertificatePEM.write(toFile: directory + "/ca.pem", atomically: true, encoding: .utf8)
        try """
        version: 1
        clouds:
          fake: { authorityHost: \(fake.authorityURL), allowLoopback: true, caBundle: \(directory)/ca.pem }
        profiles:
          ci:
            tenant: \(Self.tenant)
            cloud: fake
            cache: { persistent: true, name: \(name), allowUnencryptedStorage: true }
            credential: { type: clientSecret, clientId: \(Self.clientID), clientSecret: { env: GOOD } }
        """.write(toFile: directory + "/profiles.yaml", atomically: true, encoding: .utf8)
        let environment = ["GOOD": Self.secret, "PATH": "", "XDG_CACHE_HOME": directory + "/xdg", "HOME": directory]
        do {
            try await body(fake, directory, directory + "/profiles.yaml", environment, name)
            try await fake.shutdown()
        } catch {
            try? await fake.shutdown()
            throw error
        }
    }

    @Test func laterRunsAreAnsweredFromDisk() async throws {
        try await withCachedProfile { fake, directory, file, environment, name in
            let first = await CLIHarness.run(
                ["token", "ci", "--file", file, "--scope", "https://management.azure.com/.default"],
                environment: environment)
            #expect(first.status == 0, "\(first.stderr)")
            let second = await CLIHarness.run(
                ["token", "ci", "--file", file, "--scope", "https://management.azure.com/.default"],
                environment: environment)
            #expect(second.stdout == first.stdout && !first.stdout.isEmpty)
            #expect(fake.tokenRequests.count == 1, "the second run was answered from the cache file")
            let cacheFile = directory + "/xdg/authprofile/\(name).cache"
            #expect(FileManager.default.fileExists(atPath: cacheFile))

            let dry = await CLIHarness.run(["explain", "ci", "--file", file], environment: environment)
            #expect(dry.stdout.contains("token cache: \(name) at \(cacheFile)"), "\(dry.stdout)")
            #expect(dry.stdout.contains("cached token https://management.azure.com/.default: would answer; expires"))
            let live = await CLIHarness.run(["explain", "ci", "--file", file, "--live"], environment: environment)
            #expect(live.stdout.contains("cache hit (disk)"), "\(live.stdout)")
            for output in [first.stderr, dry.stdout, dry.stderr, live.stdout, live.stderr] {
                #expect(!output.contains(Self.secret))
                #expect(!output.contains("eyJ"), "no token in explain or on stderr")
            }
            #expect(fake.tokenRequests.count == 1)
        }
    }

    @Test("the fast path prints what the run prints, in every format, and declines what the run must do")
    func fastPathPrintsWhatTheRunPrints() async throws {
        try await withCachedProfile { fake, _, file, plain, _ in
            var environment = plain
            environment["KUBERNETES_EXEC_INFO"] =
                #"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","spec":{"interactive":false}}"#
            let base = ["token", "ci", "--file", file, "--scope", "https://management.azure.com/.default"]
            #expect(CLIHarness.runFromPersistentCache(base, environment: environment) == nil, "nothing on disk yet")
            let first = await CLIHarness.run(base, environment: environment)
            #expect(first.status == 0, "\(first.stderr)")
            for format in ["json", "raw", "exec-credential", "env"] {
                let arguments = base + ["--format", format]
                let fast = try #require(
                    CLIHarness.runFromPersistentCache(arguments, environment: environment), "\(format)")
                let run = await CLIHarness.run(arguments, environment: environment, fastPath: false)
                #expect(fast.status == 0 && run.status == 0, "\(format): \(run.stderr)")
                #expect(fast.stdout == run.stdout && !fast.stdout.isEmpty, "\(format)")
                #expect(fast.stderr.isEmpty && run.stderr.isEmpty, "\(format)")
            }
            // The run's business: a claims challenge, a scope with no token on disk, a usage error, another command.
            let declined = [
                base + ["--claims", #"{"access_token":{"nbf":{"essential":true}}}"#],
                ["token", "ci", "--file", file, "--scope", "https://vault.azure.net/.default"],
                base + ["--format", "yaml"],
                ["token", "nosuch", "--file", file, "--scope", "https://x.example/.default"],
                ["explain", "ci", "--file", file],
            ]
            for arguments in declined {
                #expect(CLIHarness.runFromPersistentCache(arguments, environment: environment) == nil, "\(arguments)")
            }
            #expect(fake.tokenRequests.count == 1, "every other answer came from the cache file")
        }
    }
}
