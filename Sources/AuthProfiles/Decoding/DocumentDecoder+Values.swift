// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

extension DocumentDecoder {
    /// Decodes one field's value, reporting what is wrong with it.
    mutating func decodeValue(_ node: Int, field: FieldSpec) -> DecodedValue {
        decodeValue(node, type: field.type, field: field)
    }

    private mutating func decodeValue(
        _ node: Int, type: FieldType, field: FieldSpec, inList: Bool = false
    ) -> DecodedValue {
        // A secret's place: whatever is written there, right or wrong, is never shown in a source line.
        if type.isSecretPlace { markSensitive(node, secretPlace: true) }
        switch (type, kind(node)) {
        case (.credential, _):
            return decodeCredential(node)
        case (.object(let spec), _):
            return decodeObject(node, spec: spec).map(DecodedValue.object) ?? .invalid
        case (.list(let element), .sequence):
            if field.mustNotBeEmpty && tree.nodes[node].count == 0 {
                report(.emptyCollection, "'\(field.name)' must not be empty", at: node)
            }
            var items: [Located<DecodedValue>] = []
            for item in tree.children(of: node) {
                items.append(Located(decodeValue(item, type: element, field: field, inList: true), at: location(item)))
            }
            return .list(items)
        case (.namedMap(let element), .mapping):
            if field.mustNotBeEmpty && tree.nodes[node].count == 0 {
                report(.emptyCollection, "'\(field.name)' must not be empty", at: node)
            }
            var entries: [(name: Located<String>, value: Located<DecodedValue>)] = []
            for (keyNode, valueNode) in tree.pairs(of: node) {
                let name = tree.string(keyNode)
                if !Identifiers.isName(name) {
                    report(
                        .invalidName, "\(ShownValue.quoted(name)) is not a valid name", at: keyNode,
                        hint: "use letters, digits, '.', '_' and '-', starting with a letter or digit")
                }
                let value = decodeValue(valueNode, type: element, field: field)
                entries.append((Located(name, at: location(keyNode)), Located(value, at: location(valueNode))))
            }
            return .namedMap(entries)
        case (.secret, .scalar), (.assertionSource, .scalar):
            if tree.isNull(node) {
                report(.wrongType, "'\(field.name)' must be \(type.phrase), found null", at: node)
                return .invalid
            }
            report(
                .inlineSecret, "'\(field.name)' is written inline; secrets must be references", at: node,
                hint: "use `{env: NAME}` or `{file: PATH}` and keep the value out of the profile", sensitive: true)
            return .invalid
        case (.secret, .mapping), (.assertionSource, .mapping):
            return decodeReference(node, type: type, field: field)
        case (_, .mapping) where field.acceptsEnvironment && !inList:
            return decodeReference(node, type: type, field: field)
        case (_, .scalar):
            switch type {
            case .list, .namedMap, .secret, .assertionSource, .object, .credential: break
            default: return decodeScalar(node, type: type, field: field)
            }
        default:
            break
        }
        report(.wrongType, "'\(field.name)' must be \(type.phrase), found \(describe(node))", at: node)
        return .invalid
    }

