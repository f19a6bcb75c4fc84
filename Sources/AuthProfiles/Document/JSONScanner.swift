// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// Reads a `.json` profile file as strict JSON (RFC 8259) into the same ``YAMLTree`` that libyaml's events build.
///
/// A `.json` file means JSON to every other tool (jq, Python, editors), so it is not read as YAML, which would
/// accept trailing commas, comments, single quotes and unquoted keys. Nodes are added through the same
/// ``YAMLComposer`` as YAML's, so every node keeps its line and column (columns count Unicode scalars) and the same
/// checks apply: repeated keys, the depth and node limits. Strings are quoted scalars; numbers, `true`, `false` and
/// `null` are plain scalars, exactly as libyaml reads the same valid JSON, so decoding sees no difference.
///
/// The scanner is iterative (an explicit stack of open collections, never deeper than the depth limit), keeps
/// numbers as text and never traps on any input: it is a fuzz target.
struct JSONScanner {
    /// What the scanner expects next.
    private enum Expect {
        case value, firstValueOrEnd, key, firstKeyOrEnd, colon, separatorOrEnd
    }

    /// An open object or array: where its bracket is.
    private struct Opening {
        let isObject: Bool
        let line: Int
        let column: Int
    }

    let bytes: UnsafeBufferPointer<UInt8>
    var offset = 0
    var line = 1
    var lineStart = 0
    /// The column at ``cachedOffset``, so that columns are counted once per byte however many nodes a line has.
    private var cachedOffset = 0
    private var cachedColumn = 1
    private(set) var composer: YAMLComposer
    private var open: [Opening] = []
    /// The last `,` read, for the trailing comma a `]` or `}` after it makes.
    private var lastComma: (line: Int, column: Int)?

    private init(_ bytes: UnsafeBufferPointer<UInt8>, path: String, limits: ParseLimits) {
        self.bytes = bytes
        composer = YAMLComposer(path: path, limits: limits)
        composer.tree.bytes.reserveCapacity(bytes.count / 2)
        composer.tree.nodes.reserveCapacity(bytes.count / 16)
    }

    /// Composes UTF-8 text (without a byte order mark) as strict JSON.
    static func compose(_ bytes: UnsafeBufferPointer<UInt8>, path: String, limits: ParseLimits) -> YAMLComposition {
        var scanner = JSONScanner(bytes, path: path, limits: limits)
        do {
            return try scanner.run()
        } catch {
            return .failure(scanner.diagnostic(for: error))
        }
    }

