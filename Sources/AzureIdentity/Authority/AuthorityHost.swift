import Foundation

/// The scheme and host (and optional port/path) of a Microsoft Entra authority, for example
/// `https://login.microsoftonline.com`.
///
/// Only `https` is accepted. Loopback hosts (`127.0.0.1`, `::1`, `localhost`) are refused unless the caller
/// passes `allowLoopback: true`, which tests against a local fake do.
public struct AuthorityHost: Sendable, Hashable, CustomStringConvertible {
    /// The normalised URL, without a trailing slash.
    public let url: String
    /// The host name.
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
    /// - Throws: ``AzureIdentityError/Code/invalidConfiguration`` for a non-https scheme, an unparsable URL,
    ///   or a loopback host without `allowLoopback`.
    /// - Parameters:
    ///   - allowLoopback: Accept `127.0.0.1`, `::1` and `localhost` (tests against a local fake).
    ///   - discovery: Read the token endpoint from `<host>/<tenant>/v2.0/.well-known/openid-configuration`
    ///     (once per tenant) instead of assuming Entra's layout. Ignored for well-known clouds.
    public init(_ string: String, allowLoopback: Bool = false, discovery: Bool = false) throws {
        var text = string.trimmingCharacters(in: .whitespaces)
        while text.hasSuffix("/") { text.removeLast() }
        if !text.contains("://") { text = "https://" + text }
        guard let components = URLComponents(string: text), let host = components.host, !host.isEmpty else {
            throw AzureIdentityError(
                code: .invalidConfiguration,
                message: "The authority host '\(string)' is not a valid URL."
            )
        }
        guard components.scheme?.lowercased() == "https" else {
            throw AzureIdentityError(
                code: .invalidConfiguration,
                message: "The authority host address must use the 'https' protocol (got '\(string)')."
            )
        }
        let bareHost = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        if Self.isLoopback(bareHost) && !allowLoopback {
            throw AzureIdentityError(
                code: .invalidConfiguration,
                message: "The authority host '\(string)' is a loopback address; pass allowLoopback: true to use it."
            )
        }
        self.url = text
        self.host = bareHost
        self.isWellKnown = Self.wellKnownHosts.contains(bareHost) && components.port == nil && components.path.isEmpty
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

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.") || host.hasSuffix(".localhost")
    }
}
