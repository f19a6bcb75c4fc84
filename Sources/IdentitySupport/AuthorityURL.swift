// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// The one rule for a Microsoft Entra authority host, used by the profile validator (`AP302`–`AP304`) and by
/// `AzureIdentity`'s `AuthorityHost`, so that what `validate` accepts is exactly what a token request will use.
///
/// An authority is `https://host[:port][/path]`. A text without `://` means `https://text`. The host is parsed
/// (``URLHost``) and loopback is decided on the parsed address, so `https://2130706433` and `https://0x7f000001` are
/// 127.0.0.1 and `http://127.evil.example` is a name. A loopback host needs `allowLoopback`, and with it may use
/// `http`; every other host must use `https`. User info, a query, a fragment and `.`/`..` path segments are
/// refused: the client secret is posted to the authority, so nothing in it may be a credential or redirect the
/// request.
package struct AuthorityURL: Sendable, Hashable {
    /// The parsed URL; its ``ParsedURL/normalized`` form is what requests are sent to.
    package let url: ParsedURL

    /// Why a text is not an acceptable authority host. Descriptions never quote the text (it may hold a password).
    package enum Problem: Error, Sendable, Hashable, CustomStringConvertible {
        /// Not a URL at all.
        case invalid(ParsedURL.Problem)
        /// `user:password@` before the host.
        case userInfo
        /// A `?query` or `#fragment`.
        case queryOrFragment
        /// A `.` or `..` segment in the path.
        case dotSegment
        /// A loopback host without `allowLoopback`; the URL parsed, so callers can show its normalized form.
        case loopbackNotAllowed(ParsedURL)
        /// A scheme other than `https` (or `http` for an allowed loopback host).
        case insecureScheme(ParsedURL)

        package var description: String {
            switch self {
            case .invalid(.noScheme): "it is not a URL (write e.g. https://login.microsoftonline.com)"
            case .invalid(.invalidHost): "its host is not a valid host name or IP address"
            case .invalid(.invalidPort): "its port is not a number between 1 and 65535"
            case .invalid(.invalidCharacter): "it contains whitespace or a control character"
            case .userInfo: "it contains user info (a user name or password before '@'), which is never sent"
            case .queryOrFragment: "it has a query or fragment; an authority host is scheme, host, port and path only"
            case .dotSegment: "its path has a '.' or '..' segment"
            case .loopbackNotAllowed: "it is a loopback address, which needs allowLoopback"
            case .insecureScheme(let url):
                "it uses '\(OutsideText.escapingControlCharacters(url.scheme.prefix(16)))', not https "
                    + "(http is allowed only for a loopback host with allowLoopback)"
            }
        }
    }

    /// Applies the rule.
    package static func check(_ text: some StringProtocol, allowLoopback: Bool) -> Result<AuthorityURL, Problem> {
        var text = String(text)
        if !text.contains("://") { text = "https://" + text }
        let url: ParsedURL
        switch ParsedURL.parse(text) {
        case .failure(let problem): return .failure(.invalid(problem))
        case .success(let parsed): url = parsed
        }
        if url.hasUserInfo { return .failure(.userInfo) }
        if url.hasQuery || url.hasFragment { return .failure(.queryOrFragment) }
        if url.path.split(separator: "/").contains(where: isDotSegment) { return .failure(.dotSegment) }
        if url.host.isLoopback && !allowLoopback { return .failure(.loopbackNotAllowed(url)) }
        guard url.scheme == "https" || (url.scheme == "http" && url.host.isLoopback) else {
            return .failure(.insecureScheme(url))
        }
        return .success(AuthorityURL(url: url))
    }

    /// `.` or `..`, also percent-encoded (`%2e`), which URL parsers resolve as dot segments too.
    private static func isDotSegment(_ segment: Substring) -> Bool {
        let decoded = segment.lowercased().replacing("%2e", with: ".")
        return decoded == "." || decoded == ".."
    }
}
