// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

public import AzureIdentity
public import Foundation
import IdentitySupport

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

    /// Creates a principal from claims already decoded.
    public init(
        tenantID: String? = nil, objectID: String? = nil, applicationID: String? = nil,
        userPrincipalName: String? = nil, audience: String? = nil, expiresOn: Date? = nil
    ) {
        self.tenantID = tenantID
        self.objectID = objectID
        self.applicationID = applicationID
        self.userPrincipalName = userPrincipalName
        self.audience = audience
        self.expiresOn = expiresOn
    }

    /// Reads the claims of a JWT access token; `nil` when the token is not a JWT (some resources get opaque tokens).
    ///
    /// The claims come from the token's issuer and are shown to people, so their control characters are escaped;
    /// `exp` is read by the package's one JWT decoder and is `nil` unless it is a date between 1970 and 9999.
    public init?(token: Secret) {
        guard let claims = try? JWTClaims(compact: token.revealedValue()) else { return nil }
        func text(_ name: String) -> String? { claims.string(name).map(OutsideText.escapingControlCharacters) }
        self.init(
            tenantID: text("tid"), objectID: text("oid"), applicationID: text("appid") ?? text("azp"),
            userPrincipalName: text("upn") ?? text("preferred_username") ?? text("unique_name"),
            audience: claims.strings("aud")?.first.map(OutsideText.escapingControlCharacters),
            expiresOn: claims.numericDate("exp").time?.date)
    }
}
