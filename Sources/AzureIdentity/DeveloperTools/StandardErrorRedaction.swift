import Foundation
import IdentitySupport

/// Makes a tool's standard error (or a server's error text) safe to put in an error message.
///
/// Removes JSON fields and `key=value` pairs that carry tokens or secrets, JWTs, and the values of any secret
/// variable of the environment the tool ran with; then trims the text, escapes its control characters (a tool or
/// server must not be able to act on the terminal the message is printed on) and caps it.
enum StandardErrorRedaction {
    static let maxLength = 2000

    private static let patterns: [(NSRegularExpression, String)] = [
        (
            #"("(?:accessToken|access_token|refreshToken|refresh_token|token|id_token|client_secret|password|secret)"#
                + #"\s*:\s*)"(?:[^"\\]|\\.)*""#,
            "$1\"\(Secret.redactionMarker)\""
        ),
        (
            #"((?:access_token|refresh_token|client_secret|password|secret|token|assertion)=)[^\s&"']+"#,
            "$1\(Secret.redactionMarker)"
        ),
        (#"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*"#, Secret.redactionMarker),
    ].compactMap { pattern, template in
        (try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive])).map { ($0, template) }
    }

    static func redact(_ text: String, environment: [String: String] = [:]) -> String {
        var result = text
        let secretNames = ["SECRET", "PASSWORD", "TOKEN", "KEY", "ASSERTION"]
        for (name, value) in environment where value.count >= 6 {
            let upper = name.uppercased()
            guard secretNames.contains(where: { upper.contains($0) }), !upper.hasSuffix("_FILE") else { continue }
            result = result.replacingOccurrences(of: value, with: Secret.redactionMarker)
        }
        for (regex, template) in patterns {
            let range = NSRange(result.startIndex..., in: result)
            result = regex.stringByReplacingMatches(in: result, range: range, withTemplate: template)
        }
        result = result.trimmingCharacters(in: .whitespacesAndNewlines)
        return OutsideText.escaped(result, limit: maxLength)
    }
}
