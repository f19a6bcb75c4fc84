// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

extension OutsideText {
    /// `text` with control characters escaped (``escapingControlCharacters(_:)``), cut to at most `limit`
    /// characters followed by `…` when longer: for quoting a server's or a tool's text in a one-line message
    /// without letting its length or its control characters through.
    package static func escaped(_ text: some StringProtocol, limit: Int) -> String {
        // An escape is never shorter than the character it replaces, so only the first `limit` characters matter.
        let head = escapingControlCharacters(text.prefix(max(0, limit)))
        let cut = head.count > limit || !text.dropFirst(max(0, limit)).isEmpty
        return cut ? String(head.prefix(limit)) + "…" : head
    }
}
