// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// A libyaml error in plain words, the way a compiler reports a syntax error: what is wrong, where (for an
/// unclosed `{`, `[` or quote: at the opening, not where libyaml gave up a line later), and what to do.
///
/// libyaml's own text (`while parsing a flow mapping: did not find expected ',' or '}'`) is kept as a note at the
/// place libyaml stopped, so that nothing it said is lost.
struct YAMLSyntaxError {
    /// libyaml's context (`while parsing a flow mapping`), if any, and where that construct starts (1-based).
    var context: String?
    var contextLine = 1
    var contextColumn = 1
    /// libyaml's problem (`did not find expected ',' or '}'`) and where it stopped (1-based).
    var problem: String
    var line: Int
    var column: Int
    /// The character at the problem's place, when the text has one.
    var character: Unicode.Scalar?

    /// The diagnostic for a file at `path`.
    func diagnostic(path: String) -> Diagnostic {
        let here = SourceLocation(file: path, line: line, column: column)
        let opening = SourceLocation(file: path, line: contextLine, column: contextColumn)
        let raw = [context, problem].compactMap { $0 }.joined(separator: ": ")
        func error(
            _ message: String, at location: SourceLocation? = nil, hint: String, extra: [RelatedLocation] = []
        )
            -> Diagnostic
        {
            // libyaml's text goes with the note already at its place, if there is one, so that the place is shown once.
            var related = extra
            if let index = related.firstIndex(where: { $0.location == here }) {
                related[index].message += " (libyaml: \(raw))"
            } else {
                related.append(RelatedLocation("libyaml: \(raw)", at: here))
            }
            return Diagnostic(.syntaxError, message, at: location ?? here, hint: hint, related: related)
        }
        switch (context ?? "", problem) {
        case (_, "found character that cannot start any token") where character == "\t",
            (_, "found a tab character that violates indentation"),
            (_, "found a tab character where an indentation space is expected"):
            return error(
                "a tab is used for indentation; YAML indents with spaces only",
                hint: "replace the tab with spaces (this file's other lines show how many)")
        case (_, "found character that cannot start any token"):
            let shown = character.map { ShownValue.quoted(String($0)) } ?? "this character"
            return error(
                "\(shown) cannot start a plain value in YAML",
                hint: "quote the value (\"…\"); `@` and ` are reserved, and `%` starts a directive only on line 1")
        case ("while parsing a flow mapping", _):
            return error(
                "this '{' is never closed", at: opening,
                hint: "close it with '}', and separate its entries with ','",
                extra: [RelatedLocation("expected ',' or '}' here", at: here)])
        case ("while parsing a flow sequence", _):
            return error(
                "this '[' is never closed", at: opening,
                hint: "close it with ']', and separate its items with ','",
                extra: [RelatedLocation("expected ',' or ']' here", at: here)])
        case ("while scanning a quoted scalar", _):
            return error(
                "this quoted string is never closed", at: opening,
                hint: "end it with the quote it starts with; inside \"…\" write \\\" for a quote, inside '…' write ''",
                extra: [RelatedLocation("the string is still open here", at: here)])
        case ("while parsing a block mapping", "did not find expected key"):
            return error(
                "this line is not indented like the other keys of its mapping",
                hint: "indent the keys of one mapping by the same number of spaces",
                extra: [RelatedLocation("the mapping starts here", at: opening)])
        case ("while parsing a block collection", "did not find expected '-' indicator"):
            return error(
                "a list item ('- ') is expected here, at the indentation of the list's other items",
                hint: "a list and a mapping cannot share one indentation level: indent the key, or make it a list item",
                extra: [RelatedLocation("the list starts here", at: opening)])
        case (_, "mapping values are not allowed in this context"):
            return error(
                "a ':' followed by a space here would start a mapping inside a value",
                hint: "quote the value if the ':' is part of it (\"a: b\"); if a line above is a key, it lacks its ':'")
        case (_, "block sequence entries are not allowed in this context"):
            return error(
                "a list item ('- ') cannot start on the same line as its key",
                hint: "put each '- item' on its own line, indented under the key, or write a flow list: [a, b]")
        case ("while scanning a simple key", "could not find expected ':'"):
            return error(
                "this key has no ':' after it", at: opening, hint: "write `key: value`, with a space after ':'")
        case (_, "did not find expected node content"):
            return error(
                "a value is expected here", hint: "write a value; quote text that starts with `]`, `}`, `,` or `|`")
        case (_, "control characters are not allowed"):
            let shown = character.map(Self.controlName) ?? "a control character"
            return error(
                "the file contains \(shown), which YAML does not allow in text",
                hint: "remove it; inside double quotes write it as an escape (\\x07)")
        case (_, "found unexpected end of stream"):
            return error(
                "the file ends in the middle of a construct", at: context == nil ? here : opening,
                hint: "complete it, or remove the unfinished part")
        default:
            return error(
                "the file is not valid YAML here (\(raw))",
                hint: "check the indentation (spaces only) and the quoting around this place")
        }
    }

    private static func controlName(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "control character U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}

extension YAMLSyntaxError {
    /// The scalar at a 1-based line and column (in scalars) of UTF-8 text, lines split as libyaml splits them at
    /// `\n`, `\r\n` and `\r`; `nil` past the text. Only on the error path: it reads the text from the start.
    static func scalar(in bytes: UnsafeBufferPointer<UInt8>, line: Int, column: Int) -> Unicode.Scalar? {
        var currentLine = 1
        var offset = 0
        while currentLine < line, offset < bytes.count {
            let byte = bytes[offset]
            offset += 1
            if byte == UInt8(ascii: "\n") {
                currentLine += 1
            } else if byte == UInt8(ascii: "\r") {
                if offset < bytes.count, bytes[offset] == UInt8(ascii: "\n") { offset += 1 }
                currentLine += 1
            }
        }
        guard currentLine == line else { return nil }
        var iterator = bytes[offset...].makeIterator()
        var decoder = UTF8()
        var currentColumn = 1
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" || scalar == "\r" { return nil }
                if currentColumn == column { return scalar }
                currentColumn += 1
            case .emptyInput, .error:
                return nil
            }
        }
    }

    /// The 1-based line and column of a byte offset, for libyaml's reader errors, which give an offset.
    static func position(in bytes: UnsafeBufferPointer<UInt8>, ofByte target: Int) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        var offset = 0
        let end = min(max(target, 0), bytes.count)
        while offset < end {
            let byte = bytes[offset]
            offset += 1
            if byte == UInt8(ascii: "\n")
                || (byte == UInt8(ascii: "\r")
                    && (offset >= bytes.count
                        || bytes[offset] != UInt8(ascii: "\n")))
            {
                line += 1
                lineStart = offset
            }
        }
        let column = bytes[lineStart..<end].reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) } + 1
        return (line, column)
    }
}