    /// `{env: NAME}`, `{env: NAME, default: VALUE}`, `{file: PATH}` or `{command: [...]}`.
    private mutating func decodeReference(_ node: Int, type: FieldType, field: FieldSpec) -> DecodedValue {
        guard kind(node) == .mapping else { return .invalid }
        let isSecret: Bool
        let allowed: [String]
        switch type {
        case .secret: (isSecret, allowed) = (true, ["env", "file"])
        case .assertionSource: (isSecret, allowed) = (true, ["env", "file", "command"])
        default: (isSecret, allowed) = (false, ["env", "default"])
        }
        var values: [String: Int] = [:]
        var valid = true
        for (keyNode, valueNode) in tree.pairs(of: node) {
            let key = tree.string(keyNode)
            guard allowed.contains(key) else {
                let expected = isSecret ? type.phrase : "\(type.phrase) or {env: NAME}"
                // In a secret's place a key that is not a reference word may be the secret (`{s3cr3t}`).
                let named =
                    !isSecret || Self.referenceWords.contains { tree.scalar(keyNode, is: $0) }
                    ? "key \(ShownValue.quoted(key))" : "key (not shown: in a secret's place it may be the secret)"
                report(
                    .unknownKey, "unknown \(named) in the value of '\(field.name)', which must be \(expected)",
                    at: keyNode, hint: suggestions.hint(for: key, in: allowed))
                markUntyped(valueNode, key: key)
                valid = false
                continue
            }
            values[key] = valueNode
        }
        let sources = values.keys.filter { $0 != "default" }.sorted()
        if sources.count > 1 {
            report(
                .conflictingFields,
                "the value of '\(field.name)' sets "
                    + sources.map { "'\($0)'" }
                    .joined(separator: " and ") + "; exactly one may be set", at: node)
            return .invalid
        }
        guard valid, let source = sources.first, let sourceNode = values[source] else {
            if valid {
                report(
                    .missingField,
                    "the value of '\(field.name)' must name its source: "
                        + allowed.filter {
                            $0 != "default"
                        }.map { "'\($0)'" }.joined(separator: " or "), at: node)
            }
            return .invalid
        }
        switch source {
        case "command":
            return decodeCommand(sourceNode, field: field)
        case "file":
            guard let filePath = plainString(sourceNode, what: "'file'") else { return .invalid }
            let reference = SecretReference.file(path: filePath)
            return type.isAssertionSource ? .assertion(.reference(reference)) : .secret(reference)
        default:
            guard let name = plainString(sourceNode, what: "'env'") else { return .invalid }
            guard Identifiers.isEnvironmentName(name) else {
                // A secret pasted into `env:` is the commonest way a secret reaches a profile (Entra secrets have
                // `~` and `.`, never valid in a name): in a secret's place the value is never quoted.
                let message =
                    isSecret
                    ? "the 'env' of '\(field.name)' is not a valid environment variable name "
                        + "(the value is not shown: it may be the secret itself)"
                    : "\(ShownValue.quoted(name)) is not a valid environment variable name"
                report(
                    .invalidEnvironmentName, message, at: sourceNode,
                    hint: isSecret
                        ? "name the variable that holds the secret (letters, digits and '_', not starting with a "
                            + "digit), and keep the secret itself out of the profile"
                        : "use letters, digits and '_', not starting with a digit")
                return .invalid
            }
            if isSecret {
                let reference = SecretReference.environment(name: name)
                return type.isAssertionSource ? .assertion(.reference(reference)) : .secret(reference)
            }
            var defaultText: String?
            if let defaultNode = values["default"] {
                guard kind(defaultNode) == .scalar else {
                    report(
                        .wrongType,
                        "the default of '\(field.name)' must be a plain value, found \(describe(defaultNode))",
                        at: defaultNode)
                    return .invalid
                }
                // The default must itself be a valid literal of the field's type.
                if case .invalid = decodeValue(defaultNode, type: type.environmentValueType, field: field) {
                    return .invalid
                }
                defaultText = tree.string(defaultNode)
            }
            return binding(type, EnvironmentBinding(name: name, defaultValue: defaultText))
        }
    }

    private func binding(_ type: FieldType, _ binding: EnvironmentBinding) -> DecodedValue {
        switch type {
        case .boolean: .boolean(.environment(binding))
        case .duration: .duration(.environment(binding))
        case .port: .integer(.environment(binding))
        default: .text(.environment(binding))
        }
    }

    private mutating func decodeCommand(_ node: Int, field: FieldSpec) -> DecodedValue {
        guard kind(node) == .sequence, tree.nodes[node].count > 0 else {
            report(
                .wrongType, "'command' must be a non-empty list: the program, then its arguments", at: node,
                hint: "for example `command: [/usr/local/bin/get-assertion, --audience, api]`")
            return .invalid
        }
        var argv: [String] = []
        let items = Array(tree.children(of: node))
        for item in items {
            guard let word = plainString(item, what: "each command word") else {
                return .invalid
            }
            argv.append(word)
        }
        if !argv[0].hasPrefix("/") {
            // The command is in a secret's place (its words may hold one): the program is named by position only.
            report(
                .relativeCommand, "the program of the '\(field.name)' command is not an absolute path",
                at: items[0], hint: "an absolute path keeps a changed PATH from running a different program")
        }
        return .assertion(.command(argv))
    }

    private mutating func plainString(_ node: Int, what: String) -> String? {
        guard kind(node) == .scalar, !tree.isNull(node), tree.nodes[node].count > 0 else {
            report(.wrongType, "\(what) must be a non-empty string, found \(describe(node))", at: node)
            return nil
        }
        return tree.string(node)
    }
}
