// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
package import IdentitySupport

/// Opens a URL in the user's browser: the `BROWSER` variable (first `:`-separated entry, `%s` replaced by the URL
/// or the URL appended), else `xdg-open`. The command runs as argv through the ``ProcessRunner``, never a shell.
package enum BrowserLauncher {
    /// What `BROWSER` names, read by the sign-in and by the dry run alike: `nil` when it is unset, empty or holds
    /// only `:` (then `xdg-open` is used); otherwise the words of its first entry, empty when that entry is blank
    /// (then there is no browser).
    package static func browserWords(_ variables: EnvironmentVariables) -> [String]? {
        guard let browser = variables["BROWSER"]?.split(separator: ":").first.map(String.init), !browser.isEmpty
        else { return nil }
        return browser.split(whereSeparator: \.isWhitespace).map(String.init)
    }

    /// The argv to open `url`, or `nil` when there is no browser.
    static func command(for url: String, environment: [String: String]) -> [String]? {
        let variables = EnvironmentVariables(environment)
        if let words = browserWords(variables) {
            guard !words.isEmpty else { return nil }
            return words.contains { $0.contains("%s") }
                ? words.map { $0.replacingOccurrences(of: "%s", with: url) }
                : words + [url]
        }
        guard ExecutableLookup.resolve("xdg-open", path: variables["PATH"]) != nil else { return nil }
        return ["xdg-open", url]
    }
}
