// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import IdentitySupport

/// How a diagnostic quotes a value written in a profile file: one place, so every message quotes the same way.
///
/// Every token of the value that looks like a credential is replaced by ``CredentialShape/marker``, the rest is cut
/// after ``maximumLength`` scalars and its control characters are escaped (a YAML string can hold `ESC [2J`). Values
/// in a secret's place are never passed here: their messages name the field instead.
enum ShownValue {
    /// The longest value quoted in full.
    static let maximumLength = 64

    /// `'value'`, redacted, bounded and escaped: `'[redacted]'` for a value that looks like a credential.
    static func quoted(_ text: some StringProtocol) -> String {
        "'" + shown(text) + "'"
    }

    /// The value without quotes: every token that looks like a credential redacted, then cut, then escaped.
    ///
    /// Only the first ``inspectedLength`` bytes are inspected, so a long value costs no more than a short one; a
    /// token that runs past them is judged by its first part (every credential shape shows there: the `~` of an
    /// Entra secret, the `eyJ` of a token, a random run, a `user:password@`).
    static func shown(_ text: some StringProtocol) -> String {
        var window = Array(text.utf8.prefix(inspectedLength))
        let isCut = !text.utf8.dropFirst(window.count).isEmpty
        if isCut {
            // Back to a scalar boundary, so the window is whole UTF-8.
            while let last = window.last, last & 0xC0 == 0x80 { window.removeLast() }
            if let last = window.last, last >= 0xC0 { window.removeLast() }
        }
        let ranges = window.withUnsafeBufferPointer { CredentialShape.credentialRanges(inUTF8: $0) }
        if !ranges.isEmpty {
            var redacted: [UInt8] = []
            var offset = 0
            for range in ranges {
                redacted += window[offset..<range.lowerBound]
                redacted += CredentialShape.marker.utf8
                offset = range.upperBound
            }
            window = redacted + window[offset...]
        }
        // At most `maximumLength` scalars: count the bytes that start one.
        var scalars = 0
        var end = window.count
        for (offset, byte) in window.enumerated() where byte & 0xC0 != 0x80 {
            if scalars == maximumLength {
                end = offset
                break
            }
            scalars += 1
        }
        let shown = escaped(String(decoding: window[..<end], as: UTF8.self))
        return isCut || end < window.count ? shown + "..." : shown
    }

    /// How much of a value is inspected for credentials and shown from.
    static let inspectedLength = 256

    /// `text` with control and bidirectional characters escaped (``OutsideText``); printable ASCII, nearly every
    /// message (a cut value ends in ASCII `...` for that reason), is returned as it is without a scalar walk.
    static func escaped(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        return OutsideText.escapingControlCharacters(text)
    }
}
