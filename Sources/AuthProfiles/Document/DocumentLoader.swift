import Yams

/// A YAML or JSON file turned into a Yams node tree, or the reasons it could not be.
///
/// Loading never expands aliases: anchors and aliases are rejected before any walk that could
/// multiply them, so an alias bomb costs no more than its bytes.
struct LoadedDocument {
    let source: SourceText
    let root: Node?
    let diagnostics: [Diagnostic]
}

enum DocumentLoader {
    /// Checks the raw bytes, parses them and checks the tree for constructs profiles do not allow.
    static func load(bytes: some Collection<UInt8>, path: String, limits: ParseLimits) -> LoadedDocument {
        let start = SourceLocation(file: path, line: 1, column: 1)
        func failure(_ diagnostic: Diagnostic, text: String = "") -> LoadedDocument {
            LoadedDocument(source: SourceText(path: path, text: text), root: nil, diagnostics: [diagnostic])
        }
        if bytes.count > limits.maximumFileSize {
            return failure(Diagnostic(
                .fileTooLarge, "file is \(bytes.count) bytes; the limit is \(limits.maximumFileSize) bytes",
                at: start, hint: "split the profiles over several files"))
        }
        var body = Array(bytes)
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body.removeFirst(3) }
        if let nul = body.firstIndex(of: 0) {
            let location = location(ofByte: nul, in: body, path: path)
            return failure(Diagnostic(
                .binaryFile, "file contains a NUL byte; profiles are UTF-8 text", at: location,
                hint: body.starts(with: [0xFF, 0xFE]) || body.starts(with: [0xFE, 0xFF])
                    ? "the file looks like UTF-16; save it as UTF-8" : nil))
        }
        guard let text = String(validating: body, as: UTF8.self) else {
            let offset = firstInvalidUTF8Offset(body)
            return failure(Diagnostic(
                .invalidUTF8, "file is not valid UTF-8 (byte \(offset))",
                at: location(ofByte: offset, in: body, path: path), hint: "save the file as UTF-8"))
        }
        let source = SourceText(path: path, text: text)
        do {
            let parser = try Parser(yaml: text, resolver: .basic, constructor: .default, encoding: .utf8)
            guard let root = try parser.nextRoot() else {
                return LoadedDocument(
                    source: source, root: nil,
                    diagnostics: [Diagnostic(.emptyDocument, "file contains no document", at: start,
                                             hint: "a profile file starts with `version: 1`")])
            }
            if let second = try parser.nextRoot() {
                let mark = second.mark.map { SourceLocation(file: path, line: $0.line, column: $0.column) } ?? start
                return LoadedDocument(
                    source: source, root: nil,
                    diagnostics: [Diagnostic(.multipleDocuments, "file contains more than one YAML document",
                                             at: mark, hint: "put each set of profiles in its own file")])
            }
            // The parser owns the anchors, which nodes reference weakly: inspect them while it lives.
            let problems = withExtendedLifetime(parser) {
                TreeInspector(path: path, limits: limits).inspect(root)
            }
            return LoadedDocument(source: source, root: problems.isEmpty ? root : nil, diagnostics: problems)
        } catch let error as YamlError {
            return LoadedDocument(source: source, root: nil, diagnostics: [diagnostic(for: error, path: path)])
        } catch {
            return LoadedDocument(
                source: source, root: nil,
                diagnostics: [Diagnostic(.syntaxError, "could not parse the file: \(error)", at: start)])
        }
    }

    private static func diagnostic(for error: YamlError, path: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: path, line: mark.line, column: mark.column) }
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            if problem.contains("Maximum nesting level") {
                return Diagnostic(.nestingTooDeep, "mappings and lists nest deeper than YAML parsing allows",
                                  at: at(mark))
            }
            let message = [context?.text, problem].compactMap { $0 }.joined(separator: ": ")
            return Diagnostic(.syntaxError, message, at: at(mark))
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Yams cannot order complex keys, so their position and text vary between runs: report them as what
            // they are (complex keys, which profiles never allow) at a fixed place.
            if duplicates.contains("<uncovertable>") {
                return Diagnostic(.complexKey, "a mapping repeats a key that is not a plain string",
                                  at: SourceLocation(file: path, line: 1, column: 1),
                                  hint: "mapping keys must be plain strings")
            }
            let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return Diagnostic(.duplicateKey, "key \(names) appears more than once in the same mapping",
                              at: at(context.mark), hint: "remove or merge the repeated entries")
        case .reader(let problem, _, _, _):
            return Diagnostic(.invalidUTF8, problem, at: SourceLocation(file: path, line: 1, column: 1))
        default:
            return Diagnostic(.syntaxError, "could not parse the file", at: SourceLocation(file: path, line: 1, column: 1))
        }
    }

    private static func location(ofByte offset: Int, in bytes: [UInt8], path: String) -> SourceLocation {
        var line = 1
        var lineStart = 0
        for index in 0..<min(offset, bytes.count) where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        // Columns count scalars: count the bytes that start a UTF-8 sequence.
        let column = bytes[lineStart..<min(offset, bytes.count)].filter { $0 & 0xC0 != 0x80 }.count + 1
        return SourceLocation(file: path, line: line, column: column)
    }

    private static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int {
        var offset = 0
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return bytes.count
            case .error: return offset
            }
        }
    }
}
