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
        var starts = [text.startIndex]
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            index = text.index(after: index)
            if character == "\n" || character == "\r\n" || character == "\r" {
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
