// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

// `CYaml` is the libyaml C target inside Yams (pinned `from: "6.2.2"`). Yams exports only its `Yams` product, but
// SwiftPM gives a target the module maps of every C target it depends on transitively, so this import compiles
// without a new dependency. Using Yams's own copy keeps one libyaml in the binary (vendoring a second would clash
// on symbols) and keeps its nesting limit. Yams's `Node` tree cost a third of the 10,000-profile benchmark, so the
// loader reads libyaml's events itself. If a Yams release renamed the target, this file would be the one to change.
internal import CYaml

/// What composing a byte buffer gave: no document, a failure that stops everything, or one document with the
/// problems the inspection found (the tree is only decoded when there are none).
enum YAMLComposition {
    case empty
    case failure(Diagnostic)
    case document(YAMLTree, problems: [Diagnostic])
}

/// Builds a ``YAMLTree`` from libyaml's events and, in the same pass, finds what profiles do not allow.
///
/// The checks are those of a preorder walk that never enters an anchored node: anchors and aliases, merge keys,
/// explicit tags, complex keys, nesting deeper than the limit and more nodes than the limit. They are reported in
/// that walk's order, which is document order except that a mapping's complex and merge keys are reported, last
/// first, before anything inside the mapping. Aliases are never expanded. Failures end composition at once, as
/// Yams's composer did: a libyaml error, an undefined alias, a mapping with a repeated key (checked when the
/// mapping ends), or a second document (fully composed first, so its own failures win).
struct YAMLComposer {
    struct Mark {
        var line: Int
        var column: Int
    }

    /// An open collection.
    struct Frame {
        let index: Int
        let isMapping: Bool
        let depth: Int
        /// Whether the walk enters this collection, i.e. visited it and it has no anchor.
        let isEntered: Bool
        /// Where this mapping's key problems go in ``problems``: before anything inside it.
        let slot: Int
        let anchor: String?
        var atKey = true
        /// The current pair has a complex or merge key: the walk skips its value.
        var skipsValue = false
        var keyMark: Mark?
        /// The children completed so far.
        var children = 0
    }

    let path: String
    let limits: ParseLimits
    var tree = YAMLTree()
    var frames: [Frame] = []
    var anchors: [String: Int] = [:]
    var problems: [Diagnostic] = []
    var visitedNodes = 0
    /// The walk stopped at a limit: nothing more is reported.
    var isStopped = false
    var rootMark = Mark(line: 1, column: 1)
    var structureIDs: [Int: Int] = [:]
    var structures: [StructureKey: Int] = [:]
    /// The text being composed, for wording a syntax error (what character libyaml stopped at).
    var input = UnsafeBufferPointer<UInt8>(start: nil, count: 0)

    init(path: String, limits: ParseLimits) {
        self.path = path
        self.limits = limits
    }

    /// Composes the first document of `bytes` (UTF-8 without a byte order mark), read in place.
    static func compose(_ bytes: UnsafeBufferPointer<UInt8>, path: String, limits: ParseLimits) -> YAMLComposition {
        var composer = YAMLComposer(path: path, limits: limits)
        // Capacity hints, not bounds: scalar text is about as long as the file, and the generated benchmark files
        // have a node per 14 (YAML) to 18 (JSON) bytes. Growing a 330,000-node array by doubling copied it twice over.
        composer.tree.bytes.reserveCapacity(bytes.count)
        composer.tree.nodes.reserveCapacity(bytes.count / 12)
        return composer.run(bytes)
    }

