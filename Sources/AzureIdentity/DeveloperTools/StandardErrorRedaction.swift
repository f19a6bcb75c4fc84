// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import IdentitySupport

/// Makes a tool's standard error (or a server's error text) safe to put in an error message.
///
/// Removes JSON fields and `key=value` pairs that carry tokens or secrets, JWTs, and the values of any secret
/// variable of the environment the tool ran with; then trims the text, escapes its control characters (a tool or
/// server must not be able to act on the terminal the message is printed on) and caps it.
enum StandardErrorRedaction {
    static let maxLength = 2000

    static func redact(_ text: String, environment: [String: String] = [:]) -> String {
        let secretNames = ["SECRET", "PASSWORD", "TOKEN", "KEY", "ASSERTION"]
        let values = environment.compactMap { name, value -> String? in
            let upper = name.uppercased()
            guard value.count >= 6, secretNames.contains(where: { upper.contains($0) }), !upper.hasSuffix("_FILE")
            else { return nil }
            return value
        }
        var result = SecretScrubbing.scrub(text, values: values)
        result = result.trimmingCharacters(in: .whitespacesAndNewlines)
        return OutsideText.escaped(result, limit: maxLength)
    }
}
