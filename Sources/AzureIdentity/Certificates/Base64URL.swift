// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation

/// Base64url without padding (RFC 7515), as used in JWTs and PKCE.
package enum Base64URL {
    /// Encodes bytes.
    package static func encode(_ bytes: some Sequence<UInt8>) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Decodes text, tolerating missing (or present) `=` padding. Returns `nil` for anything else that is not
    /// base64url: a character outside `A–Z a–z 0–9 - _` (so plain base64's `+` and `/` and whitespace are refused),
    /// or a length no encoding produces.
    package static func decode(_ text: some StringProtocol) -> [UInt8]? {
        var base64: [UInt8] = []
        base64.reserveCapacity(text.utf8.count + 3)
        var padding = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "="):
                padding += 1
                base64.append(byte)
            case _ where padding > 0:
                return nil
            case UInt8(ascii: "-"):
                base64.append(UInt8(ascii: "+"))
            case UInt8(ascii: "_"):
                base64.append(UInt8(ascii: "/"))
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                base64.append(byte)
            default:
                return nil
            }
        }
        guard padding <= 2 else { return nil }
        while base64.count % 4 != 0 { base64.append(UInt8(ascii: "=")) }
        return Data(base64Encoded: Data(base64)).map(Array.init)
    }
}
