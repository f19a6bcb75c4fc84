import Foundation

/// Opens a URL in the user's browser: the `BROWSER` variable (first `:`-separated entry, `%s` replaced by the URL
/// or the URL appended), else `xdg-open`. The command runs as argv through the ``ProcessRunner``, never a shell.
enum BrowserLauncher {
    /// The argv to open `url`, or `nil` when there is no browser.
    static func command(for url: String, environment: [String: String]) -> [String]? {
        if let browser = environment["BROWSER"]?.split(separator: ":").first.map(String.init), !browser.isEmpty {
            let words = browser.split(whereSeparator: \.isWhitespace).map(String.init)
            guard !words.isEmpty else { return nil }
            return words.contains { $0.contains("%s") }
                ? words.map { $0.replacingOccurrences(of: "%s", with: url) }
                : words + [url]
        }
        guard ExecutableLookup.resolve("xdg-open", path: environment["PATH"]) != nil else { return nil }
        return ["xdg-open", url]
    }
}
