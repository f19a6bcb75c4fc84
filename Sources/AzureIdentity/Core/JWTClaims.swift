// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// The header and claims of a JWT in compact form (`header.payload.signature`), decoded without checking the
/// signature: for showing who a token is for and when it expires, never for trusting it.
///
/// The package's one JWT decoder (the runtime's token principal, token file inspection and authentication records
/// use it), and one that cannot trap: claim values keep their JSON type, and `NumericDate` claims (`exp`, `nbf`,
/// `iat`) are read through ``UnixTime``, so an `exp` of `1e19`, `-1` or `"soon"` is ``NumericDate/invalid(_:)``,
/// not a conversion that overflows.
package struct JWTClaims: Sendable, Hashable {
    /// Why a text is not a JWT.
    package struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        /// One line for people; never the token.
        package let description: String

        /// Not three non-empty base64url parts separated by dots.
        package static let notThreeParts = Problem(
            description: "expected three base64url parts: header.payload.signature"
        )
        /// The header or the payload is not a JSON object (or the header is an empty one).
        package static let notJSONObjects = Problem(description: "its header or payload is not a JSON object")
    }

    /// A `NumericDate` claim as read.
    package enum NumericDate: Sendable, Hashable {
        /// The claim is absent (or `null`).
        case absent
        /// The claim is not a number of seconds between 1970 and 9999; `shown` is how it was written, escaped.
        case invalid(shown: String)
        /// The moment, rounded down to a whole second.
        case date(UnixTime)

        /// The moment, when the claim held a valid one.
        package var time: UnixTime? {
            if case .date(let time) = self { return time }
            return nil
        }
    }

    /// The JOSE header's members.
    package let header: [String: OutsideJSON]
    /// The claims.
    package let claims: [String: OutsideJSON]

    /// Decodes `text` (surrounding whitespace is not removed here).
    /// - Throws: ``Problem`` when `text` is not three non-empty base64url parts, or the header and payload are not
    ///   JSON objects.
    package init(compact text: some StringProtocol) throws(Problem) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty }),
            let headerBytes = Base64URL.decode(parts[0]), let claimBytes = Base64URL.decode(parts[1]),
            Base64URL.decode(parts[2]) != nil
        else { throw .notThreeParts }
        guard let header = OutsideJSON.object(headerBytes), !header.isEmpty,
            let claims = OutsideJSON.object(claimBytes)
        else { throw .notJSONObjects }
        self.header = header
        self.claims = claims
    }

    /// The claim as text, when it is a string.
    package func string(_ name: String) -> String? {
        claims[name]?.string
    }

    /// The claim as a list of strings: a string, or the strings of an array (`aud` may be either). `nil` when the
    /// claim is absent or holds no string.
    package func strings(_ name: String) -> [String]? {
        switch claims[name] {
        case .string(let value)?:
            return [value]
        case .array(let values)?:
            let strings = values.compactMap(\.string)
            return strings.isEmpty ? nil : strings
        default:
            return nil
        }
    }

    /// A `NumericDate` claim (RFC 7519): a JSON number of seconds since the epoch, possibly with a fraction.
    package func numericDate(_ name: String) -> NumericDate {
        switch claims[name] {
        case nil, .null?:
            return .absent
        case .number(let seconds)?:
            return UnixTime(seconds).map(NumericDate.date) ?? .invalid(shown: OutsideJSON.shown(seconds))
        case let other?:
            return .invalid(shown: other.shown)
        }
    }
}
