// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import IdentitySupport

/// Removes secrets from text a service or a tool sent back: the one rule for what counts as one.
///
/// Replaces, with ``Secret/redactionMarker``: each of the given values (what the request carried), JSON fields and
/// `key=value` pairs that carry tokens or secrets, and anything shaped like a JWT. It does not escape or shorten:
/// callers that show the text do that (``StandardErrorRedaction``, ``EntraErrorResponse/redacting(_:)``).
enum SecretScrubbing {
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

    /// `text` without `values` (longest first, so a value containing another is removed whole) and without
    /// token-shaped text.
    static func scrub(_ text: String, values: [String]) -> String {
        var result = text
        for value in values.sorted(by: { $0.count > $1.count }) where !value.isEmpty {
            result = result.replacingOccurrences(of: value, with: Secret.redactionMarker)
        }
        for (regex, template) in patterns {
            let range = NSRange(result.startIndex..., in: result)
            result = regex.stringByReplacingMatches(in: result, range: range, withTemplate: template)
        }
        return result
    }
}
