// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// A value read from the document and checked against its field's type, before references are resolved.
indirect enum DecodedValue: Sendable {
    case text(ProfileValue<String>)
    case boolean(ProfileValue<Bool>)
    case duration(ProfileValue<Duration>)
    case integer(ProfileValue<Int>)
    case secret(SecretReference)
    case assertion(AssertionSource)
    case list([Located<DecodedValue>])
    case object(DecodedObject)
    case credential(DecodedCredential)
    case namedMap([(name: Located<String>, value: Located<DecodedValue>)])
    /// A value that failed its checks; its diagnostics have been reported already.
    case invalid

    var text: ProfileValue<String>? { if case .text(let value) = self { value } else { nil } }
    var literalText: String? { text?.literal }
    var object: DecodedObject? { if case .object(let value) = self { value } else { nil } }
}

/// A mapping read against an ``ObjectSpec``.
struct DecodedObject: Sendable {
    /// The mapping's node in the document's tree.
    let node: Int
    /// Where the mapping starts.
    let location: SourceLocation
    /// The fields that were present and known, in document order.
    var fields = DecodedFields()

    subscript(_ name: String) -> DecodedValue? { fields[name]?.value }

    func location(of name: String) -> SourceLocation { fields[name]?.location ?? location }
}

/// The fields of a decoded mapping, in document order, looked up by key.
///
/// A mapping has a handful of fields (a composed document never repeats a key), so comparing keys one by one
/// costs less than hashing each key into a dictionary, for every mapping of a large file.
struct DecodedFields: Sendable {
    private var entries: [(key: String, value: Located<DecodedValue>)] = []

    subscript(_ key: String) -> Located<DecodedValue>? {
        for index in entries.indices where entries[index].key == key { return entries[index].value }
        return nil
    }

    /// Adds a field; the decoder adds each key once.
    mutating func append(_ key: String, _ value: Located<DecodedValue>) {
        entries.append((key, value))
    }
}

/// A credential mapping whose `type` was recognised.
struct DecodedCredential: Sendable {
    let kind: CredentialKind
    let object: DecodedObject
}
