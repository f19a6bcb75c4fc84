// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// Reads a composed ``YAMLTree`` against the format description, collecting every structural problem.
///
/// It never stops at the first problem: an invalid value becomes ``DecodedValue/invalid`` and decoding
/// goes on, so one run reports everything.
struct DocumentDecoder {
    let file: String
    /// The document; nodes are its indices.
    let tree: YAMLTree
    private(set) var diagnostics: [Diagnostic] = []
    /// Built on the first diagnostic: key paths are written only for the nodes that have a problem.
    private var paths: YAMLTree.Paths?
    /// Did-you-mean searches left for this document.
    var suggestions = Suggestion.Budget()
    /// Scalars whose text is never shown in a source line: values in a secret's place, values of unknown keys.
    private(set) var sensitiveNodes: [Int] = []
    /// The keys among them: never written into a diagnostic's key path either.
    private var sensitiveKeys: Set<Int> = []

    init(file: String, tree: YAMLTree) {
        self.file = file
        self.tree = tree
    }

    mutating func decodeDocument() -> DecodedObject? {
        let root = 0
        guard kind(root) == .mapping else {
            report(.wrongType, "a profile file must be a mapping with `version` and `profiles`", at: root)
            return nil
        }
        return decodeObject(root, spec: FormatSpec.document)
    }

    // MARK: Objects

    mutating func decodeObject(_ node: Int, spec: ObjectSpec) -> DecodedObject? {
        guard kind(node) == .mapping else {
            report(.wrongType, "\(spec.name) must be a mapping, found \(describe(node))", at: node)
            return nil
        }
        var object = DecodedObject(node: node, location: location(node))
        var misspelled: Set<String> = []
        for (keyNode, valueNode) in tree.pairs(of: node) {
            let key = tree.string(keyNode)
            guard let field = spec.field(named: key) else {
                let suggestion = suggestions.closest(to: key, in: spec.fields.lazy.map(\.name))
                if let suggestion { misspelled.insert(suggestion) }
                let hint =
                    suggestion.map { "did you mean '\($0)'?" }
                    ?? "\(spec.name) has: " + spec.fields.map(\.name).joined(separator: ", ")
                report(.unknownKey, "unknown key \(ShownValue.quoted(key)) in \(spec.name)", at: keyNode, hint: hint)
                // What the format does not define is not typed: a secret under a mis-cased or mis-spelled key
                // (`ClientSecret`, `client_secret`, `clientScret`), or further down its value, is never shown.
                markUntyped(valueNode, key: key)
                continue
            }
            let value = decodeValue(valueNode, field: field)
            object.fields.append(key, Located(value, at: location(valueNode)))
        }
        checkFieldRules(object, spec: spec, misspelled: misspelled)
        return object
    }

    /// Required and mutually exclusive fields. A required field that an unknown key probably misspells
    /// is not reported again: the unknown key's diagnostic already says what to write.
    private mutating func checkFieldRules(_ object: DecodedObject, spec: ObjectSpec, misspelled: Set<String>) {
        for field in spec.fields
        where field.isRequired && object.fields[field.name] == nil && !misspelled.contains(field.name) {
            report(
                .missingField, "\(spec.name) is missing required field '\(field.name)'", at: object.node,
                hint: "add `\(field.name):` (\(field.summary.lowercasedFirst.dropLastPeriod))")
        }
        for group in spec.atMostOne {
            let present = group.filter { object.fields[$0] != nil }
            if present.count > 1 {
                report(
                    .conflictingFields, "\(spec.name) sets " + quotedList(present) + "; at most one may be set",
                    at: keyNode(present[1], in: object), hint: "keep one of " + quotedList(group))
            }
        }
        for group in spec.exactlyOne {
            let present = group.filter { object.fields[$0] != nil }
            if present.isEmpty {
                report(
                    .missingField, "\(spec.name) needs one of " + quotedList(group), at: object.node,
                    hint: "add exactly one of " + quotedList(group))
            } else if present.count > 1 {
                report(
                    .conflictingFields, "\(spec.name) sets " + quotedList(present) + "; exactly one may be set",
                    at: keyNode(present[1], in: object), hint: "keep one of " + quotedList(group))
            }
        }
    }

