// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// A strict JSON syntax error: where, in plain words, and what to do (``DiagnosticCode/invalidJSON``); or a
/// diagnostic the composer produced while the scanner was building the tree (a repeated key).
struct JSONSyntaxError: Error {
    var message = ""
    var hint: String?
    var line = 1
    var column = 1
    /// Other places that take part (the opening of a collection that is never closed).
    var related: [(message: String, line: Int, column: Int)] = []
    /// A failure found by the composer, reported as it is.
    var diagnostic: Diagnostic?

    init(
        message: String, hint: String? = nil, line: Int, column: Int,
        related: [(message: String, line: Int, column: Int)] = []
    ) {
        self.message = message
        self.hint = hint
        self.line = line
        self.column = column
        self.related = related
    }

    init(diagnostic: Diagnostic) {
        self.diagnostic = diagnostic
    }
}

extension JSONScanner {
    func diagnostic(for error: JSONSyntaxError) -> Diagnostic {
        if let diagnostic = error.diagnostic { return diagnostic }
        let path = composerPath
        return Diagnostic(
            .invalidJSON, error.message, at: SourceLocation(file: path, line: error.line, column: error.column),
            hint: error.hint,
            related: error.related.map {
                RelatedLocation($0.message, at: SourceLocation(file: path, line: $0.line, column: $0.column))
            })
    }

    /// A character as a message names it: `'x'` for printable ASCII, `U+XXXX` (and the character when printable)
    /// for the rest. Reads the whole scalar at the scanner's offset when `byte` starts a multi-byte one.
    func shown(_ byte: UInt8, quoted: Bool = true) -> String {
        if byte >= 0x21 && byte < 0x7F {
            let text = String(UnicodeScalar(byte))
            return quoted ? "'\(text)'" : text
        }
        var value = UInt32(byte)
        if byte >= 0x80, offset < bytes.count, bytes[offset] == byte {
            var iterator = bytes[offset..<min(offset + 4, bytes.count)].makeIterator()
            var decoder = UTF8()
            if case .scalarValue(let scalar) = decoder.decode(&iterator) { value = scalar.value }
        }
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    mutating func comment() -> JSONSyntaxError {
        error(
            "comments are not allowed in JSON",
            hint: "remove the comment, or write the file as YAML (`.yaml`), where `#` starts a comment")
    }

    mutating func badKey(_ byte: UInt8) -> JSONSyntaxError {
        if byte == UInt8(ascii: "'") { return singleQuote() }
        if Self.isWordByte(byte) {
            let word = wordHere()
            return error(
                "object key \(ShownValue.quoted(word)) is not in double quotes",
                hint: "JSON keys are strings: write \"\(ShownValue.shown(word))\"")
        }
        if byte == UInt8(ascii: ",") {
            return error("expected a key, found ','", hint: "remove the extra comma")
        }
        return error("expected a key in double quotes or '}', found \(shown(byte))")
    }

    mutating func notAValue(_ byte: UInt8) -> JSONSyntaxError {
        switch byte {
        case UInt8(ascii: "'"):
            return singleQuote()
        case UInt8(ascii: "+"):
            return error("a JSON number has no '+' sign", hint: "remove the '+'")
        case UInt8(ascii: "."):
            return error("a JSON number starts with a digit", hint: "write 0.5, not .5")
        default:
            return error(
                "expected a value, found \(shown(byte))",
                hint: "a JSON value is an object, an array, a string in double quotes, a number, true, false or null")
        }
    }

    /// A bare word in a value's place. Only well-known words are quoted back: any other may be a secret written
    /// without quotes (`"clientSecret": hunter2`), and a syntax error is found before anything says which field
    /// is a secret.
    mutating func unquotedWord(_ word: UnsafeBufferPointer<UInt8>) -> JSONSyntaxError {
        let text = String(decoding: word, as: UTF8.self)
        let lower = text.lowercased()
        if ["true", "false", "null"].contains(lower) {
            return error("'\(text)' is not a JSON value", hint: "JSON's literals are lower case: write \(lower)")
        }
        if ["nan", "infinity", "undefined", "none", "yes", "no", "on", "off"].contains(lower) {
            return error(
                "'\(text)' is not a JSON value",
                hint: "JSON's only bare words are true, false and null; quote text, and write numbers as digits")
        }
        return error(
            "a bare word is not a JSON value",
            hint: "write text in double quotes; JSON's only bare words are true, "
                + "false and null")
    }

    mutating func controlCharacter(_ byte: UInt8, stringLine: Int, stringColumn: Int) -> JSONSyntaxError {
        if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
            return JSONSyntaxError(
                message: "this string is not closed before the end of its line",
                hint: "end it with '\"'; a line break inside a JSON string is written \\n", line: stringLine,
                column: stringColumn)
        }
        if byte == UInt8(ascii: "\t") {
            return error("a tab inside a JSON string must be written \\t", hint: "replace the tab with \\t")
        }
        return error(
            "control character \(shown(byte)) inside a string", hint: "JSON strings write control characters as \\uXXXX"
        )
    }

    mutating func loneSurrogate(_ unit: UInt16, at position: Int) -> JSONSyntaxError {
        let hex = String(unit, radix: 16, uppercase: true)
        return JSONSyntaxError(
            message: "'\\u\(hex)' is half of a surrogate pair without its other half",
            hint: "JSON text must be valid Unicode: write the character itself, or both halves (\\uD83D\\uDE00)",
            line: line, column: column(at: position))
    }

    private mutating func singleQuote() -> JSONSyntaxError {
        error("JSON strings use double quotes, not single quotes", hint: "replace ' with \"")
    }

    /// The word (letters, digits, `_`, `$`, `-`; at most 64 bytes) at the scanner's offset.
    private func wordHere() -> String {
        var end = offset
        while end < bytes.count, Self.isWordByte(bytes[end]), end - offset < 64 { end += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self)
    }
}
