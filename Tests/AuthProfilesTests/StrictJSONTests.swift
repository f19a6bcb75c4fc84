// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Testing

@testable import AuthProfiles

/// A `.json` file is strict JSON (RFC 8259), as jq and Python read it; `.yaml`, standard input and names without an
/// extension stay YAML (issue 11 item 1).
@Suite struct StrictJSONTests {
    static let valid = """
        {
          "version": 1,
          "profiles": {
            "dev": {"credential": {"type": "azureCli"}, "description": "caf\\u00e9 \\u00e8"}
          }
        }

        """

    func json(_ text: String, limits: ParseLimits = .default) -> ValidationResult {
        ProfileValidator(limits: limits).validate(text: text, path: "p.json")
    }

    func only(_ text: String) throws -> Diagnostic {
        let diagnostics = json(text).diagnostics
        #expect(diagnostics.count == 1, "\(diagnostics)")
        return try #require(diagnostics.first)
    }

    @Test func validJSONGivesTheSameProfilesAsYAML() throws {
        let strict = json(Self.valid)
        let asYAML = ProfileValidator().validate(text: Self.valid, path: "p.yaml")
        #expect(strict.diagnostics.isEmpty, "\(strict.diagnostics)")
        let graph = try #require(strict.graph)
        #expect(graph.profiles.map(\.name) == (asYAML.graph?.profiles ?? []).map(\.name))
    }

    @Test func escapesBecomeTheirCharacters() throws {
        let text = "[\"\\ud83d\\ude00\", \"caf\\u00E9\\t\\\"\\/\", \"\\u0041\\n\"]"
        let loaded = DocumentLoader.load(text: text, path: "e.json", limits: .default)
        let tree = try #require(loaded.tree)
        #expect(tree.children(of: 0).map { tree.string($0) } == ["\u{1F600}", "caf\u{E9}\t\"/", "A\n"])
        #expect(tree.children(of: 0).map { tree.nodes[$0].column } == [2, 18, 37])
    }

    @Test func everyNodeKeepsItsLineAndColumnAsInYAML() {
        // The same unknown keys and wrong types, reported at the same places by both readers.
        let text = """
            {"version": 1,
             "profiles": {"a": {"credentail": 1, "credential": {"type": "azureCli", "timeout": [1]}},
                          "é": {"x": null, "credential": {"type": "azureCli"}}}}
            """
        let strict = json(text).diagnostics.map { "\($0.code) \($0.location.line):\($0.location.column)" }
        let yaml = ProfileValidator().validate(text: text, path: "p.yml").diagnostics.map {
            "\($0.code) \($0.location.line):\($0.location.column)"
        }
        #expect(!strict.isEmpty)
        #expect(strict == yaml)
    }

    @Test(arguments: [
        ("{\"version\": 1, \"profiles\": {},}", 1, 30, "trailing comma before '}'"),
        ("{\"version\": 1, \"profiles\": [1, 2,]}", 1, 33, "trailing comma before ']'"),
        ("{\"version\": 1, # note\n\"profiles\": {}}", 1, 16, "comments are not allowed in JSON"),
        ("{\"version\": 1, // note\n\"profiles\": {}}", 1, 16, "comments are not allowed in JSON"),
        ("{\"version\": 1,\n  /* note */ \"profiles\": {}}", 2, 3, "comments are not allowed in JSON"),
        ("{'version': 1}", 1, 2, "JSON strings use double quotes, not single quotes"),
        ("{\"version\": 'x'}", 1, 13, "JSON strings use double quotes, not single quotes"),
        ("{version: 1}", 1, 2, "object key 'version' is not in double quotes"),
        ("{\"version\": True}", 1, 13, "'True' is not a JSON value"),
        ("{\"version\": 01}", 1, 13, "a JSON number has no leading zeros"),
        ("{\"version\": 1 \"profiles\": {}}", 1, 15, "expected ',' or '}', found '\"'"),
        ("{\"version\" 1}", 1, 12, "expected ':' after the key, found '1'"),
        ("{\"version\": 1,\n \"profiles\": {\n", 2, 14, "this '{' is never closed"),
        ("{\"version\": 1]", 1, 14, "']' does not close the '{' opened at 1:1"),
        ("{\"version\": \"a\nb\"}", 1, 13, "this string is not closed before the end of its line"),
        ("{\"version\": \"\\ud83d\"}", 1, 14, "'\\uD83D' is half of a surrogate pair without its other half"),
        ("{\"version\": \"\\ude00x\"}", 1, 14, "'\\uDE00' is half of a surrogate pair without its other half"),
        ("{\"version\": \"\\x41\"}", 1, 14, "unknown escape '\\x' in a string"),
        ("{\"version\": 1} {}", 1, 16, "unexpected '{' after the end of the JSON value"),
        ("{\"version\": -}", 1, 14, "'-' must be followed by a digit"),
        ("{\"version\": 1.}", 1, 15, "a decimal point must be followed by digits"),
        ("{\"version\": +1}", 1, 13, "a JSON number has no '+' sign"),
        ("{\"a\": \"é\", \"b\": x}", 1, 17, "a bare word is not a JSON value"),
        ("{\"version\": NaN}", 1, 13, "'NaN' is not a JSON value"),
    ])
    func strictErrorsAreReportedWhereTheyAre(_ text: String, _ line: Int, _ column: Int, _ message: String) throws {
        let diagnostic = try only(text)
        #expect(diagnostic.code == .invalidJSON)
        #expect(diagnostic.message == message)
        #expect(diagnostic.location == SourceLocation(file: "p.json", line: line, column: column))
        #expect(diagnostic.hint != nil)
    }

