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
                let hint = suggestion.map { "did you mean '\($0)'?" }
                    ?? "\(spec.name) has: " + spec.fields.map(\.name).joined(separator: ", ")
                report(.unknownKey, "unknown key '\(key)' in \(spec.name)", at: keyNode, hint: hint)
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
            report(.missingField, "\(spec.name) is missing required field '\(field.name)'", at: object.node,
                   hint: "add `\(field.name):` (\(field.summary.lowercasedFirst.dropLastPeriod))")
        }
        for group in spec.atMostOne {
            let present = group.filter { object.fields[$0] != nil }
            if present.count > 1 {
                report(.conflictingFields, "\(spec.name) sets " + quotedList(present) + "; at most one may be set",
                       at: keyNode(present[1], in: object), hint: "keep one of " + quotedList(group))
            }
        }
        for group in spec.exactlyOne {
            let present = group.filter { object.fields[$0] != nil }
            if present.isEmpty {
                report(.missingField, "\(spec.name) needs one of " + quotedList(group), at: object.node,
                       hint: "add exactly one of " + quotedList(group))
            } else if present.count > 1 {
                report(.conflictingFields, "\(spec.name) sets " + quotedList(present) + "; exactly one may be set",
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
            return .invalid
        }
        let kinds = CredentialKind.allCases.map(\.rawValue)
        guard let typeNode = tree.pairs(of: node).first(where: { tree.scalar($0.key, is: "type") })?.value else {
            report(.missingField, "credential is missing required field 'type'", at: node,
                   hint: "add `type:` with one of: " + kinds.joined(separator: ", "))
            return .invalid
        }
        guard kind(typeNode) == .scalar else {
            report(.wrongType, "'type' must be a string", at: typeNode)
            return .invalid
        }
        let typeName = tree.string(typeNode)
        guard let kind = CredentialKind(rawValue: typeName) else {
            report(.unknownCredentialType, "unknown credential type '\(typeName)'", at: typeNode,
                   hint: suggestions.hint(for: typeName, in: kinds) ?? "types: " + kinds.joined(separator: ", "))
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
        diagnostics.append(Diagnostic(code, message, at: location(node), path: paths.path(of: node, in: tree),
                                      hint: hint, isSensitive: sensitive))
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
