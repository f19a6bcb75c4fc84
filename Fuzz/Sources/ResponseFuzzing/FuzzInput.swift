// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import Foundation

/// How a fuzz input is cut into what a target feeds. The layout is text so that seeds can be read and written by
/// hand, and every cut is total: any bytes give some setup line and some responses, never a trap.
///
/// ```
/// <setup line: words that choose a source, tool or option>
/// <status>
/// Header-Name: value
///
/// <body>
/// ~~~
/// <status of the next answer>
/// …
/// ```
///
/// A part with no blank line is all head (status and headers) and has an empty body. A status that is not 1–3
/// digits is 200. A part whose first line is `reset` or `timeout` is no answer at all: the connection breaks or
/// times out (`TransportError`), as a server that went away does.
struct FuzzInput: Sendable {
    /// The raw input.
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The words of the first line, lowercased.
    var setupWords: [String] {
        let line = bytes.prefix { $0 != newline }
        return String(decoding: line, as: UTF8.self).lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
    }

    /// Everything after the first line.
    var afterSetup: ArraySlice<UInt8> {
        guard let end = bytes.firstIndex(of: newline) else { return [] }
        return bytes[(end + 1)...]
    }

    /// The parts after the setup line, split at `~~~` lines.
    var parts: [ArraySlice<UInt8>] {
        Self.split(afterSetup, separator: Self.separator)
    }

    /// The answers after the setup line, in order.
    var responses: [ScriptedResponse] {
        parts.map(ScriptedResponse.init)
    }

    static let separator = Array("\n~~~\n".utf8)

    /// `bytes` cut at every occurrence of `separator` (a naive search: inputs are at most a few KB).
    static func split(_ bytes: ArraySlice<UInt8>, separator: [UInt8]) -> [ArraySlice<UInt8>] {
        var parts: [ArraySlice<UInt8>] = []
        var start = bytes.startIndex
        var index = bytes.startIndex
        while index + separator.count <= bytes.endIndex {
            if bytes[index..<(index + separator.count)].elementsEqual(separator) {
                parts.append(bytes[start..<index])
                index += separator.count
                start = index
            } else {
                index += 1
            }
        }
        parts.append(bytes[start...])
        return parts
    }
}

let newline = UInt8(ascii: "\n")

/// One answer of a scripted server: status line, header lines, a blank line, the body.
struct ScriptedResponse: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]
    /// Set for `reset` and `timeout`: the request fails below HTTP instead of being answered.
    var failure: TransportError.Code?

    init(_ part: ArraySlice<UInt8>) {
        let blank = FuzzInput.split(part, separator: [newline, newline])
        let head = blank[0]
        body = blank.count > 1 ? Array(part[(head.endIndex + 2)...]) : []
        let lines = head.split(separator: newline, omittingEmptySubsequences: false).map { line in
            String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line, as: UTF8.self)
        }
        status = lines.first.flatMap(Self.status) ?? 200
        headers = lines.dropFirst().compactMap(Self.header)
        failure =
            switch lines.first?.trimmingCharacters(in: .whitespaces).lowercased() {
            case "reset": .connectionFailed
            case "timeout": .timedOut
            default: nil
            }
    }

    /// `HTTP/1.1 429 Too Many Requests`, `429` or `429 …`: the first run of 1–3 digits.
    private static func status(_ line: String) -> Int? {
        let words = line.split(separator: " ")
        let word = words.first { $0.first?.isNumber == true } ?? ""
        guard (1...3).contains(word.count), word.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(word)
    }

    /// `Name: value`, the value without leading blanks (as HTTP parsers do).
    static func header(_ line: String) -> (name: String, value: String)? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let value = line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
        return (name: String(line[..<colon]), value: String(value))
    }
}