    private mutating func run() throws(JSONSyntaxError) -> YAMLComposition {
        try skipWhitespace()
        guard offset < bytes.count else { return .empty }
        var expect = Expect.value
        while true {
            try skipWhitespace()
            if offset == bytes.count {
                guard let opening = open.last else { break }
                throw unclosed(opening)
            }
            let byte = bytes[offset]
            switch expect {
            case .value, .firstValueOrEnd:
                if byte == UInt8(ascii: "]"), !open.isEmpty, !open[open.count - 1].isObject {
                    guard expect == .firstValueOrEnd else { throw trailingComma(before: "]") }
                    try close(byte)
                    expect = .separatorOrEnd
                } else {
                    expect = try value(byte)
                }
            case .key, .firstKeyOrEnd:
                if byte == UInt8(ascii: "}") {
                    guard expect == .firstKeyOrEnd else { throw trailingComma(before: "}") }
                    try close(byte)
                    expect = .separatorOrEnd
                } else if byte == UInt8(ascii: "\"") {
                    try string()
                    expect = .colon
                } else {
                    throw badKey(byte)
                }
            case .colon:
                guard byte == UInt8(ascii: ":") else {
                    throw error(
                        "expected ':' after the key, found \(shown(byte))", hint: "a member is written `\"key\": value`"
                    )
                }
                offset += 1
                expect = .value
            case .separatorOrEnd:
                guard let opening = open.last else {
                    throw error(
                        "unexpected \(shown(byte)) after the end of the JSON value",
                        hint: "a JSON file holds exactly one value: here, one object")
                }
                if byte == UInt8(ascii: ",") {
                    lastComma = (line, column(at: offset))
                    offset += 1
                    expect = opening.isObject ? .key : .value
                } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                    try close(byte)
                } else {
                    let closer = opening.isObject ? "'}'" : "']'"
                    throw error(
                        "expected ',' or \(closer), found \(shown(byte))",
                        hint: "separate \(opening.isObject ? "members" : "elements") with commas")
                }
            }
            if composer.isStopped { break }
            if open.isEmpty, expect == .separatorOrEnd {
                try skipWhitespace()
                if offset < bytes.count { continue }
                break
            }
        }
        return .document(composer.tree, problems: composer.problems)
    }

    /// Reads the value that starts with `byte`; returns what follows it.
    private mutating func value(_ byte: UInt8) throws(JSONSyntaxError) -> Expect {
        switch byte {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let isObject = byte == UInt8(ascii: "{")
            let column = column(at: offset)
            addNode(isObject ? .mapping : .sequence, isPlain: false, line: line, column: column, start: 0, count: 0)
            open.append(Opening(isObject: isObject, line: line, column: column))
            offset += 1
            return isObject ? .firstKeyOrEnd : .firstValueOrEnd
        case UInt8(ascii: "\""):
            try string()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try number()
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
            try literal()
        case UInt8(ascii: ","):
            throw error(
                "expected a value, found ','", hint: "remove the extra comma, or write the missing value before it")
        default:
            throw notAValue(byte)
        }
        return .separatorOrEnd
    }

    /// Closes the innermost collection with `byte` (`}` or `]`), which must match its opening.
    private mutating func close(_ byte: UInt8) throws(JSONSyntaxError) {
        guard let opening = open.last else { throw error("unexpected \(shown(byte))", hint: "remove it") }
        let isObject = byte == UInt8(ascii: "}")
        guard opening.isObject == isObject else {
            throw JSONSyntaxError(
                message: "\(shown(byte)) does not close the \(opening.isObject ? "'{'" : "'['") opened at "
                    + "\(opening.line):\(opening.column)",
                hint: "close it with \(opening.isObject ? "'}'" : "']'") first", line: line,
                column: column(at: offset),
                related: [("opened here", opening.line, opening.column)])
        }
        open.removeLast()
        offset += 1
        if let failure = composer.endCollection() { throw JSONSyntaxError(diagnostic: failure) }
    }

    /// Reads a string (the scanner is at its opening quote) and adds it as a quoted scalar.
    private mutating func string() throws(JSONSyntaxError) {
        let (startLine, startColumn) = (line, column(at: offset))
        let start = composer.tree.bytes.count
        offset += 1
        while true {
            var run = offset
            while run < bytes.count, bytes[run] != UInt8(ascii: "\""), bytes[run] != UInt8(ascii: "\\"),
                bytes[run] >= 0x20
            {
                run += 1
            }
            composer.tree.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[offset..<run]))
            offset = run
            guard offset < bytes.count else {
                throw JSONSyntaxError(
                    message: "this string is never closed", hint: "end it with '\"' on the same line",
                    line: startLine, column: startColumn)
            }
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") { break }
            if byte < 0x20 { throw controlCharacter(byte, stringLine: startLine, stringColumn: startColumn) }
            try escape()
        }
        offset += 1
        addNode(
            .scalar, isPlain: false, line: startLine, column: startColumn, start: start,
            count: composer.tree.bytes.count - start)
    }

    /// Reads an escape (the scanner is at its backslash) and appends what it stands for.
    private mutating func escape() throws(JSONSyntaxError) {
        let at = offset
        guard at + 1 < bytes.count else {
            throw error("this escape is cut off by the end of the file", hint: "complete the string and the file")
        }
        let letter = bytes[at + 1]
        let simple: UInt8? =
            switch letter {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): letter
            case UInt8(ascii: "b"): 0x08
            case UInt8(ascii: "f"): 0x0C
            case UInt8(ascii: "n"): 0x0A
            case UInt8(ascii: "r"): 0x0D
            case UInt8(ascii: "t"): 0x09
            default: nil
            }
        if let simple {
            composer.tree.bytes.append(simple)
            offset += 2
            return
        }
        guard letter == UInt8(ascii: "u") else {
            throw error(
                "unknown escape '\\\(shown(letter, quoted: false))' in a string",
                hint: "JSON escapes are \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t and \\uXXXX")
        }
        guard let unit = hexUnit(at: at + 2) else {
            throw error("'\\u' must be followed by four hexadecimal digits", hint: "write \\u00e9 for 'é'")
        }
        var scalarValue = UInt32(unit)
        offset = at + 6
        if (0xD800...0xDBFF).contains(unit) {
            guard offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u"),
                let low = hexUnit(at: offset + 2), (0xDC00...0xDFFF).contains(low)
            else { throw loneSurrogate(unit, at: at) }
            scalarValue = 0x10000 + (UInt32(unit - 0xD800) << 10) + UInt32(low - 0xDC00)
            offset += 6
        } else if (0xDC00...0xDFFF).contains(unit) {
            throw loneSurrogate(unit, at: at)
        }
        guard let scalar = Unicode.Scalar(scalarValue) else { throw loneSurrogate(unit, at: at) }
        composer.tree.bytes.append(contentsOf: String(Character(scalar)).utf8)
    }

    /// The four hexadecimal digits at `position` as a UTF-16 code unit.
    private func hexUnit(at position: Int) -> UInt16? {
        guard position + 4 <= bytes.count else { return nil }
        var unit: UInt16 = 0
        for byte in bytes[position..<position + 4] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            unit = unit << 4 | UInt16(digit)
        }
        return unit
    }

    /// Reads a number, kept as its text (a plain scalar): `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private mutating func number() throws(JSONSyntaxError) {
        let begin = offset
        let column = column(at: offset)
        func digits(_ scanner: inout JSONScanner) -> Int {
            let from = scanner.offset
            while scanner.offset < scanner.bytes.count,
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(scanner.bytes[scanner.offset])
            {
                scanner.offset += 1
            }
            return scanner.offset - from
        }
        if bytes[offset] == UInt8(ascii: "-") { offset += 1 }
        let integerStart = offset
        let integerDigits = digits(&self)
        guard integerDigits > 0 else {
            throw error("'-' must be followed by a digit", hint: "JSON numbers are written like -1, 0.5 or 2e3")
        }
        if integerDigits > 1, bytes[integerStart] == UInt8(ascii: "0") {
            throw JSONSyntaxError(
                message: "a JSON number has no leading zeros", hint: "write the number without them, or quote it",
                line: line, column: self.column(at: integerStart))
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
            offset += 1
            guard digits(&self) > 0 else {
                throw error("a decimal point must be followed by digits", hint: "write 1.0, not 1.")
            }
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "e") || bytes[offset] == UInt8(ascii: "E") {
            offset += 1
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") {
                offset += 1
            }
            guard digits(&self) > 0 else { throw error("an exponent must have digits", hint: "write 1e3, not 1e") }
        }
        let start = composer.tree.bytes.count
        composer.tree.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[begin..<offset]))
        addNode(.scalar, isPlain: true, line: line, column: column, start: start, count: offset - begin)
    }

    /// Reads `true`, `false` or `null`; any other word is an error.
    private mutating func literal() throws(JSONSyntaxError) {
        let begin = offset
        let column = column(at: offset)
        var end = offset
        while end < bytes.count, Self.isWordByte(bytes[end]), end - begin < 64 { end += 1 }
        let word = UnsafeBufferPointer(rebasing: bytes[begin..<end])
        guard word.elementsEqual("true".utf8) || word.elementsEqual("false".utf8) || word.elementsEqual("null".utf8)
        else { throw unquotedWord(word) }
        offset = end
        let start = composer.tree.bytes.count
        composer.tree.bytes.append(contentsOf: word)
        addNode(.scalar, isPlain: true, line: line, column: column, start: start, count: end - begin)
    }

    static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "$"), UInt8(ascii: "-"):
            true
        default: false
        }
    }

    private mutating func addNode(
        _ kind: YAMLTree.Node.Kind, isPlain: Bool, line: Int, column: Int, start: Int, count: Int
    ) {
        let node = YAMLTree.Node(
            kind: kind, isPlain: isPlain, tag: 0, line: line, column: column, start: start, count: count,
            end: composer.tree.nodes.count + 1)
        composer.append(node, anchor: nil, tag: nil, inspected: true)
    }

    /// Skips JSON's four whitespace characters, counting lines (`\r\n` and a lone `\r` are one break, as in
    /// ``SourceText``). A comment is an error, at its start.
    private mutating func skipWhitespace() throws(JSONSyntaxError) {
        while offset < bytes.count {
            switch bytes[offset] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                offset += 1
            case UInt8(ascii: "\n"):
                offset += 1
                newLine()
            case UInt8(ascii: "\r"):
                offset += 1
                if offset < bytes.count, bytes[offset] == UInt8(ascii: "\n") { offset += 1 }
                newLine()
            case UInt8(ascii: "#"):
                throw comment()
            case UInt8(ascii: "/")
            where offset + 1 < bytes.count
                && (bytes[offset + 1] == UInt8(ascii: "/") || bytes[offset + 1] == UInt8(ascii: "*")):
                throw comment()
            default:
                return
            }
        }
    }

    private mutating func newLine() {
        line += 1
        lineStart = offset
    }

    /// The 1-based column, in Unicode scalars, of a byte offset on the current line.
    mutating func column(at position: Int) -> Int {
        if cachedOffset < lineStart || cachedOffset > position {
            cachedOffset = lineStart
            cachedColumn = 1
        }
        var index = cachedOffset
        let end = min(position, bytes.count)
        while index < end {
            if bytes[index] & 0xC0 != 0x80 { cachedColumn += 1 }
            index += 1
        }
        cachedOffset = max(index, cachedOffset)
        return cachedColumn
    }

    /// Where the scanner is, for an error that has no better place.
    mutating func error(_ message: String, hint: String? = nil) -> JSONSyntaxError {
        JSONSyntaxError(message: message, hint: hint, line: line, column: column(at: offset))
    }

    /// An error at the end of the file for a collection that is still open.
    var composerPath: String { composer.path }

    private mutating func unclosed(_ opening: Opening) -> JSONSyntaxError {
        let bracket = opening.isObject ? "'{'" : "'['"
        return JSONSyntaxError(
            message: "this \(bracket) is never closed",
            hint: "close it with \(opening.isObject ? "'}'" : "']'") before the end of the file",
            line: opening.line, column: opening.column, related: [("the file ends here", line, column(at: offset))])
    }

    private mutating func trailingComma(before closer: String) -> JSONSyntaxError {
        let comma = lastComma ?? (line, column(at: offset))
        return JSONSyntaxError(
            message: "trailing comma before '\(closer)'",
            hint: "JSON allows no comma after the last \(closer == "}" ? "member" : "element"); remove it",
            line: comma.line, column: comma.column)
    }
}
