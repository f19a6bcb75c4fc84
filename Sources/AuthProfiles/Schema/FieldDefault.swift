// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// What applies when a field is absent: a value the decoder puts in its place (so the docs, the schema and the
/// graph cannot disagree about it), or, where no single value stands in, what happens, in words.
package enum FieldDefault: Sendable, Hashable {
    /// A literal value, as if the profile wrote it.
    case value(String)
    /// A literal value with a name for people: the Azure CLI's public client id.
    case named(String, value: String)
    /// `{env: NAME}`, as if the profile wrote it.
    case environment(String)
    /// What happens without the field, in words (a free port, the profile's tenant).
    case described(String)

    /// The value that stands in for the absent field, if one does.
    var text: ProfileValue<String>? {
        switch self {
        case .value(let value), .named(_, let value): .literal(value)
        case .environment(let name): .environment(EnvironmentBinding(name: name))
        case .described: nil
        }
    }

    /// The default as the documentation's tables show it.
    var markdown: String {
        switch self {
        case .value(let value): "`\(value)`"
        case .named(let name, let value): "\(name) (`\(value)`)"
        case .environment(let name): "`{env: \(name)}`"
        case .described(let words): words
        }
    }
}
