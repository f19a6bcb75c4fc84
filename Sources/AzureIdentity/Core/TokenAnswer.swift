// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// The fields of a token answer other than its lifetime (``TokenLifetime``), checked the same way for every source:
/// a token endpoint, a managed identity endpoint, a developer tool.
///
/// Callers put the token and its type into an `Authorization` header and `authprofile token` prints them, so both
/// must be visible ASCII: a space, a control character (`\r\n` would inject a header) or an empty value is not an
/// answer a real service gives.
package enum TokenAnswer {
    /// The longest token type accepted (Entra ID sends `Bearer` or `pop`).
    package static let maximumTokenTypeLength = 64

    /// The access token in `field`: a non-empty string of visible ASCII characters.
    /// - Throws: ``TokenResponseError`` naming the field, never holding its value.
    package static func accessToken(_ value: OutsideJSON?, field: String) throws(TokenResponseError) -> Secret {
        guard let value, !value.isNull else { throw .missing(field) }
        guard let text = value.string else { throw .invalid(field, "is not a string") }
        guard !text.isEmpty else { throw .invalid(field, "is empty") }
        guard isVisibleASCII(text) else {
            throw .invalid(field, "holds spaces, control or non-ASCII characters, which no access token holds")
        }
        return Secret(text)
    }

    /// The token type in `field`, `Bearer` when absent or `null`: 1 to 64 visible ASCII characters.
    package static func tokenType(_ value: OutsideJSON?, field: String) throws(TokenResponseError) -> String {
        guard let value, !value.isNull else { return "Bearer" }
        guard let text = value.string else { throw .invalid(field, "is not a string") }
        guard !text.isEmpty, text.utf8.count <= maximumTokenTypeLength, isVisibleASCII(text) else {
            throw .invalid(field, "\(value.shown) is not a token type such as 'Bearer'")
        }
        return text
    }

    /// Whether every character is printable ASCII other than a space (`!` to `~`).
    package static func isVisibleASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { (0x21...0x7E).contains($0) }
    }
}
