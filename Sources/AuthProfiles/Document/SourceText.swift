/// The text of one profile file, kept so that diagnostics can show the offending source line.
public struct SourceText: Sendable {
    /// The path (or name) of the file.
    public let path: String
    /// The decoded text; empty when the file could not be decoded.
    public let text: String
    private let lineStarts: [String.Index]

    /// Creates a source text and indexes its line starts.
    public init(path: String, text: String) {
        self.path = path
        self.text = text
        // Scan bytes, not Characters: grapheme breaking over a 5 MB file costs ~100 ms. "\r\n" is one break.
        var starts = [text.startIndex]
        let utf8 = text.utf8
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            index = utf8.index(after: index)
            if byte == UInt8(ascii: "\n") {
                starts.append(index)
            } else if byte == UInt8(ascii: "\r") {
                if index < utf8.endIndex, utf8[index] == UInt8(ascii: "\n") { index = utf8.index(after: index) }
                starts.append(index)
            }
        }
        lineStarts = starts
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
