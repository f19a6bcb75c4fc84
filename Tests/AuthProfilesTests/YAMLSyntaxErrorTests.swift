// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Testing

@testable import AuthProfiles

/// libyaml's errors in plain words, at the place a person looks for them, with a hint and libyaml's own text kept as
/// a note (issue 11 item 3).
@Suite struct YAMLSyntaxErrorTests {
    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let text: String
        /// Where the error is reported.
        let line: Int
        let column: Int
        let message: String
        /// libyaml's raw text, which must survive in a note.
        let raw: String
        /// The notes' places, libyaml's included.
        let notes: [Int]

        var description: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "tab indentation", text: "version: 1\nprofiles:\n\tdev:\n    credential: {type: azureCli}\n",
            line: 3, column: 1, message: "a tab is used for indentation; YAML indents with spaces only",
            raw: "found character that cannot start any token", notes: [3]),
        Case(
            name: "tab after a plain scalar",
            text: "version: 1\nprofiles:\n  dev:\n    description: x\n\tcredential: y\n",
            line: 5, column: 1, message: "a tab is used for indentation; YAML indents with spaces only",
            raw: "found a tab character that violates indentation", notes: [5]),
        Case(
            name: "unclosed flow mapping",
            text: "version: 1\nprofiles:\n  dev: {credential: {type: azureCli}\n  prod: {}\n",
            line: 3, column: 8, message: "this '{' is never closed", raw: "did not find expected ',' or '}'",
            notes: [4]),
        Case(
            name: "unclosed flow sequence",
            text:
                "version: 1\nprofiles:\n  dev:\n    credential: {type: azureCli}\n    tags: [a, b\n    description: x\n",
            line: 5, column: 11, message: "this '[' is never closed", raw: "did not find expected ',' or ']'",
            notes: [6]),
        Case(
            name: "unclosed double quote",
            text: "version: 1\nprofiles:\n  dev:\n    description: \"unclosed\n    credential: {type: azureCli}\n",
            line: 4, column: 18, message: "this quoted string is never closed", raw: "found unexpected end of stream",
            notes: [6]),
        Case(
            name: "unclosed single quote", text: "version: 1\nprofiles:\n  dev:\n    description: 'unclosed\n",
            line: 4, column: 18, message: "this quoted string is never closed", raw: "found unexpected end of stream",
            notes: [5]),
        Case(
            name: "bad indentation",
            text: "version: 1\nprofiles:\n  dev:\n    credential: {type: azureCli}\n   description: x\n",
            line: 5, column: 4, message: "this line is not indented like the other keys of its mapping",
            raw: "did not find expected key", notes: [3, 5]),
        Case(
            name: "list and mapping at one level", text: "version: 1\nprofiles:\n  - a\n  b: c\n",
            line: 4, column: 3,
            message: "a list item ('- ') is expected here, at the indentation of the list's other items",
            raw: "did not find expected '-' indicator", notes: [3, 4]),
        Case(
            name: "colon in a plain scalar", text: "version: 1\nprofiles:\n  dev:\n    description: a: b\n",
            line: 4, column: 19, message: "a ':' followed by a space here would start a mapping inside a value",
            raw: "mapping values are not allowed in this context", notes: [4]),
        Case(
            name: "list item after a key", text: "version: 1\nprofiles: - a\n", line: 2, column: 11,
            message: "a list item ('- ') cannot start on the same line as its key",
            raw: "block sequence entries are not allowed in this context", notes: [2]),
        Case(
            name: "reserved indicator", text: "version: 1\nprofiles:\n  dev: @x\n", line: 3, column: 8,
            message: "'@' cannot start a plain value in YAML", raw: "found character that cannot start any token",
            notes: [3]),
        Case(
            name: "missing value in a flow mapping", text: "version: 1\nprofiles: {dev: ]\n", line: 2, column: 17,
            message: "a value is expected here", raw: "did not find expected node content", notes: [2]),
        Case(
            name: "control character", text: "version: 1\nprofiles:\n  dev:\n    description: a\u{7}b\n", line: 4,
            column: 19, message: "the file contains control character U+0007, which YAML does not allow in text",
            raw: "control characters are not allowed", notes: [4]),
        Case(
            name: "unknown alias", text: "version: 1\nprofiles:\n  dev: *nope\n", line: 3, column: 8,
            message: "alias '*nope' refers to no anchor defined before it", raw: "found undefined alias", notes: [3]),
    ]

    @Test(arguments: cases)
    func aSyntaxErrorIsInPlainWordsWhereItIs(_ example: Case) throws {
        let diagnostics = ProfileValidator().validate(text: example.text, path: "s.yaml").diagnostics
        #expect(diagnostics.count == 1, "\(diagnostics)")
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.code == .syntaxError)
        #expect(diagnostic.message == example.message)
        #expect(diagnostic.location == SourceLocation(file: "s.yaml", line: example.line, column: example.column))
        #expect(diagnostic.hint != nil)
        #expect(diagnostic.related.map(\.location.line) == example.notes)
        #expect(diagnostic.related.contains { $0.message.contains("libyaml: ") && $0.message.contains(example.raw) })
        #expect(!diagnostic.message.contains("while "), "libyaml's words belong in the note")
    }

    @Test func anUnclosedBracketIsReportedAtTheBracketNotALineLater() throws {
        let text = "version: 1\nprofiles:\n  dev: {credential: {type: azureCli}\n  prod: {}\n"
        let diagnostic = try #require(ProfileValidator().validate(text: text, path: "s.yaml").diagnostics.first)
        // libyaml gives up at 4:3; the `{` that is never closed is at 3:8.
        #expect(diagnostic.location.line == 3 && diagnostic.location.column == 8)
        #expect(
            diagnostic.related.map(\.message) == [
                "expected ',' or '}' here (libyaml: while parsing a flow mapping: "
                    + "did not find expected ',' or '}')"
            ])
    }

    @Test func repeatedAnchorsAreEachReportedAsAnchors() {
        let text =
            "version: 1\nprofiles:\n  dev: &a {credential: {type: azureCli}}\n  prod: &a {credential: {type: azureCli}}\n"
        let diagnostics = ProfileValidator().validate(text: text, path: "s.yaml").diagnostics
        #expect(diagnostics.map(\.code) == [.anchorOrAlias, .anchorOrAlias])
        #expect(diagnostics.map(\.location.line) == [3, 4])
    }

    @Test func aByteOrderMarkAtTheStartIsIgnoredAndInvalidUTF8IsLocated() {
        let valid = "version: 1\nprofiles:\n  dev: {credential: {type: azureCli}}\n"
        #expect(
            ProfileValidator().validate(bytes: [0xEF, 0xBB, 0xBF] + Array(valid.utf8), path: "b.yaml").diagnostics
                .isEmpty)
        let broken = Array("version: 1\nprofiles:\n  d".utf8) + [0xC3, 0x28] + Array(": {}\n".utf8)
        let diagnostics = ProfileValidator().validate(bytes: broken, path: "b.yaml").diagnostics
        #expect(diagnostics.map(\.code) == [.invalidUTF8])
        #expect(diagnostics.first?.location == SourceLocation(file: "b.yaml", line: 3, column: 4))
    }
}
