// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import IdentitySupport

/// JSON from outside the process — a server's body, a tool's output, a JWT's claims — decoded so that a number, a
/// string and a boolean can never be taken for one another.
///
/// `JSONSerialization` hands back an `NSNumber` for `true`, `1` and `1.5` alike (on Linux `1 is Bool` holds), so a
/// boolean could pass for a lifetime or an epoch. Here each value is what the JSON text says it is. A number too
/// large for a `Double` (`1e400`) or nesting deeper than the decoder allows makes the whole text invalid.
package indirect enum OutsideJSON: Sendable, Hashable, Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([OutsideJSON])
    case object([String: OutsideJSON])

    /// Decodes one value as what it is.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([OutsideJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: OutsideJSON].self))
        }
    }

    /// `bytes` as JSON, or `nil` when they are not JSON.
    package static func decode(_ bytes: some Collection<UInt8>) -> OutsideJSON? {
        try? JSONDecoder().decode(OutsideJSON.self, from: Data(bytes))
    }

    /// `bytes` as a JSON object's members, or `nil` when they are not a JSON object.
    package static func object(_ bytes: some Collection<UInt8>) -> [String: OutsideJSON]? {
        guard case .object(let members) = decode(bytes) else { return nil }
        return members
    }

    /// The string, when this is one.
    package var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The number, when this is one (a numeric string is not).
    package var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// Whether this is `null`.
    package var isNull: Bool { self == .null }

    /// The value as a person may see it in an error: numbers as written (`-3600`, `1e+300`), strings quoted,
    /// escaped and shortened, other values by kind. Only for values that are not secrets.
    package var shown: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return "\(value)"
        case .number(let value): return Self.shown(value)
        case .string(let value): return Self.shown(value)
        case .array: return "(an array)"
        case .object: return "(an object)"
        }
    }

    /// A number as a person reads it: whole numbers without a fraction, others as Swift prints them.
    package static func shown(_ value: Double) -> String {
        if let whole = OutsideNumber.integer(value, as: Int64.self), Double(whole) == value, whole.magnitude < 1 << 53 {
            return "\(whole)"
        }
        return "\(value)"
    }

    /// Text in quotes, control characters escaped, at most 40 characters.
    package static func shown(_ text: String) -> String {
        let escaped = OutsideText.escapingControlCharacters(text)
        return "'" + (escaped.count > 40 ? String(escaped.prefix(40)) + "…" : escaped) + "'"
    }
}
