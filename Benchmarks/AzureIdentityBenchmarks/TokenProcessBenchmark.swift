// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation

/// `--token-process BINARY [--timer PROCESS_TIMER] [--az AZ] [--runs N]` (issue 12's goals): the wall time and
/// peak RSS of whole `authprofile token` processes — a fresh token on disk (the fast path), the same without a
/// cache (one request to the fake per run), `--version` — and of `az account get-access-token` answering from its
/// own cache, all against this process's fake Entra ID on 127.0.0.1. The processes are started and timed by
/// `ProcessTimer` (C), so their RSS is their own; this harness only sets up, and may be a debug build.
func benchmarkTokenProcess(fake: FakeEntraID, arguments: [String]) async throws {
    func value(_ flag: String) -> String? {
        arguments.firstIndex(of: flag).flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
    }
    guard let binary = value("--token-process") else { throw BenchmarkFailure("--token-process BINARY is required") }
    let harness = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let timer = value("--timer") ?? harness.appendingPathComponent("ProcessTimer").path
    let runs = value("--runs").flatMap(Int.init) ?? 25
    // `--keep DIR`: the profile, CA and cache stay in DIR (and the key in the keyring), for profiling a hit by hand.
    let kept = value("--keep")
    let directory =
        kept.map { URL(fileURLWithPath: $0) }
        ?? FileManager.default.temporaryDirectory.appendingPathComponent("authprofile-process-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let name = "bench-\(UUID().uuidString.prefix(8).lowercased())"
    defer {
        if kept == nil {
            try? FileManager.default.removeItem(at: directory)
            try? KernelKeyring().removeKey(named: name)
        }
    }
    try fake.caCertificatePEM.write(to: directory.appendingPathComponent("ca.pem"), atomically: true, encoding: .utf8)
    let file = directory.appendingPathComponent("profiles.yaml").path
    try """
    version: 1
    clouds:
      fake: { authorityHost: \(fake.authorityURL), allowLoopback: true, caBundle: \(directory.path)/ca.pem }
    tenants:
      test: { id: \(tenant), cloud: fake }
    profiles:
      cached:
        tenant: test
        cache: { persistent: true, name: \(name), allowUnencryptedStorage: true }
        credential: { type: clientSecret, clientId: \(clientID), clientSecret: { env: APP_SECRET } }
      uncached:
        tenant: test
        credential: { type: clientSecret, clientId: \(clientID), clientSecret: { env: APP_SECRET } }
    """.write(toFile: file, atomically: true, encoding: .utf8)
    let environment = [
        "PATH": "/usr/bin:/bin", "HOME": directory.path, "XDG_CACHE_HOME": directory.path + "/cache",
        "APP_SECRET": secret, "LANG": "C.UTF-8",
    ]
    let scope = scopes[0]
    func token(_ profile: String, _ extra: [String] = []) -> [String] {
        [binary, "token", profile, "--file", file, "--scope", scope] + extra
    }

    let first = try await runOnce(token("cached"), environment: environment)
    guard first.status == 0 else { throw BenchmarkFailure("the first token run failed: \(first.stderr)") }
    let explained = try await runOnce([binary, "explain", "cached", "--file", file], environment: environment)
    let protection = explained.stdout.split(separator: "\n").first { $0.contains("token cache:") } ?? "?"
    print("cache: \(protection.trimmingCharacters(in: .whitespaces))")
    if kept != nil {
        let shown = environment.filter { $0.key != "APP_SECRET" }.sorted { $0.key < $1.key }
        print(
            "a hit: env \(shown.map { "\($0.key)=\($0.value)" }.joined(separator: " ")) \(token("cached").joined(separator: " "))"
        )
    }
    let requests = fake.tokenRequests.count

    print("process wall time, \(runs) runs after 2 warm-up runs (ProcessTimer):")
    let hit = try await time(timer, runs, token("cached"), environment)
    print("  token, fresh token on disk (json):            \(hit)")
    let exec = try await time(timer, runs, token("cached", ["--format", "exec-credential"]), environment)
    print("  token, fresh token on disk (exec-credential): \(exec)")
    // A release's bin/authprofile is the token shortcut; the full program it starts otherwise answers the same
    // record itself, after the start-up of the whole binary.
    let full = URL(fileURLWithPath: binary).deletingLastPathComponent().appendingPathComponent(
        "../libexec/authprofile/authprofile"
    ).standardized.path
    if FileManager.default.isExecutableFile(atPath: full) {
        var direct = token("cached", ["--format", "exec-credential"])
        direct[0] = full
        print("  the same, by libexec's full program:          \(try await time(timer, runs, direct, environment))")
    }
    let sent = fake.tokenRequests.count - requests
    print("  token requests sent by those runs: \(sent)\(sent == 0 ? "" : " — NOT answered from the cache")")
    print(
        "  token, no cache (one request each):           \(try await time(timer, runs, token("uncached"), environment))"
    )
    print(
        "  --version:                                    \(try await time(timer, runs, [binary, "--version"], environment))"
    )

    guard let az = value("--az") else { return }
    let proxy = try await FakeProxy()
    let azDirectory = directory.appendingPathComponent("az")
    let signIn = try await AzureCliSignIn(
        az: URL(fileURLWithPath: az), fake: fake, directory: azDirectory, proxyURL: proxy.url, clientID: clientID,
        secret: secret, tenantID: tenant)
    let azToken = [az, "account", "get-access-token", "--scope", scope, "--output", "json"]
    try await signIn.run(Array(azToken.dropFirst()))
    let before = fake.tokenRequests.count
    let azRuns = min(runs, 10)
    print(
        "  az account get-access-token, from its cache:  \(try await time(timer, azRuns, azToken, signIn.environment))")
    print("  (az sent \(fake.tokenRequests.count - before) token requests; tried other hosts: \(proxy.connectTargets))")
    try await proxy.shutdown()
}

struct BenchmarkFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs `command` once with `environment`; its status, stdout and stderr.
private func runOnce(
    _ command: [String], environment: [String: String]
) async throws -> (status: Int32, stdout: String, stderr: String) {
    let output = try await SubprocessRunner().run(
        ProcessInvocation(
            executable: command[0], arguments: Array(command.dropFirst()), environment: environment,
            timeout: .seconds(120)))
    return (output.exitCode, output.standardOutput, output.standardError)
}

/// `ProcessTimer runs command…` with `environment` (inherited by every run); its report line.
private func time(
    _ timer: String, _ runs: Int, _ command: [String], _ environment: [String: String]
) async throws -> String {
    let output = try await SubprocessRunner().run(
        ProcessInvocation(
            executable: timer, arguments: ["\(runs)"] + command, environment: environment, timeout: .seconds(600)))
    guard output.exitCode == 0 else { throw BenchmarkFailure("ProcessTimer: \(output.standardError)") }
    return output.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
}
