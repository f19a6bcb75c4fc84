// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import IdentitySupport

/// The regions of a profile file whose text is never shown: values in a secret's place and values of keys the
/// format does not define. Set by the validator from the decoded document.
struct SourceMasks: Sendable {
    /// One value: from where its node starts to where the next node starts (or the end of the file). Regions are
    /// disjoint and sorted, since nodes are in document order.
    struct Region: Sendable {
        let startLine: Int
        let startColumn: Int
        /// `nil`: to the end of the file.
        let end: (line: Int, column: Int)?
        /// Whether `end` is where the value's text ends; otherwise it is where the next node starts, and the
        /// separators before it are not part of the value.
        var isExact = false
    }

    var regions: [Region] = []
    /// Whether the document was decoded, so that `regions` covers it. If not (a syntax error, a repeated key), no
    /// field is known and every value under a key that names a secret (`clientSecret`, `password`, …) is masked.
    var isDecoded = false
}

/// A source line as it may be shown under a diagnostic: masked, escaped, and with a map from the file's columns
/// to the columns shown. A long line is shown as a window around the column of interest, cut with `…`.
public struct DisplayedLine: Sendable, Hashable {
    /// The text to print.
    public let text: String
    /// For each column of the file's line from ``firstColumn`` (one past the shown part included), the column it is
    /// shown at.
    private let columns: [Int]
    /// The file's column shown first.
    private let firstColumn: Int
    /// The file's columns (1-based) whose text was replaced by a marker.
    private let masked: [Range<Int>]

    init(text: String, columns: [Int], firstColumn: Int = 1, masked: [Range<Int>]) {
        self.text = text
        self.columns = columns
        self.firstColumn = firstColumn
        self.masked = masked
    }

    /// The column at which a column of the file's line is shown (for a caret).
    public func column(for fileColumn: Int) -> Int {
        guard !columns.isEmpty else { return 1 }
        return columns[min(max(fileColumn - firstColumn, 0), columns.count - 1)]
    }

    /// Whether the text at a column of the file's line was masked.
    public func isMasked(at fileColumn: Int) -> Bool {
        masked.contains { $0.contains(fileColumn) }
    }
}

extension SourceText {
    /// Line `number` as diagnostics may show it, or `nil` when the line does not exist.
    ///
    /// Values in a secret's place, values of unknown keys and every token that looks like a credential are
    /// replaced by `[redacted]`; when the document could not be decoded, so is every value under a
    /// key that names a secret. Control characters are escaped (tabs become spaces) so the line prints as written.
    ///
    /// A line longer than ``maximumDisplayedLineLength`` bytes (a minified JSON file is one line) is shown as a
    /// window of ``displayedWindowWidth`` columns around `column`, with `…` where it is cut: the work of showing a
    /// line is bounded by the window, not the line, and so is the output.
    public func displayedLine(_ number: Int, around column: Int = 1) -> DisplayedLine? {
        if let long = longLines[number] { return displayedWindow(of: long, line: number, around: column) }
        guard let line = line(number) else { return nil }
        let scalars = Array(line.unicodeScalars)
        let slice = LineSlice(scalars: scalars, first: 1, lineEnd: scalars.count + 1)
        var ranges = maskedColumns(line: number, slice: slice)
        if !masks.isDecoded { ranges += Self.secretKeyValues(in: scalars) }
        for range in CredentialShape.credentialRanges(inScalars: scalars) {
            ranges.append((range.lowerBound + 1)..<(range.upperBound + 1))
        }
        return Self.displayed(slice, from: 1, to: scalars.count + 1, masking: ranges)
    }

    /// The longest line, in UTF-8 bytes, that ``displayedLine(_:around:)`` shows whole.
    public static let maximumDisplayedLineLength = 1_000

    /// How many columns of a longer line are shown.
    public static let displayedWindowWidth = 120

    /// The scalars around a column of a long line, read from the nearest checkpoint, and shown as a window.
    ///
    /// The scalars read reach ``LongLine/margin`` further on each side than the window, so that a credential token
    /// crossing the window's edge is still recognised whole; a token that also crosses the margin's edge is masked.
    private func displayedWindow(of long: LongLine, line number: Int, around column: Int) -> DisplayedLine? {
        guard let line = line(number) else { return nil }
        let lineEnd = long.scalarCount + 1
        let column = min(max(column, 1), lineEnd)
        let to = min(lineEnd, max(column - Self.displayedWindowWidth / 2, 1) + Self.displayedWindowWidth)
        let from = max(1, to - Self.displayedWindowWidth)
        let readFrom = max(1, from - LongLine.margin)
        let readTo = min(lineEnd, to + LongLine.margin)
        let scalars = long.scalars(of: line, from: readFrom, count: readTo - readFrom)
        let slice = LineSlice(scalars: scalars, first: readFrom, lineEnd: lineEnd, firstText: long.firstText)
        var ranges = maskedColumns(line: number, slice: slice)
        if !masks.isDecoded, let secret = long.secretValueColumn { ranges.append(secret..<lineEnd) }
        for range in CredentialShape.credentialRanges(inScalars: scalars) {
            ranges.append((range.lowerBound + readFrom)..<(range.upperBound + readFrom))
        }
        // Tokens cut by the edges of what was read: whatever they are, they are not shown.
        if readFrom > 1, let first = scalars.firstIndex(where: CredentialShape.isSeparator) {
            ranges.append(readFrom..<(readFrom + first))
        }
        if readTo < lineEnd, let last = scalars.lastIndex(where: CredentialShape.isSeparator) {
            ranges.append((readFrom + last + 1)..<readTo)
        }
        if scalars.count == readTo - readFrom, !scalars.contains(where: CredentialShape.isSeparator),
            readFrom > 1 || readTo < lineEnd
        {
            ranges.append(readFrom..<readTo)
        }
        return Self.displayed(slice, from: from, to: to, masking: ranges)
    }

