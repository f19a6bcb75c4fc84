import AzureIdentity
import Foundation

/// The identifying claims of an access token: who it was issued to and where, never the token itself.
///
/// Entra ID access tokens are JWTs whose payload the client may read; the claims are informational (the client
/// does not verify the signature, the resource does).
public struct TokenPrincipal: Sendable, Hashable, Codable {
    /// `tid`: the tenant.
    public var tenantID: String?
    /// `oid`: the object id of the user or service principal.
    public var objectID: String?
    /// `appid` (v1 tokens) or `azp` (v2): the client application.
    public var applicationID: String?
    /// `upn`, else `preferred_username`, else `unique_name`: a user's sign-in name.
    public var userPrincipalName: String?
    /// `aud`: the resource the token is for.
    public var audience: String?
    /// `exp`: when the token expires.
    public var expiresOn: Date?

    public init(tenantID: String? = nil, objectID: String? = nil, applicationID: String? = nil,
                userPrincipalName: String? = nil, audience: String? = nil, expiresOn: Date? = nil) {
        self.tenantID = tenantID
        self.objectID = objectID
        self.applicationID = applicationID
        self.userPrincipalName = userPrincipalName
        self.audience = audience
        self.expiresOn = expiresOn
    }

    /// Reads the claims of a JWT access token; `nil` when the token is not a JWT (some resources get opaque tokens).
    public init?(token: Secret) {
        let parts = token.revealedValue().split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let payload = Self.decodeBase64URL(parts[1]),
            let object = try? JSONSerialization.jsonObject(with: payload) as? [String: Any]
        else { return nil }
        func text(_ name: String) -> String? { object[name] as? String }
        self.init(
            tenantID: text("tid"), objectID: text("oid"), applicationID: text("appid") ?? text("azp"),
            userPrincipalName: text("upn") ?? text("preferred_username") ?? text("unique_name"),
            audience: text("aud") ?? (object["aud"] as? [String])?.first,
            expiresOn: (object["exp"] as? NSNumber).map { Date(timeIntervalSince1970: $0.doubleValue) })
    }

    static func decodeBase64URL(_ text: Substring) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64.append("=") }
        return Data(base64Encoded: base64)
    }
}
