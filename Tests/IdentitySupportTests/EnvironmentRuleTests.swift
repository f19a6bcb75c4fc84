// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

/// Issue 10 item 3: "an empty variable counts as unset" is written once, in `EnvironmentVariables`. This reads the
/// package's sources (as the schema and diagnostics checks read theirs) and fails on any other lookup of a
/// variable in an environment dictionary, so that the rule cannot be written a ninth time by accident.
@Suite struct EnvironmentRuleTests {
    static let sources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources")

    /// `environment[…]` (any capitalisation, any prefix such as `options.` or `child`) that is not assigned to.
    static let lookup = try! NSRegularExpression(
        pattern: #"environment\s*\[[^\]\n]*\](?!\s*=[^=])"#,
        options: [.caseInsensitive])

    @Test func noVariableIsLookedUpOutsideEnvironmentVariables() throws {
        let files = try FileManager.default.subpathsOfDirectory(atPath: Self.sources.path)
            .filter { $0.hasSuffix(".swift") && $0 != "IdentitySupport/EnvironmentVariables.swift" }
        #expect(files.count > 100, "the sources were found")
        var offenders: [String] = []
        for file in files {
            let text = try String(contentsOf: Self.sources.appendingPathComponent(file), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = String(line)
                if line.trimmingCharacters(in: .whitespaces).hasPrefix("//") { continue }
                let range = NSRange(line.startIndex..., in: line)
                if Self.lookup.firstMatch(in: line, range: range) != nil {
                    offenders.append("\(file):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
        #expect(
            offenders.isEmpty,
            """
            Look variables up through EnvironmentVariables (an empty value counts as unset there):
            \(offenders.joined(separator: "\n"))
            """)
    }

    @Test func thePatternFindsLookupsAndNotAssignments() {
        func matches(_ line: String) -> Bool {
            Self.lookup.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil
        }
        #expect(matches(#"let x = options.environment["PATH"]"#))
        #expect(matches(#"guard let v = environment[name], !v.isEmpty"#))
        #expect(matches(#"ProcessInfo.processInfo.environment["HOME"] ?? """#))
        #expect(matches(#"if childEnvironment[key] == nil"#))
        #expect(!matches(#"environment["AZURE_CORE_NO_COLOR"] = "true""#))
        #expect(!matches(#"environment[key] = value"#))
    }
}
