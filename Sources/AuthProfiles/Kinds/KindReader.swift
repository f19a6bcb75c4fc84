// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// What a kind's `build` reads a decoded credential through: values looked up by their field's spec (a typed key,
/// not a string typed again), with the field's default applied where it has one and recorded for `--blame`.
struct KindReader {
    /// The credential's mapping.
    let object: DecodedObject
    /// The node's place in the profile (`prod/credential/links[2]`).
    let path: String
    /// Writes the node's key path for a diagnostic; only called when one is reported.
    let keyPath: () -> String
    /// What the node inherits from where it sits.
    let context: GraphBuilder.NodeContext
    /// The fields the profile did not write whose defaults were applied.
    var defaulted: [String] = []

    /// Whether the profile wrote the field (even with a value that did not decode).
    func isWritten(_ field: FieldSpec) -> Bool { object.fields[field.name] != nil }

    /// A text field, without a default.
    func text(_ field: FieldSpec) -> ProfileValue<String>? { object[field.name]?.text }

    /// A text field, or its default (recorded) when the profile does not write it; `nil` when it did not decode.
    mutating func textOrDefault(_ field: FieldSpec) -> ProfileValue<String>? {
        guard isWritten(field) else {
            guard let fallback = field.defaultValue?.text else { return nil }
            defaulted.append(field.name)
            return fallback
        }
        return text(field)
    }

    /// A secret reference, without a default.
    func secret(_ field: FieldSpec) -> SecretReference? {
        if case .secret(let reference)? = object[field.name] { reference } else { nil }
    }

    /// A secret reference, or its default (recorded) when the profile does not write it.
    mutating func secretOrDefault(_ field: FieldSpec) -> SecretReference? {
        guard isWritten(field) else {
            guard case .environment(let name)? = field.defaultValue else { return nil }
            defaulted.append(field.name)
            return .environment(name: name)
        }
        return secret(field)
    }

    /// A client assertion source.
    func assertion(_ field: FieldSpec) -> AssertionSource? {
        if case .assertion(let source)? = object[field.name] { source } else { nil }
    }

    /// A nested object.
    func object(_ field: FieldSpec) -> DecodedObject? { object[field.name]?.object }

    /// A duration.
    func duration(_ field: FieldSpec) -> ProfileValue<Duration>? {
        if case .duration(let value)? = object[field.name] { value } else { nil }
    }

    /// A port number.
    func port(_ field: FieldSpec) -> ProfileValue<Int>? {
        if case .integer(let value)? = object[field.name] { value } else { nil }
    }

    /// A literal word, such as a choice.
    func word(_ field: FieldSpec) -> String? { object[field.name]?.literalText }

    /// A list of literal words.
    func words(_ field: FieldSpec) -> [String] {
        guard case .list(let items)? = object[field.name] else { return [] }
        return items.compactMap { $0.value.literalText }
    }
}

extension DecodedObject {
    /// A flag of this object, or its field's default (`false` when it has none).
    func flag(_ field: FieldSpec) -> ProfileValue<Bool> {
        if case .boolean(let value)? = self[field.name] { return value }
        return .literal(field.defaultValue?.text?.literal == "true")
    }
}
