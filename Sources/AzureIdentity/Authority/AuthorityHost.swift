// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import IdentitySupport

/// The scheme and host (and optional port/path) of a Microsoft Entra authority, for example
/// `https://login.microsoftonline.com`.
///
/// Parsed and checked by the rule the profile validator uses too (`IdentitySupport`'s `AuthorityURL`): `https`,
/// a host, an optional port and path, and no user info, query, fragment or dot segment. Loopback is decided on
/// the parsed address (`https://2130706433` is 127.0.0.1): a loopback host is refused unless the caller passes
/// `allowLoopback: true`, which tests against a local fake do, and may then also use `http`.
public struct AuthorityHost: Sendable, Hashable, CustomStringConvertible {
    /// The normalised URL, without a trailing slash: the host in canonical form (`https://127.0.0.1`, never
    /// `https://2130706433`), so the address checked is the address requests go to.
    public let url: String
    /// The host name (IPv6 without brackets).
    public let host: String
    /// Whether this host is one of the well-known Microsoft clouds (no discovery needed).
    public let isWellKnown: Bool
    /// Whether the token endpoint must be read from the tenant's OpenID configuration before the first token
    /// request (private clouds whose endpoints differ from Entra's layout). Never true for well-known clouds.
    public let usesDiscovery: Bool

    /// Azure public cloud.
    public static let publicCloud = AuthorityHost(wellKnown: "login.microsoftonline.com")
    /// Azure US Government.
    public static let usGovernment = AuthorityHost(wellKnown: "login.microsoftonline.us")
    /// Azure China (21Vianet).
    public static let china = AuthorityHost(wellKnown: "login.chinacloudapi.cn")

    private init(wellKnown host: String) {
        self.url = "https://\(host)"
        self.host = host
        self.isWellKnown = true
        self.usesDiscovery = false
    }

    /// Parses and validates an authority host.
    ///
    /// A bare host name gets `https://` prepended; trailing `/` is removed.
    /// - Throws: ``AzureIdentityError/Code/invalidConfiguration`` for a non-https scheme, an unparsable URL, user
    ///   info, a query or fragment, or a loopback host without `allowLoopback`. The message never quotes the text
    ///   (user info may hold a password).
    /// - Parameters:
    ///   - string: The authority host URL, such as `https://login.microsoftonline.com`.
    ///   - allowLoopback: Accept a loopback host (`localhost`, `127.0.0.0/8`, `::1`, …), over `https` or `http`
    ///     (tests against a local fake).
    ///   - discovery: Read the token endpoint from `<host>/<tenant>/v2.0/.well-known/openid-configuration`
    ///     (once per tenant) instead of assuming Entra's layout. Ignored for well-known clouds.
    public init(_ string: String, allowLoopback: Bool = false, discovery: Bool = false) throws {
        let authority: AuthorityURL
        switch AuthorityURL.check(string, allowLoopback: allowLoopback) {
        case .success(let checked):
            authority = checked
        case .failure(let problem):
            throw AzureIdentityError(
                code: .invalidConfiguration,
                message: "The authority host is not valid: \(problem)."
            )
        }
        let url = authority.url
        self.url = url.normalized
        self.host = url.host.bare
        self.isWellKnown =
            Self.wellKnownHosts.contains(host) && url.port == nil && url.path.isEmpty
            && url.scheme == "https"
        self.usesDiscovery = discovery && !isWellKnown
    }

    /// The token endpoint for a tenant: `<host>/<tenant>/oauth2/v2.0/token` (`oauth2/token` for ADFS).
    public func tokenEndpoint(tenantID: String) -> String {
        tenantID.lowercased() == "adfs" ? "\(url)/adfs/oauth2/token" : "\(url)/\(tenantID)/oauth2/v2.0/token"
    }

    /// The OIDC metadata document for a tenant.
    public func openIDConfigurationURL(tenantID: String) -> String {
        "\(url)/\(tenantID)/v2.0/.well-known/openid-configuration"
    }

    /// The URL.
    public var description: String { url }

    static let wellKnownHosts: Set<String> = [
        "login.microsoftonline.com", "login.windows.net", "login.microsoft.com", "sts.windows.net",
        "login.microsoftonline.us", "login.chinacloudapi.cn", "login.partner.microsoftonline.cn",
    ]
}
