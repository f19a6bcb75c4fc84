// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// Text that came from outside the process — a server's error body, a child process's output, a file — made safe
/// to show to a person.
///
/// A terminal acts on control characters: `ESC [2J` clears the screen, `ESC ]8;;…` writes a link, a carriage
/// return overwrites what was printed before it. Bidirectional overrides reorder what a reader sees. Every message
/// that quotes outside text passes it through ``escapingControlCharacters(_:)`` first, so what is shown is what was
/// sent, byte for byte readable, and nothing the sender chose is interpreted.
package enum OutsideText {
    /// `text` with every control character (C0, DEL, C1) and bidirectional formatting character written as a
    /// visible escape: `\n`, `\r`, `\t`, and `\u{1B}` for the others. Other characters are kept.
    package static func escapingControlCharacters(_ text: some StringProtocol) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return String(text) }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default: result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return result
    }

    /// Whether a scalar is a control or bidirectional formatting character.
    package static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
