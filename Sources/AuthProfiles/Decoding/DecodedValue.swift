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
    /// Where the mapping starts.
    let location: SourceLocation
    /// The key path of the mapping.
    let path: String
    /// The fields that were present and known, by key.
    var fields: [String: Located<DecodedValue>] = [:]
    /// Where each present key was written.
    var keyLocations: [String: SourceLocation] = [:]

    subscript(_ name: String) -> DecodedValue? { fields[name]?.value }

    func location(of name: String) -> SourceLocation { fields[name]?.location ?? location }
    func keyLocation(of name: String) -> SourceLocation { keyLocations[name] ?? location }
}

/// A credential mapping whose `type` was recognised.
struct DecodedCredential: Sendable {
    let kind: CredentialKind
    let object: DecodedObject
}