    /// The key node of a field the object has.
    private func keyNode(_ name: String, in object: DecodedObject) -> Int {
        tree.pairs(of: object.node).first { tree.string($0.key) == name }?.key ?? object.node
    }

    // MARK: Credentials

    mutating func decodeCredential(_ node: Int) -> DecodedValue {
        guard kind(node) == .mapping else {
            report(.wrongType, "a credential must be a mapping with a `type`, found \(describe(node))", at: node)
            markSensitive(node)
            return .invalid
        }
        // Until the type is known no field is typed: what a key names as a secret is never shown.
        func maskFields() { markSecrets(under: node) }
        let kinds = CredentialKind.allCases.map(\.rawValue)
        guard let typeNode = tree.pairs(of: node).first(where: { tree.scalar($0.key, is: "type") })?.value else {
            report(
                .missingField, "credential is missing required field 'type'", at: node,
                hint: "add `type:` with one of: " + kinds.joined(separator: ", "))
            maskFields()
            return .invalid
        }
        guard kind(typeNode) == .scalar else {
            report(.wrongType, "'type' must be a string", at: typeNode)
            maskFields()
            return .invalid
        }
        let typeName = tree.string(typeNode)
        guard let kind = CredentialKind(rawValue: typeName) else {
            report(
                .unknownCredentialType, "unknown credential type \(ShownValue.quoted(typeName))", at: typeNode,
                hint: suggestions.hint(for: typeName, in: kinds) ?? "types: " + kinds.joined(separator: ", "))
            maskFields()
            return .invalid
        }
        guard let object = decodeObject(node, spec: FormatSpec.credential(kind)) else { return .invalid }
        return .credential(DecodedCredential(kind: kind, object: object))
    }

    // MARK: Helpers

    /// Reports a problem at a node; the diagnostic's key path is the node's (a key's is its pair's).
    mutating func report(
        _ code: DiagnosticCode, _ message: String, at node: Int, hint: String? = nil, sensitive: Bool = false
    ) {
        let paths = self.paths ?? YAMLTree.Paths(tree)
        self.paths = paths
        diagnostics.append(
            Diagnostic(
                code, message, at: location(node),
                path: paths.path(of: node, in: tree, hiding: sensitiveKeys),
                hint: hint, isSensitive: sensitive))
    }

    /// Marks the scalars of a value as never shown. Keys stay visible (they say what was written where), except
    /// where the whole value is a secret's place: there only the reference words (`env`, `file`, `command`,
    /// `default`) are shown, since `clientSecret: {s3cr3t}` is a mapping whose key is the secret.
    mutating func markSensitive(_ node: Int, secretPlace: Bool = false) {
        var pending = [node]
        while let current = pending.popLast() {
            switch kind(current) {
            case .scalar:
                sensitiveNodes.append(current)
            case .sequence:
                pending.append(contentsOf: tree.children(of: current))
            case .mapping:
                for (keyNode, valueNode) in tree.pairs(of: current) {
                    if secretPlace, !Self.referenceWords.contains(where: { tree.scalar(keyNode, is: $0) }) {
                        pending.append(keyNode)
                        sensitiveKeys.insert(keyNode)
                    }
                    pending.append(valueNode)
                }
            case .alias:
                break
            }
        }
    }

    /// Marks the value of a key the format does not define: all of it when the key names a secret, else the
    /// values under it whose keys do.
    mutating func markUntyped(_ value: Int, key: String) {
        if Self.namesSecret(key) { markSensitive(value, secretPlace: true) } else { markSecrets(under: value) }
    }