    /// Columns `from..<to` of a slice as shown: masked ranges as one marker each, control characters escaped, `…`
    /// where the line goes on beyond what is shown.
    private static func displayed(
        _ slice: LineSlice, from: Int, to: Int, masking ranges: [Range<Int>]
    ) -> DisplayedLine {
        let merged = Self.merged(ranges, limit: slice.lineEnd)
        var text = from > 1 ? "…" : ""
        var shown = text.unicodeScalars.count
        var columns: [Int] = []
        columns.reserveCapacity(to - from + 1)
        var column = from
        var next = merged.firstIndex { $0.upperBound > from } ?? merged.endIndex
        while column < to {
            if next < merged.endIndex, merged[next].lowerBound <= column {
                let range = merged[next]
                for _ in column..<min(range.upperBound, to) { columns.append(shown + 1) }
                text += CredentialShape.marker
                shown += CredentialShape.marker.unicodeScalars.count
                column = range.upperBound
                next += 1
                continue
            }
            let scalar = slice[column]
            columns.append(shown + 1)
            column += 1
            if scalar.value >= 0x20 && scalar.value < 0x7F {
                text.unicodeScalars.append(scalar)
                shown += 1
                continue
            }
            let piece = scalar == "\t" ? " " : OutsideText.escapingControlCharacters(String(scalar))
            text += piece
            shown += piece.unicodeScalars.count
        }
        columns.append(shown + 1)
        if column < slice.lineEnd { text += "…" }
        return DisplayedLine(text: text, columns: columns, firstColumn: from, masked: merged)
    }

    /// The columns of a line that the masks cover, 1-based with exclusive ends, as far as the slice reaches.
    private func maskedColumns(line number: Int, slice: LineSlice) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        let lineEnd = slice.lineEnd
        let sliceEnd = slice.first + slice.scalars.count
        // The regions are disjoint and sorted: the first that ends after the slice starts, then those that start
        // before it ends.
        let regions = masks.regions
        var low = 0
        var high = regions.count
        while low < high {
            let middle = (low + high) / 2
            if let end = regions[middle].end,
                end.line < number || (end.line == number && end.column <= slice.first)
            {
                low = middle + 1
            } else {
                high = middle
            }
        }
        for region in regions[low...] {
            guard region.startLine < number || (region.startLine == number && region.startColumn < sliceEnd)
            else { break }
            let from = region.startLine == number ? region.startColumn : slice.firstText
            var to = lineEnd
            if let end = region.end, end.line == number {
                to = min(end.column, lineEnd)
                // Up to the next node, without the separators before it (`, ` in a flow collection).
                while !region.isExact, to > from, let scalar = slice.scalar(at: to - 1),
                    [" ", ",", "\t"].contains(scalar)
                {
                    to -= 1
                }
            }
            if from < to { ranges.append(from..<to) }
        }
        return ranges
    }

    /// Without a decoded document: the value after every `key:` whose key names a secret, to the end of the line.
    static func secretKeyValues(in scalars: [Unicode.Scalar]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        for index in scalars.indices where scalars[index] == ":" {
            // `key: value`, or a quoted key right before its ':' (`"clientSecret":"…"` in minified JSON).
            let isQuotedKey = index > 0 && (scalars[index - 1] == "\"" || scalars[index - 1] == "'")
            guard isQuotedKey || index + 1 == scalars.count || scalars[index + 1] == " " || scalars[index + 1] == "\t"
            else {
                continue
            }
            var keyEnd = index
            if keyEnd > 0, scalars[keyEnd - 1] == "\"" || scalars[keyEnd - 1] == "'" { keyEnd -= 1 }
            var keyStart = keyEnd
            while keyStart > 0, Self.isKeyScalar(scalars[keyStart - 1]) { keyStart -= 1 }
            let key = String(String.UnicodeScalarView(scalars[keyStart..<keyEnd]))
            guard CredentialShape.isSecretKey(key) else { continue }
            let valueStart = (scalars[(index + 1)...].firstIndex { $0 != " " && $0 != "\t" } ?? scalars.count) + 1
            if valueStart <= scalars.count { ranges.append(valueStart..<(scalars.count + 1)) }
        }
        return ranges
    }

    private static func isKeyScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-"
    }

    /// Sorted, non-overlapping ranges within `1..<limit`.
    private static func merged(_ ranges: [Range<Int>], limit: Int) -> [Range<Int>] {
        var result: [Range<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            let lower = max(1, range.lowerBound)
            let upper = min(limit, range.upperBound)
            guard lower < upper else { continue }
            let clamped = lower..<upper
            if let last = result.last, clamped.lowerBound <= last.upperBound {
                result[result.count - 1] = last.lowerBound..<max(last.upperBound, clamped.upperBound)
            } else {
                result.append(clamped)
            }
        }
        return result
    }
}
