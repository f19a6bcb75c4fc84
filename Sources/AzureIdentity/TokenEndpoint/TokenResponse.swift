// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation

/// A token endpoint's successful (`200`) answer, read and checked.
///
/// `access_token` and `token_type` follow ``TokenAnswer``; `expires_in` (a number, or a numeric string as some
/// compatible servers send) and `refresh_in` follow ``TokenLifetime``, so a lifetime of `1e300`, `"inf"`, `"nan"`,
/// `0` or `-3600` is refused with a ``TokenResponseError`` naming the field. `refresh_token` and `id_token` are
/// optional strings.
struct TokenResponse: Sendable {
    /// The access token, its expiry and refresh hint.
    var token: AccessToken
    /// The refresh token, when the grant returns one.
    var refreshToken: Secret?
    /// The OpenID Connect id token (user flows with `openid`).
    var idToken: String?

    /// Reads a `200` body that answered a request sent at `issuedAt`. The entry point the fuzz target drives.
    init(body: some Collection<UInt8>, issuedAt: Date) throws(TokenResponseError) {
        guard let fields = OutsideJSON.object(body) else { throw .notJSON() }
        let token = try TokenAnswer.accessToken(fields["access_token"], field: "access_token")
        guard let expiresIn = try TokenLifetime.seconds(fields["expires_in"], field: "expires_in") else {
            throw .missing("expires_in")
        }
        let expiresOn = try TokenLifetime.expiry(
            inSeconds: expiresIn,
            after: issuedAt,
            field: "expires_in",
            shown: fields["expires_in"]?.shown
        )
        var refreshOn: Date?
        if let refreshIn = try TokenLifetime.seconds(fields["refresh_in"], field: "refresh_in") {
            refreshOn = try TokenLifetime.expiry(
                inSeconds: refreshIn,
                after: issuedAt,
                field: "refresh_in",
                shown: fields["refresh_in"]?.shown
            )
        }
        self.token = AccessToken(
            token: token,
            expiresOn: expiresOn,
            refreshOn: TokenLifetime.refresh(refreshOn, before: expiresOn),
            tokenType: try TokenAnswer.tokenType(fields["token_type"], field: "token_type")
        )
        self.refreshToken = try Self.optionalString(fields["refresh_token"], field: "refresh_token").map(Secret.init)
        self.idToken = try Self.optionalString(fields["id_token"], field: "id_token")
    }

    /// A string field that may be absent, `null` or empty (all meaning none).
    private static func optionalString(_ value: OutsideJSON?, field: String) throws(TokenResponseError) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?: return text.isEmpty ? nil : text
        default: throw .invalid(field, "is not a string")
        }
    }
}
