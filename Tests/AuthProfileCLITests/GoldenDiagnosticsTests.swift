// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfileCLI
import AuthProfiles
import Foundation
import Testing

/// Every diagnostic code has a fixture that triggers it, and `validate` prints the same bytes for it in
/// every format as the recorded golden file (re-record with `RECORD_GOLDENS=1 swift test`).
@Suite struct GoldenDiagnosticsTests {
    static let fixtures = CLIHarness.invalidFixtures()

    @Test func everyCodeHasAFixture() {
        let covered = Set(Self.fixtures.map { ($0 as NSString).lastPathComponent.prefix(5) }.map(String.init))
        // AP100 (unreadable file) has no file to commit; `unreadableInputExitsWithUsageStatus` covers it.
        let missing = DiagnosticCode.all.map(\.rawValue).filter { !covered.contains($0) && $0 != "AP100" }
        #expect(missing.isEmpty, "codes without a fixture: \(missing)")
        #expect(Self.fixtures.count >= DiagnosticCode.all.count - 1)
    }

    @Test(arguments: fixtures)
    func fixtureReportsItsCode(_ fixture: String) async throws {
        let code = String((fixture as NSString).lastPathComponent.prefix(5))
        let expected = try #require(DiagnosticCode(rawValue: code), "fixture name must start with a code")
        let run = await CLIHarness.run(
            ["validate", "--format", "json"] + CLIHarness.arguments(for: fixture) + [fixture])
        #expect(run.stdout.contains("\"code\": \"\(code)\""), "\(fixture) does not report \(code):\n\(run.stdout)")
        let expectedStatus: Int32 = expected.defaultSeverity == .error ? 1 : 0
        #expect(run.status == expectedStatus)
    }

    @Test(arguments: fixtures, DiagnosticFormat.allCases)
    func outputMatchesGolden(_ fixture: String, _ format: DiagnosticFormat) async throws {
        let run = await CLIHarness.run(
            ["validate", "--format", format.rawValue] + CLIHarness.arguments(for: fixture) + [fixture])
        let stem = ((fixture as NSString).lastPathComponent as NSString).deletingPathExtension
        let golden = try CLIHarness.matchGolden(run.transcript, named: "\(stem).\(format.rawValue)")
        #expect(golden.matches, "output differs from golden \(stem).\(format.rawValue):\n\(run.transcript)")
    }
}

@Suite struct DiagnosticsDocumentTests {
    @Test func documentsEveryCode() throws {
        let document = try String(contentsOfFile: "\(CLIHarness.packageRoot)/docs/diagnostics.md", encoding: .utf8)
        for code in DiagnosticCode.all {
            #expect(document.contains("### \(code.rawValue) \(code.name)"), "docs/diagnostics.md lacks \(code)")
        }
    }
}
