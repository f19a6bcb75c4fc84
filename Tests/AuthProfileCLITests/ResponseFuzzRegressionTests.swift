// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

@testable import AzureIdentity

/// Replays every committed input of the response-side fuzz targets through the fuzzer's own entry points: the
/// seeds in `Fuzz/corpus-<target>/` (realistic answers) and the regressions in `Fuzz/regressions-<target>/` (inputs
/// that once trapped, hung or broke a rule). `ResponseFuzzing/` here is a link to `Fuzz/Sources/ResponseFuzzing`,
/// so the test and `scripts/fuzz.sh` run the same code.
///
/// Each input runs in a child process (an exit test): one that still traps fails its own case instead of ending
/// the whole run, and the child's standard error says what it found.
@Suite struct ResponseFuzzRegressionTests {
    struct Input: Codable, Sendable, CustomTestStringConvertible {
        var target: String
        var path: String
        var testDescription: String { path }
    }

    static let fuzzDirectory: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Fuzz")
    }()

    /// `corpus-<target>/*` and `regressions-<target>/*` for every target, except the directories' README files.
    static let inputs: [Input] = FuzzTarget.all.flatMap { target in
        ["corpus-", "regressions-"].flatMap { prefix in
            let directory = "\(prefix)\(target.name)"
            let names =
                (try? FileManager.default.contentsOfDirectory(
                    atPath: fuzzDirectory.appendingPathComponent(directory).path
                )) ?? []
            return names.filter { $0 != "README.md" }.sorted().map {
                Input(target: target.name, path: "\(directory)/\($0)")
            }
        }
    }

    /// Regressions not fixed yet (`Fuzz/known-open.txt`, which `scripts/fuzz.sh` reads too), by the file name's first
    /// word. A listed input that still fails is a known issue; once it is fixed the known issue is "not recorded" and
    /// the test fails until the line is deleted from the file. (Issue 9 items 1, 2, 3, 8, 17 and 19 are fixed: their
    /// inputs must pass.)
    static let knownOpen: [String: String] = {
        let file = fuzzDirectory.appendingPathComponent("known-open.txt")
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        var open: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let words = line.split(separator: " ", maxSplits: 1)
            guard let key = words.first else { continue }
            open[String(key)] = words.dropFirst().first?.trimmingCharacters(in: .whitespaces) ?? ""
        }
        return open
    }()

    static func openIssue(_ input: Input) -> String? {
        guard input.path.hasPrefix("regressions-") else { return nil }
        let name = input.path.split(separator: "/").last ?? ""
        return knownOpen[String(name.prefix { $0 != "-" })]
    }

    @Test func everyTargetHasSeeds() {
        for target in FuzzTarget.all {
            #expect(Self.inputs.contains { $0.path.hasPrefix("corpus-\(target.name)/") }, "no seeds for \(target.name)")
        }
    }

    /// The bound only catches a hang; a replay takes milliseconds.
    @Test(.timeLimit(.minutes(1)), arguments: inputs)
    func replaysWithoutTrapOrViolation(_ input: Input) async throws {
        if let reason = Self.openIssue(input) {
            await withKnownIssue("issue 9: \(reason)") { await Self.replay(input) }
        } else {
            await Self.replay(input)
        }
    }

    static func replay(_ input: Input) async {
        let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) { [input] in
            let url = ResponseFuzzRegressionTests.fuzzDirectory.appendingPathComponent(input.path)
            guard let target = FuzzTarget.named(input.target), let data = FileManager.default.contents(atPath: url.path)
            else { exit(3) }
            do {
                try await target.run([UInt8](data))
            } catch {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                exit(1)
            }
        }
        if let result, result.exitStatus != .exitCode(EXIT_SUCCESS) {
            Issue.record("\(input.path): \(String(decoding: result.standardErrorContent, as: UTF8.self).suffix(3_000))")
        }
    }
}

/// The harness's own rules and input format: they must catch what they are there to catch.
@Suite struct ResponseFuzzHarnessTests {
    @Test func inputIsCutIntoSetupLineAndAnswers() {
        let input = FuzzInput(
            Array("arc client\n401\nWWW-Authenticate: Basic realm=/x.key\n~~~\n200\nA:  b\n\n{}\n".utf8)
        )
        #expect(input.setupWords == ["arc", "client"])
        let responses = input.responses
        #expect(responses.map(\.status) == [401, 200])
        #expect(responses[0].headers.map(\.name) == ["WWW-Authenticate"])
        #expect(responses[0].headers.map(\.value) == ["Basic realm=/x.key"])
        #expect(responses[0].body.isEmpty)
        #expect(responses[1].headers.map(\.value) == ["b"])
        #expect(responses[1].body == Array("{}\n".utf8))
    }

    @Test func resetAndTimeoutAreTransportFailures() {
        let responses = FuzzInput(Array("\nreset\n~~~\ntimeout\n~~~\n503\n".utf8)).responses
        #expect(responses.map(\.failure) == [.connectionFailed, .timedOut, nil])
    }

    @Test func anyBytesGiveSomeInput() {
        for bytes: [UInt8] in [[], [10], [10, 10], Array("~~~".utf8), [0xFF, 0x0A, 0x7E, 0x7E, 0x7E, 0x0A, 0x0A]] {
            let input = FuzzInput(bytes)
            _ = input.setupWords
            #expect(input.responses.count >= 1)
            #expect(input.responses.allSatisfy { $0.status == 200 })
        }
    }

    @Test func tokensThatCannotBeRealAreViolations() {
        let now = FakeClock.start
        func token(_ value: String = "eyJ0", expiresIn: TimeInterval) -> AccessToken {
            AccessToken(token: Secret(value), expiresOn: now.addingTimeInterval(expiresIn))
        }
        #expect(throws: Never.self) { try Check.token(token(expiresIn: 3_600), now: now, context: "t") }
        for bad in [
            token(expiresIn: .nan), token(expiresIn: .infinity), token(expiresIn: 1e300), token(expiresIn: 0),
            token(expiresIn: -3_600), token("", expiresIn: 3_600),
        ] {
            #expect(throws: HarnessViolation.self) { try Check.token(bad, now: now, context: "t") }
        }
    }

    @Test func untypedOrUnescapedErrorsAreViolations() {
        let plain = AzureIdentityError(code: .authenticationFailed, message: "refused: invalid_client")
        #expect(throws: Never.self) { try Check.error(plain, context: "t") }
        // AzureIdentityError escapes its message when it is set (issue 9 item 19), so outside text cannot reach the
        // check raw through it; the check still passes the escaped form, and refuses the raw text itself.
        let raw = AzureIdentityError(code: .authenticationFailed, message: "refused: invalid_request\u{1B}[2J")
        #expect(!raw.message.unicodeScalars.contains("\u{1B}"))
        #expect(throws: Never.self) { try Check.error(raw, context: "t") }
        #expect(throws: HarnessViolation.self) {
            try Check.printable("refused: invalid_request\u{1B}[2J", what: "the error", context: "t")
        }
        #expect(throws: HarnessViolation.self) { try Check.error(CancellationError(), context: "t") }
    }

    @Test func longWaitsAreViolations() async throws {
        let clock = FakeClock()
        try await clock.sleep(for: .seconds(60))
        #expect(throws: Never.self) { try clock.check("t") }
        try await clock.sleep(for: .seconds(600))
        #expect(throws: HarnessViolation.self) { try clock.check("t") }
        #expect(clock.now() == FakeClock.start.addingTimeInterval(180))
    }
}