    /// Marks the value of every key under `node` that names a secret (``namesSecret(_:)``), at any depth: for
    /// values the format could not type (unknown keys, a credential of unknown type).
    mutating func markSecrets(under node: Int) {
        var pending = [node]
        while let current = pending.popLast() {
            switch kind(current) {
            case .sequence:
                pending.append(contentsOf: tree.children(of: current))
            case .mapping:
                for (keyNode, valueNode) in tree.pairs(of: current) {
                    if Self.namesSecret(tree.string(keyNode)) {
                        markSensitive(valueNode, secretPlace: true)
                    } else {
                        pending.append(valueNode)
                    }
                }
            case .scalar, .alias:
                break
            }
        }
    }

    /// Whether a key the format does not define names a secret: it reads like one (`ClientSecret`,
    /// `client_secret`, `apiKey`, ``CredentialShape/isSecretKey(_:)``) or is a likely misspelling of a secret field
    /// of the format (`clientScret`, `pasword`).
    static func namesSecret(_ key: String) -> Bool {
        CredentialShape.isSecretKey(key) || Suggestion.closest(to: key, in: FormatSpec.secretFieldNames) != nil
    }

    /// The words of a reference mapping, which may be named in messages and shown in a secret's place.
    static let referenceWords: [StaticString] = ["env", "file", "command", "default"]

    /// The masks of the source text: one region per sensitive scalar. A scalar written on one line as its value
    /// reads (plain, or quoted without escapes) ends where its text ends; any other runs to where the next node
    /// starts, which covers a block or multi-line scalar and at worst masks a little punctuation too.
    func sensitiveRegions(in source: SourceText) -> [SourceMasks.Region] {
        var regions: [SourceMasks.Region] = []
        var previous = -1
        for index in sensitiveNodes.sorted() where index != previous {
            previous = index
            let node = tree.nodes[index]
            // An empty plain scalar (a key without a value, `key:`) has no text to hide.
            if node.isPlain && node.count == 0 { continue }
            let next = index + 1 < tree.nodes.count ? tree.nodes[index + 1] : nil
            if let width = Self.writtenWidth(
                of: Array(tree.string(index).unicodeScalars),
                at: node.column, on: source.line(node.line))
            {
                regions.append(
                    SourceMasks.Region(
                        startLine: node.line, startColumn: node.column,
                        end: (node.line, node.column + width), isExact: true))
            } else {
                regions.append(
                    SourceMasks.Region(
                        startLine: node.line, startColumn: node.column,
                        end: next.map { ($0.line, $0.column) }))
            }
        }
        return regions
    }

    /// How many columns a scalar whose value is `value` takes on `line` from `column`, when it is written there
    /// exactly (plain) or between matching quotes; `nil` otherwise.
    private static func writtenWidth(of value: [Unicode.Scalar], at column: Int, on line: Substring?) -> Int? {
        guard let line, !value.isEmpty else { return nil }
        let scalars = Array(line.unicodeScalars)
        let start = column - 1
        guard start >= 0, start < scalars.count else { return nil }
        func written(at offset: Int) -> Bool {
            offset + value.count <= scalars.count && scalars[offset..<offset + value.count].elementsEqual(value)
        }
        if written(at: start) { return value.count }
        let quote = scalars[start]
        if quote == "\"" || quote == "'", written(at: start + 1), start + 1 + value.count < scalars.count,
            scalars[start + 1 + value.count] == quote
        {
            return value.count + 2
        }
        return nil
    }

    func location(_ node: Int) -> SourceLocation {
        SourceLocation(file: file, line: tree.nodes[node].line, column: tree.nodes[node].column)
    }

    func kind(_ node: Int) -> YAMLTree.Node.Kind { tree.nodes[node].kind }

    func describe(_ node: Int) -> String {
        switch kind(node) {
        case .scalar: tree.isNull(node) ? "null" : "a string"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    private func quotedList(_ names: [String]) -> String { names.map { "'\($0)'" }.joined(separator: ", ") }
}

extension String {
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
    var dropLastPeriod: String { hasSuffix(".") ? String(dropLast()) : self }
}