    @Test func whatYAMLAcceptsStaysAcceptedWhereTheFileIsYAML() {
        let lenient = "{'version': 1, profiles: {dev: {credential: {type: azureCli},},}, # comment\n}"
        for path in ["p.yaml", "p.yml", "-", "profiles", "<stdin>", "dir.json/p.yaml"] {
            #expect(ProfileValidator().validate(text: lenient, path: path).diagnostics.isEmpty, "\(path)")
        }
        #expect(ProfileValidator().validate(text: lenient, path: "P.JSON").diagnostics.map(\.code) == [.invalidJSON])
    }

    @Test func anUnclosedCollectionPointsAtItsOpeningAndNotesTheEnd() throws {
        let diagnostic = try only("{\"version\": 1,\n \"profiles\": [\n")
        #expect(diagnostic.location.line == 2 && diagnostic.location.column == 14)
        #expect(diagnostic.related.map(\.message) == ["the file ends here"])
        #expect(diagnostic.related.first?.location.line == 3)
    }

    @Test func repeatedKeysAreReportedAtTheRepeatAsInYAML() throws {
        let text = "{\"version\": 1,\n \"version\": 1}"
        let diagnostic = try only(text)
        #expect(diagnostic.code == .duplicateKey)
        #expect(diagnostic.location.line == 2 && diagnostic.location.column == 2)
        #expect(diagnostic.related.map(\.location.line) == [1])
        let yaml = ProfileValidator().validate(text: text, path: "p.yaml").diagnostics
        #expect(yaml.map(\.message) == [diagnostic.message])
        #expect(yaml.map(\.location.line) == [2] && yaml.flatMap(\.related).map(\.location.line) == [1])
    }

    @Test func anEmptyFileIsEmptyAsInYAML() throws {
        #expect(try only(" \n\t").code == .emptyDocument)
    }

    @Test func nestingStopsAtTheLimitWithoutRecursion() throws {
        let deep = String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)
        let diagnostic = try only(deep)
        #expect(diagnostic.code == .nestingTooDeep)
        let unclosed = String(repeating: "{\"a\":", count: 100_000)
        #expect(try only(unclosed).code == .nestingTooDeep)
    }

    @Test func theNodeLimitApplies() throws {
        let many = "{\"version\": 1, \"x\": [" + Array(repeating: "1", count: 100).joined(separator: ",") + "]}"
        #expect(try only(many, limits: ParseLimits(maximumNodes: 50)).code == .tooManyNodes)
    }

    func only(_ text: String, limits: ParseLimits) throws -> Diagnostic {
        let diagnostics = json(text, limits: limits).diagnostics
        #expect(diagnostics.count == 1, "\(diagnostics)")
        return try #require(diagnostics.first)
    }

    @Test func hostileBytesGiveDiagnosticsNotTraps() {
        let inputs: [[UInt8]] = [
            Array("{\"a\": \"\\u".utf8), Array("{\"a\": \"\\uD800\\u".utf8), Array("{\"a\": \"\\uD800\\uZZZZ\"}".utf8),
            Array("{\"a\": 1e".utf8), Array("{\"a\": -".utf8), Array("{\"a\": \"\\".utf8), [0x22, 0xFF, 0x22],
            Array("{\"a\": \"\u{1B}[2J\"}".utf8), Array("[\"\\u0000\"]".utf8), [0xEF, 0xBB, 0xBF, 0x7B, 0x7D],
            [0x7B, 0x00],
            Array("{\"a\": 123456789012345678901234567890e999999999999}".utf8), Array("\u{00A0}{}".utf8),
        ]
        for input in inputs {
            let result = ProfileValidator().validate(bytes: input, path: "h.json")
            #expect(!result.diagnostics.isEmpty, "\(input)")
            for diagnostic in result.diagnostics {
                #expect(!diagnostic.message.unicodeScalars.contains { $0.value < 0x20 })
            }
        }
    }

    @Test func aSecretInABrokenFileIsNeverShown() {
        // Bare, quoted and minified, in files that do not parse: neither the message nor the source line shows it.
        let secret = "hunter2pass"
        let texts = [
            "{\"version\": 1, \"profiles\": {\"a\": {\"credential\": {\"clientSecret\": \(secret)}}}}",
            "{\"version\":1,\"profiles\":{\"a\":{\"credential\":{\"clientSecret\":\"\(secret)\",}}}}",
            "{\"version\": 1, \"password\": '\(secret)'}",
        ]
        for text in texts {
            let result = json(text)
            #expect(result.diagnostics.map(\.code) == [.invalidJSON], "\(result.diagnostics)")
            for diagnostic in result.diagnostics {
                let words = [diagnostic.message, diagnostic.hint ?? ""] + diagnostic.related.map(\.message)
                #expect(!words.joined().contains(secret))
                let line = result.source.displayedLine(diagnostic.location.line, around: diagnostic.location.column)
                #expect(line.map { !$0.text.contains(secret) } ?? true, "\(line?.text ?? "")")
            }
        }
    }
}
