// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// An absolute URL split into the parts the profile validator and the runtime check, parsed without Foundation so
/// that both sides read the same text the same way.
///
/// `scheme://[userinfo@]host[:port][/path][?query][#fragment]`. The parser records user info, a query and a
/// fragment without keeping their text (user info may hold a password); ``AuthorityURL`` and the validator decide
/// what is allowed where.
package struct ParsedURL: Sendable, Hashable {
    /// The scheme, lower-cased.
    package let scheme: String
    /// The host, parsed.
    package let host: URLHost
    /// The port, if written.
    package let port: Int?
    /// The path without a trailing `/`: empty, or starting with `/`.
    package let path: String
    /// Whether `user[:password]@` came before the host.
    package let hasUserInfo: Bool
    /// Whether a `?query` followed the path.
    package let hasQuery: Bool
    /// Whether a `#fragment` followed.
    package let hasFragment: Bool

    /// Why a text is not a URL.
    package enum Problem: Error, Sendable, Hashable {
        /// No `scheme://`, or a malformed scheme.
        case noScheme
        /// The host is missing or is not a name or an IP address.
        case invalidHost
        /// The port is not a number between 1 and 65535.
        case invalidPort
        /// Whitespace or a control character inside the URL.
        case invalidCharacter
    }

    /// Parses `text`; leading and trailing spaces are ignored.
    package static func parse(_ text: some StringProtocol) -> Result<ParsedURL, Problem> {
        let trimmed = Substring(text).trimmingSpaces
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.isWhitespace || OutsideText.needsEscape($0) })
        else { return .failure(.invalidCharacter) }
        guard let separator = trimmed.firstRange(of: "://") else { return .failure(.noScheme) }
        let scheme = trimmed[..<separator.lowerBound]
        guard let first = scheme.unicodeScalars.first, first.isASCIILetter,
            scheme.unicodeScalars.allSatisfy({
                $0.isASCIILetter || $0.isASCIIDigit || "+-.".unicodeScalars.contains($0)
            })
        else { return .failure(.noScheme) }
        var rest = trimmed[separator.upperBound...]
        var hasFragment = false
        var hasQuery = false
        if let hash = rest.firstIndex(of: "#") {
            hasFragment = true
            rest = rest[..<hash]
        }
        if let question = rest.firstIndex(of: "?") {
            hasQuery = true
            rest = rest[..<question]
        }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "\\" } ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        var path = rest[authorityEnd...]
        while path.hasSuffix("/") { path = path.dropLast() }
        var hasUserInfo = false
        if let at = authority.lastIndex(of: "@") {
            hasUserInfo = true
            authority = authority[authority.index(after: at)...]
        }
        var hostText = authority
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return .failure(.invalidHost) }
            hostText = authority[...close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") {
                portText = after.dropFirst()
            } else if !after.isEmpty {
                return .failure(.invalidHost)
            }
        } else if let colon = authority.lastIndex(of: ":") {
            hostText = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        }
        guard let host = URLHost(hostText) else { return .failure(.invalidHost) }
        var port: Int?
        if let portText {
            guard (1...5).contains(portText.utf8.count), portText.allSatisfy({ $0.isASCII && $0.isNumber }),
                let number = Int(portText), (1...65_535).contains(number)
            else { return .failure(.invalidPort) }
            port = number
        }
        return .success(
            ParsedURL(
                scheme: scheme.lowercased(), host: host, port: port, path: String(path), hasUserInfo: hasUserInfo,
                hasQuery: hasQuery, hasFragment: hasFragment))
    }

    /// `scheme://host[:port][path]`, with the host in its canonical form and no user info, query or fragment:
    /// what the runtime connects to, and safe to show (it holds nothing that could be a password).
    package var normalized: String {
        "\(scheme)://\(host.canonical)" + (port.map { ":\($0)" } ?? "") + path
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return text
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIILetter: Bool {
        ("a"..."z").contains(self) || ("A"..."Z").contains(self)
    }

    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
