// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// The text of one profile file, kept so that diagnostics can show the offending source line.
public struct SourceText: Sendable {
    /// The path (or name) of the file.
    public let path: String
    /// The decoded text; empty when the file could not be decoded.
    public let text: String
    private let lineStarts: [String.Index]
    /// The lines longer than ``maximumDisplayedLineLength`` bytes, by number, indexed so that the part of one around
    /// a column is found without walking the line (a minified JSON file is one line, with a diagnostic per key).
    private(set) var longLines: [Int: LongLine] = [:]
    /// Where the values that must never be shown are: set by the validator after decoding.
    var masks = SourceMasks()

    /// Creates a source text and indexes its line starts.
    public init(path: String, text: String) {
        self.path = path
        // Scan bytes, not Characters: grapheme breaking over a 5 MB file costs ~100 ms. "\r\n" is one break.
        // `withUTF8` makes the text native UTF-8 first (a no-op for text read from a file), so the indices below,
        // computed from byte offsets, belong to the stored text.
        var text = text
        var offsets = [0]
        text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: "\n") {
                    offsets.append(index)
                } else if byte == UInt8(ascii: "\r") {
                    if index < bytes.count, bytes[index] == UInt8(ascii: "\n") { index += 1 }
                    offsets.append(index)
                }
            }
        }
        self.text = text
        let utf8 = text.utf8
        lineStarts = offsets.map { utf8.index(utf8.startIndex, offsetBy: $0) }
        for (index, start) in offsets.enumerated() {
            let end = index + 1 < offsets.count ? offsets[index + 1] : utf8.count
            guard end - start > Self.maximumDisplayedLineLength, let line = line(index + 1) else { continue }
            longLines[index + 1] = LongLine(line)
        }
    }

    /// The number of lines in the text.
    public var lineCount: Int { lineStarts.count }

    /// The text of a 1-based line without its line break, or `nil` when the line does not exist.
    public func line(_ number: Int) -> Substring? {
        guard number >= 1, number <= lineStarts.count else { return nil }
        let start = lineStarts[number - 1]
        var end = number < lineStarts.count ? lineStarts[number] : text.endIndex
        while end > start {
            let previous = text.index(before: end)
            guard text[previous].isNewline else { break }
            end = previous
        }
        return text[start..<end]
    }
}
