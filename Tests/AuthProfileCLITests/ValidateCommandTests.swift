// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfileCLI
import AuthProfiles
import Foundation
import Testing

@Suite struct ValidateCommandTests {
    static let fixture = "\(CLIHarness.fixturesDirectory)/invalid"

    @Test func unreadableInputExitsWithUsageStatus() async {
        let run = await CLIHarness.run(["validate", "no/such/profile.yaml"])
        #expect(run.status == ExitStatus.usage.rawValue)
        #expect(run.stdout.contains("no/such/profile.yaml:1:1: error[AP100]: file does not exist"))
    }

    @Test func aDirectoryWithoutProfilesIsAUsageError() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("authprofile-empty-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = await CLIHarness.run(["validate", directory.path])
        #expect(run.status == ExitStatus.usage.rawValue)
        #expect(run.stderr.contains("no profile files"))
        // One message, not an "ok: 0 files" report beside the error.
        #expect(run.stdout.isEmpty)
        for format in ["json", "sarif", "github"] {
            let other = await CLIHarness.run(["validate", "--format", format, directory.path])
            #expect(other.status == ExitStatus.usage.rawValue)
            #expect(other.stdout.isEmpty)
        }
    }

    @Test func aDashReadsStandardInputNamedStdin() async {
        let bad = Array("version: 1\nprofiles:\n  p:\n    credential: { type: azureCli, tenantId: x }\n".utf8)
        let run = await CLIHarness.run(["validate", "-"], standardInput: bad)
        #expect(run.status == ExitStatus.findings.rawValue)
        #expect(run.stdout.hasPrefix("<stdin>:4:"), "\(run.stdout)")
        let good = await CLIHarness.run(
            ["validate", "examples/quickstart.yaml", "-"],
            standardInput: Array("version: 1\nprofiles:\n  p:\n    credential: { type: azureCli }\n".utf8))
        #expect(good.status == ExitStatus.success.rawValue, "\(good.stdout)")
        #expect(good.stdout.contains("ok: 2 files"))
    }

    @Test func standardInputIsBoundedLikeAFile() async {
        let run = await CLIHarness.run(
            ["validate", "--max-file-size", "10", "-"], standardInput: Array(repeating: UInt8(ascii: "#"), count: 11))
        #expect(run.status == ExitStatus.usage.rawValue)
        #expect(run.stderr == "error: validate: standard input is longer than 10 bytes (--max-file-size)\n")
        let twice = await CLIHarness.run(["validate", "-", "-"])
        #expect(twice.status == ExitStatus.usage.rawValue)
        #expect(twice.stderr.contains("at most once"))
    }

    @Test func noArgumentsIsAUsageError() async {
        let run = await CLIHarness.run(["validate"])
        #expect(run.status == ExitStatus.usage.rawValue)
        #expect(run.stderr.contains("give at least one file or directory"))
    }

    @Test func unknownOptionIsAUsageError() async {
        let run = await CLIHarness.run(["validate", "--frmat", "json", "examples"])
        #expect(run.status == ExitStatus.usage.rawValue)
        #expect(run.stderr.contains("--frmat"))
    }

    @Test func warningsPassUnlessStrict() async {
        let file = "\(Self.fixture)/AP409-unused-definition.yaml"
        let lenient = await CLIHarness.run(["validate", file])
        #expect(lenient.status == ExitStatus.success.rawValue)
        #expect(lenient.stdout.contains("warning[AP409]"))
        let strict = await CLIHarness.run(["validate", "--strict", file])
        #expect(strict.status == ExitStatus.findings.rawValue)
        let json = await CLIHarness.run(["validate", "--strict", "--format", "json", file])
        #expect(json.stdout.contains("\"passed\": false"))
    }

    @Test func directoriesAreSearchedRecursivelyInSortedOrder() async {
        let run = await CLIHarness.run(["validate", "--format", "json", Self.fixture])
        let paths = run.stdout.split(separator: "\n").filter { $0.contains("\"path\": \"Tests/") }
        #expect(paths.count == CLIHarness.invalidFixtures().count)
        #expect(paths.map(String.init) == paths.map(String.init).sorted())
        #expect(run.status == ExitStatus.findings.rawValue)
    }

    @Test(arguments: DiagnosticFormat.allCases)
    func inlineSecretsNeverReachAnyOutput(_ format: DiagnosticFormat) async {
        let run = await CLIHarness.run([
            "validate", "--format", format.rawValue,
            "\(Self.fixture)/AP305-inline-secret.yaml",
        ])
        #expect(run.stdout.contains("AP305"))
        #expect(!run.stdout.contains("s3cr3t-do-not-commit"))
        #expect(!run.stderr.contains("s3cr3t-do-not-commit"))
    }

    @Test func schemaCommandPrintsTheGeneratedSchema() async {
        let run = await CLIHarness.run(["schema"])
        #expect(run.status == 0)
        #expect(run.stdout == ProfileSchema.text)
    }

    @Test func helpAndVersion() async throws {
        let version = await CLIHarness.run(["--version"])
        #expect(version.status == 0)
        // A test build records no commit (only scripts/build-release.sh passes one; .ci/run checks that binary).
        #expect(version.stdout == AuthProfileVersion.current + " (development build)\n")
        let help = await CLIHarness.run(["validate", "--help"])
        #expect(help.status == 0)
        let golden = try CLIHarness.matchGolden(help.transcript, named: "help-validate.txt")
        #expect(golden.matches, "help differs:\n\(help.transcript)")
    }
}
