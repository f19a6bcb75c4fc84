// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

@testable import AuthProfiles

/// Replays every input in `Fuzz/regressions/`: each once crashed, hung or gave different output per run.
@Suite struct FuzzRegressionTests {
    static let directory: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Fuzz/regressions").path
    }()

    static let inputs: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
        .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }.sorted()

    @Test func thereAreRegressions() {
        #expect(Self.inputs.count >= 5)
        // The strict JSON scanner's (issue 11 item 1): nesting, cut escapes, lone surrogates, a long minified line.
        #expect(Self.inputs.filter { $0.hasSuffix(".json") }.count >= 4)
    }

    /// Debug builds are ~10× slower than release; the limit only catches a hang, it measures nothing.
    @Test(.timeLimit(.minutes(2)), arguments: inputs)
    func replaysWithoutCrashingAndDeterministically(_ name: String) throws {
        let bytes = try #require(FileManager.default.contents(atPath: "\(Self.directory)/\(name)"))
        let first = ProfileValidator().validate(bytes: [UInt8](bytes), path: name)
        let second = ProfileValidator().validate(bytes: [UInt8](bytes), path: name)
        #expect(first.diagnostics == second.diagnostics)
        #expect(first.diagnostics.allSatisfy { !$0.message.contains("<uncovertable>") })
    }

    @Test func longReferenceChainsAreCheckedWithoutRecursion() {
        var yaml = "version: 1\nprofiles:\n"
        for index in 1..<20_000 { yaml += "  a\(index): {credential: {type: profile, name: a\(index + 1)}}\n" }
        yaml += "  a20000: {credential: {type: profile, name: a1}}\n"
        let result = validate(yaml)
        #expect(result.diagnostics.map(\.code) == [.referenceCycle])
    }
}
