// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// A YAML or JSON file turned into a ``YAMLTree``, or the reasons it could not be.
///
/// Loading never expands aliases: anchors and aliases are rejected while composing, and no check follows an
/// alias into its anchored node, so an alias bomb costs no more than its bytes.
struct LoadedDocument {
    let source: SourceText
    /// The composed document (its root is node 0); `nil` when there were problems.
    let tree: YAMLTree?
    let diagnostics: [Diagnostic]
}

enum DocumentLoader {
    /// Checks the raw bytes, then composes them, checking for constructs profiles do not allow on the way.
    static func load(bytes: some Collection<UInt8>, path: String, limits: ParseLimits) -> LoadedDocument {
        let start = SourceLocation(file: path, line: 1, column: 1)
        if bytes.count > limits.maximumFileSize {
            return failure(
                Diagnostic(
                    .fileTooLarge, "file is \(bytes.count) bytes; the limit is \(limits.maximumFileSize) bytes",
                    at: start, hint: "split the profiles over several files"), path: path)
        }
        var body = Array(bytes)
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body.removeFirst(3) }
        if let nul = body.firstIndex(of: 0) { return binary(at: nul, in: body, path: path) }
        guard let text = String(validating: body, as: UTF8.self) else {
            let offset = firstInvalidUTF8Offset(body)
            return failure(
                Diagnostic(
                    .invalidUTF8, "file is not valid UTF-8 (byte \(offset))",
                    at: location(ofByte: offset, in: body, path: path), hint: "save the file as UTF-8"), path: path)
        }
        return compose(text, path: path, limits: limits)
    }

    /// Checks and composes a document that is already text (read straight into a string, so that a large file
    /// is held once, not as bytes and text both).
    static func load(text: String, path: String, limits: ParseLimits) -> LoadedDocument {
        var text = text
        if text.utf8.count > limits.maximumFileSize {
            return failure(
                Diagnostic(
                    .fileTooLarge, "file is \(text.utf8.count) bytes; the limit is \(limits.maximumFileSize) bytes",
                    at: SourceLocation(file: path, line: 1, column: 1), hint: "split the profiles over several files"),
                path: path)
        }
        if text.unicodeScalars.first == "\u{FEFF}" { text = String(text.unicodeScalars.dropFirst()) }
        let nul = text.withUTF8 { bytes in bytes.firstIndex(of: 0) }
        if let nul { return text.withUTF8 { binary(at: nul, in: Array($0), path: path) } }
        return compose(text, path: path, limits: limits)
    }

    private static func failure(_ diagnostic: Diagnostic, path: String, text: String = "") -> LoadedDocument {
        LoadedDocument(source: SourceText(path: path, text: text), tree: nil, diagnostics: [diagnostic])
    }

    private static func binary(at nul: Int, in body: [UInt8], path: String) -> LoadedDocument {
        failure(
            Diagnostic(
                .binaryFile, "file contains a NUL byte; profiles are UTF-8 text",
                at: location(ofByte: nul, in: body, path: path),
                hint: body.starts(with: [0xFF, 0xFE]) || body.starts(with: [0xFE, 0xFF])
                    ? "the file looks like UTF-16; save it as UTF-8" : nil), path: path)
    }

    /// Composes UTF-8 text in place: the text is shared with the source lines diagnostics show, never copied.
    private static func compose(_ text: String, path: String, limits: ParseLimits) -> LoadedDocument {
        let start = SourceLocation(file: path, line: 1, column: 1)
        let source = SourceText(path: path, text: text)
        var text = source.text
        let isJSON = DocumentSyntax(path: path) == .json
        let composition = text.withUTF8 { bytes in
            isJSON
                ? JSONScanner.compose(bytes, path: path, limits: limits)
                : YAMLComposer.compose(bytes, path: path, limits: limits)
        }
        switch composition {
        case .empty:
            return LoadedDocument(
                source: source, tree: nil,
                diagnostics: [
                    Diagnostic(
                        .emptyDocument, "file contains no document", at: start,
                        hint: isJSON
                            ? "a JSON profile file is an object: `{\"version\": 1, …}`"
                            : "a profile file starts with `version: 1`")
                ])
        case .failure(let diagnostic):
            return LoadedDocument(source: source, tree: nil, diagnostics: [diagnostic])
        case .document(let tree, let problems):
            return LoadedDocument(source: source, tree: problems.isEmpty ? tree : nil, diagnostics: problems)
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