    private mutating func run(_ buffer: UnsafeBufferPointer<UInt8>) -> YAMLComposition {
        input = buffer
        // Parser and event live at fixed addresses for the whole parse; both are freed on every path.
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
        defer {
            parser.deallocate()
            event.deallocate()
        }
        guard yaml_parser_initialize(parser) == 1 else {
            return .failure(failure(for: parser))
        }
        defer { yaml_parser_delete(parser) }
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count)
        return events(parser, event)
    }

    /// Reads the stream: the first document, then one more event to learn whether a second document follows.
    private mutating func events(
        _ parser: UnsafeMutablePointer<yaml_parser_t>, _ event: UnsafeMutablePointer<yaml_event_t>
    ) -> YAMLComposition {
        var documents = 0
        var secondRoot: Int?
        while true {
            guard yaml_parser_parse(parser, event) == 1 else {
                yaml_event_delete(event)
                return .failure(failure(for: parser))
            }
            defer { yaml_event_delete(event) }
            switch event.pointee.type {
            case YAML_STREAM_END_EVENT:
                return documents == 0 ? .empty : .document(tree, problems: problems)
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents == 2 { secondRoot = tree.nodes.count }
            case YAML_DOCUMENT_END_EVENT:
                if let secondRoot {
                    let root = tree.nodes[tree.resolved(secondRoot)]
                    return .failure(
                        Diagnostic(
                            .multipleDocuments, "file contains more than one YAML document",
                            at: SourceLocation(file: path, line: root.line, column: root.column),
                            hint: "put each set of profiles in its own file"))
                }
            case YAML_SCALAR_EVENT, YAML_ALIAS_EVENT, YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                if let failure = startNode(event.pointee, inspected: documents == 1) { return .failure(failure) }
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                if let failure = endCollection() { return .failure(failure) }
            default:
                break
            }
        }
    }

    /// Adds a scalar, alias or collection start to the tree and visits it.
    private mutating func startNode(_ event: yaml_event_t, inspected: Bool) -> Diagnostic? {
        let index = tree.nodes.count
        let mark = Mark(line: event.start_mark.line + 1, column: event.start_mark.column + 1)
        var node = YAMLTree.Node(
            kind: .scalar, isPlain: false, tag: 0, line: mark.line, column: mark.column,
            start: 0, count: 0, end: index + 1)
        var anchor: UnsafeMutablePointer<yaml_char_t>?
        var tag: UnsafeMutablePointer<yaml_char_t>?
        switch event.type {
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            (anchor, tag) = (scalar.anchor, scalar.tag)
            node.isPlain = scalar.style == YAML_PLAIN_SCALAR_STYLE
            node.start = tree.bytes.count
            node.count = scalar.length
            if scalar.length > 0 {
                tree.bytes.append(contentsOf: UnsafeBufferPointer(start: scalar.value, count: scalar.length))
            }
        case YAML_ALIAS_EVENT:
            let name = Self.string(event.data.alias.anchor) ?? ""
            guard let target = anchors[name] else {
                return Diagnostic(
                    .syntaxError, "alias '*\(ShownValue.shown(name))' refers to no anchor defined before it",
                    at: SourceLocation(file: path, line: mark.line, column: mark.column),
                    hint: "anchors and aliases are not allowed in profiles: write the value out in full",
                    related: [
                        RelatedLocation(
                            "libyaml: found undefined alias",
                            at: SourceLocation(file: path, line: mark.line, column: mark.column))
                    ])
            }
            node.kind = .alias
            node.start = target
        case YAML_SEQUENCE_START_EVENT:
            node.kind = .sequence
            let start = event.data.sequence_start
            (anchor, tag) = (start.anchor, start.implicit != 0 ? nil : start.tag)
        default:
            node.kind = .mapping
            let start = event.data.mapping_start
            (anchor, tag) = (start.anchor, start.implicit != 0 ? nil : start.tag)
        }
        let anchorName = node.kind == .alias ? Self.string(event.data.alias.anchor) : anchor.flatMap(Self.string)
        append(node, anchor: anchorName, tag: tag.flatMap(Self.string), inspected: inspected)
        return nil
    }

    /// Adds a node whose scalar text, if any, is already in ``YAMLTree/bytes``, visits it and opens or completes
    /// it: the one path by which both libyaml's events and the strict JSON scanner build the tree.
    mutating func append(_ node: YAMLTree.Node, anchor anchorName: String?, tag tagName: String?, inspected: Bool) {
        var node = node
        let index = tree.nodes.count
        let mark = Mark(line: node.line, column: node.column)
        if let tagName { node.tag = internTag(tagName) }
        tree.nodes.append(node)
        let entered = visit(index, mark: mark, anchor: anchorName, tag: tagName, inspected: inspected)
        if node.kind == .sequence || node.kind == .mapping {
            frames.append(
                Frame(
                    index: index, isMapping: node.kind == .mapping, depth: frames.count + 1,
                    isEntered: entered, slot: problems.count, anchor: anchorName))
        } else {
            if node.kind == .scalar, let anchorName { anchors[anchorName] = index }
            finishChild()
        }
    }

    /// Closes the innermost collection: fixes its extent, checks a mapping's keys and registers its anchor.
    mutating func endCollection() -> Diagnostic? {
        guard let frame = frames.popLast() else { return nil }
        tree.nodes[frame.index].end = tree.nodes.count
        tree.nodes[frame.index].count = frame.children
        if frame.isMapping {
            if let failure = repeatedKeyFailure(mapping: frame.index) { return failure }
            if frame.isEntered { reportKeys(of: frame.index, at: frame.slot) }
        }
        if let anchor = frame.anchor { anchors[anchor] = frame.index }
        finishChild()
        return nil
    }

    /// After a complete child: the collection counts it, a mapping moves between key and value.
    private mutating func finishChild() {
        guard let last = frames.indices.last else { return }
        frames[last].children += 1
        if frames[last].isMapping { frames[last].atKey.toggle() }
    }

    private mutating func internTag(_ name: String) -> Int32 {
        if name.isEmpty || name == "!" { return 0 }
        if let index = tree.tags.firstIndex(of: name) { return Int32(index) }
        tree.tags.append(name)
        return Int32(tree.tags.count - 1)
    }

    /// A libyaml error as a diagnostic in plain words (``YAMLSyntaxError``), libyaml's text kept as a note.
    private func failure(for parser: UnsafeMutablePointer<yaml_parser_t>) -> Diagnostic {
        let start = SourceLocation(file: path, line: 1, column: 1)
        let error = parser.pointee
        let problem = error.problem.map { String(cString: $0) } ?? ""
        switch error.error {
        case YAML_READER_ERROR:
            // The loader checked UTF-8 already: what is left is a control character, at a byte offset.
            let (line, column) = YAMLSyntaxError.position(in: input, ofByte: Int(clamping: error.problem_offset))
            let value = error.problem_value
            let character = value >= 0 ? Unicode.Scalar(UInt32(clamping: value)) : nil
            if problem != "control characters are not allowed" {
                return Diagnostic(.invalidUTF8, problem, at: SourceLocation(file: path, line: line, column: column))
            }
            return YAMLSyntaxError(problem: problem, line: line, column: column, character: character)
                .diagnostic(path: path)
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR, YAML_COMPOSER_ERROR:
            let (line, column) = (
                Int(clamping: error.problem_mark.line) + 1, Int(clamping: error.problem_mark.column) + 1
            )
            if problem.contains("Maximum nesting level") {
                return Diagnostic(
                    .nestingTooDeep, "mappings and lists nest deeper than YAML parsing allows",
                    at: SourceLocation(file: path, line: line, column: column))
            }
            return YAMLSyntaxError(
                context: error.context.map { String(cString: $0) },
                contextLine: Int(clamping: error.context_mark.line) + 1,
                contextColumn: Int(clamping: error.context_mark.column) + 1,
                problem: problem, line: line, column: column,
                character: YAMLSyntaxError.scalar(in: input, line: line, column: column)
            ).diagnostic(path: path)
        default:
            return Diagnostic(.syntaxError, "could not parse the file", at: start)
        }
    }

    /// A NUL-terminated libyaml string (anchor or tag); invalid UTF-8 is repaired, as Yams did.
    static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String.decodeCString(pointer, as: UTF8.self, repairingInvalidCodeUnits: true)?.result
    }
}
