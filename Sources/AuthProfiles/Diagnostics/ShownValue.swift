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
    static func shown(_ text: some StringProtocol) -> String {
        let redacted = CredentialShape.redacting(String(text))
        let head = redacted.unicodeScalars.prefix(maximumLength + 1)
        guard head.count > maximumLength else { return escaped(redacted) }
        return escaped(String(String.UnicodeScalarView(head.prefix(maximumLength)))) + "…"
    }

    /// `text` with control and bidirectional characters escaped (``OutsideText``); printable ASCII, nearly every
    /// message, is returned as it is without a scalar-by-scalar walk.
    static func escaped(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        return OutsideText.escapingControlCharacters(text)
    }
}
