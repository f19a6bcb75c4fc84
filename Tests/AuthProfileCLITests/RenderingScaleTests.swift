// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfileCLI
import AuthProfiles
import Foundation
import Testing

/// Rendering is linear in the number of diagnostics, whatever the shape of the file (issue 9 item 7, the rest of
/// the class): a minified JSON file is one line, and showing that line under each of its diagnostics cost the
/// line's length every time.
@Suite struct RenderingScaleTests {
    @Test func manyDiagnosticsOnOneHugeLineRenderQuickly() throws {
        // 20,000 profiles with an unknown key each, all on one line of about 1.2 MB.
        let profiles = (0..<20_000).map { "\"p\($0)\": {\"credentail\": {\"type\": \"azureCli\"}}" }
        let text = "{\"version\": 1, \"profiles\": {" + profiles.joined(separator: ", ") + "}}"
        let result = ProfileValidator().validate(text: text, path: "minified.json")
        #expect(result.diagnostics.filter { $0.code == .unknownKey }.count == 20_000)
        let clock = ContinuousClock()
        var output = ""
        let elapsed = clock.measure {
            output = TextRenderer().render(ValidationReport(results: [result], strict: false))
        }
        // Each diagnostic shows a window of the line around its column (issue 11 item 4), never the whole line.
        #expect(output.contains("credentail"))
        #expect(output.count < 20_000 * 1_000, "each diagnostic shows a bounded window, not the 1.2 MB line")
        // Loose: each diagnostic walked the 1.2 MB line before (about 10^10 steps in all).
        #expect(elapsed < .seconds(10))
    }

    @Test func aLineUpToTheLimitIsShown() throws {
        let description = String(repeating: "d", count: 900)
        let text = "version: 1\nprofiles:\n  app: { description: \(description), credential: { type: azureCl } }\n"
        let result = ProfileValidator().validate(text: text, path: "long.yaml")
        let output = TextRenderer().render(ValidationReport(results: [result], strict: false))
        #expect(output.contains(description))
        #expect(!output.contains("source line not shown"))
    }

    @Test func aLongLineIsShownAsAWindowWithTheCaretUnderTheColumn() throws {
        // A 20 KB line with an unknown key in its middle (issue 11 item 4): a window around the key, cut with `…`
        // on both sides, the caret under the key's first character.
        let before = (0..<300).map { "\"p\($0)\": {\"credential\": {\"type\": \"azureCli\"}}" }
        let after = (300..<600).map { "\"p\($0)\": {\"credential\": {\"type\": \"azureCli\"}}" }
        let middle = "\"bad\": {\"credentail\": {\"type\": \"azureCli\"}}"
        let text =
            "{\"version\": 1, \"profiles\": {" + (before + [middle] + after).joined(separator: ", ") + "}}\n"
        #expect(text.utf8.count > 20_000)
        let result = ProfileValidator().validate(text: text, path: "long.json")
        let diagnostic = try #require(result.diagnostics.first { $0.code == .unknownKey })
        let output = TextRenderer().render(diagnostic, source: result.source)
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let source = try #require(lines.first { $0.hasPrefix(" 1 | ") })
        let caret = try #require(lines.first { $0.hasSuffix("^") && $0.contains(" | ") })
        #expect(source.hasPrefix(" 1 | …") && source.hasSuffix("…"))
        #expect(source.count < SourceText.displayedWindowWidth + 20)
        let caretColumn = caret.count - 1
        let shown = Array(source)
        #expect(String(shown[caretColumn..<(caretColumn + 11)]) == "\"credentail")
        #expect(output.count < 1_000)
    }

    @Test func aSecretCutByTheWindowIsNeverShownInPart() throws {
        // A long token crossing the edge of what is read is masked whole, whatever it looks like.
        let secret = String(repeating: "Ab3~", count: 200)
        let padding = String(repeating: "x", count: 2_000)
        let text = "version: 1\nprofiles: { a: { description: \(padding)\(secret), credentail: 1 } }\n"
        let result = ProfileValidator().validate(text: text, path: "cut.yaml")
        let shown = (1...(SourceText.maximumDisplayedLineLength * 4)).compactMap {
            result.source.displayedLine(2, around: $0)?.text
        }
        #expect(!shown.isEmpty)
        for line in shown { #expect(!line.contains("Ab3~Ab3~"), "\(line)") }
    }
}
