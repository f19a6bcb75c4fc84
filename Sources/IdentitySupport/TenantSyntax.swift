// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// The one rule for what a tenant id may look like, shared by the profile validator and the runtime.
///
/// A tenant id becomes a path segment of every token request (`https://host/<tenant>/oauth2/v2.0/token`), so it
/// must be a single segment that means itself: a GUID, a verified domain such as `contoso.onmicrosoft.com`, or a
/// word such as `common` or `organizations`. That is dot-separated labels of ASCII letters, digits and `-`, as DNS
/// writes them: no empty label (`.` and `..` are dot segments that would climb the URL's path; `.x`, `x.` and
/// `a..b` are refused too) and no label that starts or ends with `-` (a developer tool would read `-x` as an
/// option).
package enum TenantSyntax {
    /// The longest tenant id accepted: a DNS name is at most 253 characters.
    package static let maximumLength = 253

    /// Whether `text` is a well-formed tenant id.
    package static func isValid(_ text: some StringProtocol) -> Bool {
        let bytes = text.utf8
        guard !bytes.isEmpty, bytes.count <= maximumLength else { return false }
        var labelLength = 0
        var previous: UInt8 = UInt8(ascii: ".")
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard labelLength > 0, previous != UInt8(ascii: "-") else { return false }
                labelLength = 0
            } else if isLabelByte(byte) {
                if byte == UInt8(ascii: "-"), labelLength == 0 { return false }
                labelLength += 1
            } else {
                return false
            }
            previous = byte
        }
        return labelLength > 0 && previous != UInt8(ascii: "-")
    }

    /// What ``isValid(_:)`` accepts, as one sentence for error messages.
    package static let rule =
        "tenant ids are letters, digits and '-' in dot-separated labels (no '.' or '..', "
        + "no label starting or ending with '-')"

    /// The same rule as a regular expression, for the JSON Schema.
    package static let pattern = "^[0-9A-Za-z]([0-9A-Za-z-]*[0-9A-Za-z])?(\\.[0-9A-Za-z]([0-9A-Za-z-]*[0-9A-Za-z])?)*$"

    private static func isLabelByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }
}
