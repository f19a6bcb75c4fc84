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
/// to the columns shown.
public struct DisplayedLine: Sendable, Hashable {
    /// The text to print.
    public let text: String
    /// For each column of the file's line (1-based, one past the end included), the column it is shown at.
    private let columns: [Int]
    /// The file's columns (1-based) whose text was replaced by a marker.
    private let masked: [Range<Int>]

    init(text: String, columns: [Int], masked: [Range<Int>]) {
        self.text = text
        self.columns = columns
        self.masked = masked
    }

    /// The column at which a column of the file's line is shown (for a caret).
    public func column(for fileColumn: Int) -> Int {
        guard !columns.isEmpty else { return 1 }
        return columns[min(max(fileColumn, 1), columns.count) - 1]
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
    /// replaced by ``CredentialShape/marker``; when the document could not be decoded, so is every value under a
    /// key that names a secret. Control characters are escaped (tabs become spaces) so the line prints as written.
    ///
    /// A line longer than ``maximumDisplayedLineLength`` bytes (a minified JSON file is one line) is not shown: the
    /// work of showing a line grows with its length, once per diagnostic on it.
    public func displayedLine(_ number: Int) -> DisplayedLine? {
        guard let line = line(number), line.utf8.count <= Self.maximumDisplayedLineLength else { return nil }
        let scalars = Array(line.unicodeScalars)
        var ranges = maskedColumns(line: number, scalars: scalars)
        for range in CredentialShape.credentialRanges(inScalars: scalars) {
            ranges.append((range.lowerBound + 1)..<(range.upperBound + 1))
        }
        let merged = Self.merged(ranges, limit: scalars.count + 1)
        var text = ""
        var columns: [Int] = []
        columns.reserveCapacity(scalars.count + 1)
        var shown = 0
        var column = 1
        var next = merged.startIndex
        while column <= scalars.count {
            if next < merged.endIndex, merged[next].lowerBound == column {
                let range = merged[next]
                for _ in range { columns.append(shown + 1) }
                text += CredentialShape.marker
                shown += CredentialShape.marker.unicodeScalars.count
                column = range.upperBound
                next += 1
                continue
            }
            let scalar = scalars[column - 1]
            let piece = scalar == "\t" ? " " : OutsideText.escapingControlCharacters(String(scalar))
            columns.append(shown + 1)
            text += piece
            shown += piece.unicodeScalars.count
            column += 1
        }
        columns.append(shown + 1)
        return DisplayedLine(text: text, columns: columns, masked: merged)
    }

    /// The longest line, in UTF-8 bytes, that ``displayedLine(_:)`` shows.
    public static let maximumDisplayedLineLength = 1_000

    /// Whether line `number` exists but is too long to be shown under a diagnostic.
    public func isTooLongToDisplay(_ number: Int) -> Bool {
        (line(number)?.utf8.count ?? 0) > Self.maximumDisplayedLineLength
    }

    /// The columns of a line that the masks cover, 1-based with exclusive ends.
    private func maskedColumns(line number: Int, scalars: [Unicode.Scalar]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        let lineEnd = scalars.count + 1
        let firstText = (scalars.firstIndex { $0 != " " && $0 != "\t" } ?? scalars.count) + 1
        // The regions are disjoint and sorted: the first that ends after this line starts, then those that start on it.
        let regions = masks.regions
        var low = 0
        var high = regions.count
        while low < high {
            let middle = (low + high) / 2
            if let end = regions[middle].end, end.line < number || (end.line == number && end.column <= 1) {
                low = middle + 1
            } else {
                high = middle
            }
        }
        for region in regions[low...] {
            guard region.startLine <= number else { break }
            let from = region.startLine == number ? region.startColumn : firstText
            var to = lineEnd
            if let end = region.end, end.line == number {
                to = min(end.column, lineEnd)
                // Up to the next node, without the separators before it (`, ` in a flow collection).
                while !region.isExact, to > from, to - 2 < scalars.count, [" ", ",", "\t"].contains(scalars[to - 2]) {
                    to -= 1
                }
            }
            if from < to { ranges.append(from..<to) }
        }
        if !masks.isDecoded { ranges += secretKeyValues(in: scalars) }
        return ranges
    }

    /// Without a decoded document: the value after every `key:` whose key names a secret, to the end of the line.
    private func secretKeyValues(in scalars: [Unicode.Scalar]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        for index in scalars.indices where scalars[index] == ":" {
            guard index + 1 == scalars.count || scalars[index + 1] == " " || scalars[index + 1] == "\t" else {
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
