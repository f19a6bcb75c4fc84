// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentityTesting
import Foundation
import Testing

/// The release binary (scripts/build-release.sh) on a machine without a Swift toolchain (issue 14).
///
/// Run by scripts/check-release.sh in `.ci/run`, which builds and installs the archive and sets
/// `AUTHPROFILE_RELEASE_BINARY` (the installed binary) and `AUTHPROFILE_HIDDEN_TOOLCHAIN` (the toolchain's root).
/// Each run of the binary happens in a private mount namespace where an empty tmpfs covers the toolchain, so a
/// missing `libswiftCore.so` or `libFoundation.so` would stop it. `token` talks to the fake Entra ID on 127.0.0.1.
@Suite(
    .enabled(
        if: ProcessInfo.processInfo.environment["AUTHPROFILE_RELEASE_BINARY"] != nil,
        "set by scripts/check-release.sh after it builds the release archive"))
struct ReleaseBinaryTests {
    static let environment = ProcessInfo.processInfo.environment
    static let binary = environment["AUTHPROFILE_RELEASE_BINARY"] ?? ""
    static let toolchain = environment["AUTHPROFILE_HIDDEN_TOOLCHAIN"] ?? ""

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `script` with `/bin/sh` in a mount namespace that hides the toolchain; `$BIN` is the binary.
    static func hidden(_ script: String, environment: [String: String] = [:]) async throws -> Run {
        let unprivileged = getuid() != 0
        let wrapper = """
            mount -t tmpfs -o size=1m authprofile-no-toolchain "$TOOLCHAIN" || exit 90
            \(script)
            """
        var arguments = ["--mount", "--propagation", "private"]
        if unprivileged { arguments = ["--user", "--map-root-user"] + arguments }
        arguments += ["/bin/sh", "-c", wrapper]
        var childEnvironment = ["PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "LANG": "C.UTF-8"]
        childEnvironment["BIN"] = binary
        childEnvironment["TOOLCHAIN"] = toolchain
        childEnvironment.merge(environment) { _, new in new }
        let (command, variables) = (arguments, childEnvironment)
        return try await BlockingWork.run {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("release-\(UUID())")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let out = directory.appendingPathComponent("out")
            let err = directory.appendingPathComponent("err")
            FileManager.default.createFile(atPath: out.path, contents: nil)
            FileManager.default.createFile(atPath: err.path, contents: nil)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
            process.arguments = command
            process.environment = variables
            process.currentDirectoryURL = URL(fileURLWithPath: CLIHarness.packageRoot)
            process.standardOutput = try FileHandle(forWritingTo: out)
            process.standardError = try FileHandle(forWritingTo: err)
            try process.run()
            // Bounded: a hung binary is killed, and the test fails on its status.
            let killer = DispatchWorkItem { process.terminate() }
            DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(60), execute: killer)
            process.waitUntilExit()
            killer.cancel()
            return Run(
                status: process.terminationStatus,
                stdout: try String(contentsOf: out, encoding: .utf8),
                stderr: try String(contentsOf: err, encoding: .utf8))
        }
    }

    @Test func theToolchainIsReallyHidden() async throws {
        let run = try await Self.hidden(#"ls -A "$TOOLCHAIN"; command -v swift || echo no-swift"#)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "no-swift\n", "the namespace still shows the toolchain: \(run.stdout)")
    }

    @Test func versionNamesTheCommit() async throws {
        let run = try await Self.hidden(#""$BIN" --version"#)
        #expect(run.status == 0, "\(run.stderr)")
        let pattern = #"^\d+\.\d+\.\d+ \(commit [0-9a-f]{12}(-dirty)?\)\n$"#
        #expect(run.stdout.range(of: pattern, options: .regularExpression) != nil, "\(run.stdout)")
    }

    @Test func validateAndExplainRun() async throws {
        let validate = try await Self.hidden(#""$BIN" validate --strict examples/quickstart.yaml examples/team.yaml"#)
        #expect(validate.status == 0, "\(validate.stdout)\(validate.stderr)")
        let explain = try await Self.hidden(#""$BIN" explain --file examples/quickstart.yaml local"#)
        #expect(explain.status == 0, "\(explain.stdout)\(explain.stderr)")
        #expect(explain.stdout.contains("conclusion:"), "\(explain.stdout)")
    }

    @Test func tokenGetsOneFromTheFake() async throws {
        let tenant = "11111111-2222-3333-4444-555555555555"
        let client = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
        let secret = "release~Secret.0123456789abcdef"
        let fake = try await FakeEntraID.started()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("release-token-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            fake.addTenant(tenant)
            fake.register(FakeApplication(clientID: client, tenantID: tenant, secrets: [secret]))
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try fake.caCertificatePEM.write(toFile: directory + "/ca.pem", atomically: true, encoding: .utf8)
            let profiles = """
                version: 1
                clouds:
                  fake: { authorityHost: \(fake.authorityURL), allowLoopback: true, caBundle: \(directory)/ca.pem }
                tenants:
                  test: { id: \(tenant), cloud: fake }
                profiles:
                  app:
                    tenant: test
                    credential: { type: clientSecret, clientId: \(client), clientSecret: { env: APP_SECRET } }

                """
            try profiles.write(toFile: directory + "/profiles.yaml", atomically: true, encoding: .utf8)
            let run = try await Self.hidden(
                #""$BIN" token app --file "$PROFILES" --scope https://management.azure.com/.default --format json"#,
                environment: ["PROFILES": directory + "/profiles.yaml", "APP_SECRET": secret])
            #expect(run.status == 0, "\(run.stderr)")
            let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
            #expect((json?["accessToken"] as? String)?.isEmpty == false, "\(run.stdout)")
            #expect(json?["tenant"] as? String == tenant, "\(run.stdout)")
            #expect(!run.stderr.contains(secret))
            #expect(fake.tokenRequests.count == 1)
            try await fake.shutdown()
        } catch {
            try? await fake.shutdown()
            throw error
        }
    }
}
