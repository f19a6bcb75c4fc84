// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import Foundation
import Testing

/// The files under `examples/`: every one must validate without a single diagnostic, and together they
/// must show every credential kind.
///
/// `examples/warnings/` holds examples that are valid but always warn (a deprecated credential kind); they
/// must have warnings and no errors.
@Suite("Examples")
struct ExamplesTests {
    /// The package root, found from this file's path (`Tests/AuthProfilesTests/ExamplesTests.swift`).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The folder of examples that warn by design.
    static let warningsFolder = "warnings"

    /// Every profile file under `examples/`, as paths relative to the package root, sorted.
    static let allExamples: [String] = ProfileFileDiscovery.discover(
        ["examples"], workingDirectory: packageRoot.path
    )
    .map(\.displayPath)
    .filter { path in FileManager.default.fileExists(atPath: absolute(path)) }

    /// The examples that must be free of diagnostics.
    static let cleanExamples: [String] = allExamples.filter { !$0.hasPrefix("examples/\(warningsFolder)/") }

    /// The examples that must warn (and only warn).
    static let warningExamples: [String] = allExamples.filter { $0.hasPrefix("examples/\(warningsFolder)/") }

    static func absolute(_ relativePath: String) -> String {
        packageRoot.appendingPathComponent(relativePath).path
    }

    static func validate(_ relativePath: String) -> ValidationResult {
        ProfileValidator().validate(fileAtPath: absolute(relativePath), displayPath: relativePath)
    }

    @Test("There are examples, and they are not all in the warnings folder")
    func examplesExist() {
        #expect(!Self.allExamples.isEmpty, "no profile files found under \(Self.absolute("examples"))")
        #expect(!Self.cleanExamples.isEmpty)
    }

    @Test("An example validates without any diagnostic", arguments: cleanExamples)
    func exampleIsClean(_ path: String) throws {
        let result = Self.validate(path)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description).joined(separator: "\n"))")
        let graph = try #require(result.graph)
        #expect(!graph.profiles.isEmpty)
    }

    @Test("An example in examples/warnings/ has warnings and no errors", arguments: warningExamples)
    func warningExampleOnlyWarns(_ path: String) {
        let result = Self.validate(path)
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.map(\.description).joined(separator: "\n"))")
        #expect(result.graph != nil)
        #expect(
            result.diagnostics.contains { $0.severity == .warning },
            "\(path) has no warning; move it out of examples/\(Self.warningsFolder)/")
    }

    @Test("The examples show every credential kind")
    func examplesCoverEveryKind() {
        var seen: Set<CredentialKind> = []
        for path in Self.allExamples {
            guard let graph = Self.validate(path).graph else { continue }
            for profile in graph.profiles {
                profile.credential.forEachNode { seen.insert($0.kind) }
            }
        }
        let missing = CredentialKind.allCases.filter { !seen.contains($0) }
        #expect(missing.isEmpty, "no example uses: \(missing.map(\.rawValue).joined(separator: ", "))")
    }
}
