// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// A D-Bus type, as a signature names it.
package indirect enum DBusType: Sendable, Hashable {
    case byte, boolean, int16, uint16, int32, uint32, int64, uint64, double
    case string, objectPath, signature, unixFD
    case array(DBusType)
    case structure([DBusType])
    case variant
    case dictEntry(key: DBusType, value: DBusType)

    /// The signature of this one type.
    package var signature: String {
        switch self {
        case .byte: "y"
        case .boolean: "b"
        case .int16: "n"
        case .uint16: "q"
        case .int32: "i"
        case .uint32: "u"
        case .int64: "x"
        case .uint64: "t"
        case .double: "d"
        case .string: "s"
        case .objectPath: "o"
        case .signature: "g"
        case .unixFD: "h"
        case .array(let element): "a" + element.signature
        case .structure(let fields): "(" + fields.map(\.signature).joined() + ")"
        case .variant: "v"
        case .dictEntry(let key, let value): "{" + key.signature + value.signature + "}"
        }
    }

    /// The boundary a value of this type starts on, in bytes.
    package var alignment: Int {
        switch self {
        case .byte, .signature, .variant: 1
        case .int16, .uint16: 2
        case .boolean, .int32, .uint32, .string, .objectPath, .unixFD, .array: 4
        case .int64, .uint64, .double, .structure, .dictEntry: 8
        }
    }

    /// Whether this is a basic type (the only kind allowed as a dictionary key).
    var isBasic: Bool {
        switch self {
        case .array, .structure, .variant, .dictEntry: false
        default: true
        }
    }
}

/// Signatures: parsing and checking, with the specification's limits.
package enum DBusSignature {
    /// The longest signature: 255 bytes.
    package static let maximumLength = 255
    /// The deepest nesting of arrays, and separately of structures: 32 each.
    package static let maximumNesting = 32

    /// The single complete types that `text` lists, in order.
    /// - Throws: ``DBusError/Code/malformedMessage`` when `text` is not a valid signature.
    package static func parse(_ text: some StringProtocol) throws(DBusError) -> [DBusType] {
        let bytes = Array(text.utf8)
        guard bytes.count <= maximumLength else {
            throw DBusError(.malformedMessage, "a signature is longer than \(maximumLength) bytes")
        }
        var index = 0
        var types: [DBusType] = []
        while index < bytes.count {
            types.append(try parseOne(bytes, &index, arrays: 0, structures: 0))
        }
        return types
    }

    /// `text`, which must be exactly one complete type.
    package static func parseSingle(_ text: some StringProtocol) throws(DBusError) -> DBusType {
        let types = try parse(text)
        guard types.count == 1, let only = types.first else {
            throw DBusError(.malformedMessage, "a variant's signature is not one single complete type")
        }
        return only
    }

    private static func parseOne(
        _ bytes: [UInt8], _ index: inout Int, arrays: Int, structures: Int
    ) throws(DBusError) -> DBusType {
        guard index < bytes.count else { throw bad("ends inside a container") }
        let code = bytes[index]
        index += 1
        switch code {
        case UInt8(ascii: "y"): return .byte
        case UInt8(ascii: "b"): return .boolean
        case UInt8(ascii: "n"): return .int16
        case UInt8(ascii: "q"): return .uint16
        case UInt8(ascii: "i"): return .int32
        case UInt8(ascii: "u"): return .uint32
        case UInt8(ascii: "x"): return .int64
        case UInt8(ascii: "t"): return .uint64
        case UInt8(ascii: "d"): return .double
        case UInt8(ascii: "s"): return .string
        case UInt8(ascii: "o"): return .objectPath
        case UInt8(ascii: "g"): return .signature
        case UInt8(ascii: "h"): return .unixFD
        case UInt8(ascii: "v"): return .variant
        case UInt8(ascii: "a"):
            guard arrays < maximumNesting else { throw bad("nests arrays deeper than \(maximumNesting)") }
            if index < bytes.count, bytes[index] == UInt8(ascii: "{") {
                index += 1
                let key = try parseOne(bytes, &index, arrays: arrays + 1, structures: structures)
                guard key.isBasic else { throw bad("has a dictionary key that is not a basic type") }
                let value = try parseOne(bytes, &index, arrays: arrays + 1, structures: structures)
                guard index < bytes.count, bytes[index] == UInt8(ascii: "}") else {
                    throw bad("has a dictionary entry without exactly two types")
                }
                index += 1
                return .array(.dictEntry(key: key, value: value))
            }
            return .array(try parseOne(bytes, &index, arrays: arrays + 1, structures: structures))
        case UInt8(ascii: "("):
            guard structures < maximumNesting else { throw bad("nests structures deeper than \(maximumNesting)") }
            var fields: [DBusType] = []
            while true {
                guard index < bytes.count else { throw bad("has an unclosed structure") }
                if bytes[index] == UInt8(ascii: ")") {
                    index += 1
                    break
                }
                fields.append(try parseOne(bytes, &index, arrays: arrays, structures: structures + 1))
            }
            guard !fields.isEmpty else { throw bad("has an empty structure") }
            return .structure(fields)
        default:
            throw bad("has an unknown type code")
        }
    }

    private static func bad(_ what: String) -> DBusError {
        DBusError(.malformedMessage, "a signature \(what)")
    }
}
