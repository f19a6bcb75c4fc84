// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

public import Foundation
import IdentitySupport

/// An access token issued by Microsoft Entra ID (or a compatible token source).
public struct AccessToken: Sendable, Hashable {
    /// The bearer token itself. Redacted when printed.
    public var token: Secret
    /// When the token stops being valid.
    public var expiresOn: Date
    /// When a caller should start getting a new token; `nil` lets the cache pick a default.
    public var refreshOn: Date?
    /// The token type, usually `Bearer`.
    public var tokenType: String

    /// Creates an access token.
    public init(token: Secret, expiresOn: Date, refreshOn: Date? = nil, tokenType: String = "Bearer") {
        self.token = token
        self.expiresOn = expiresOn
        self.refreshOn = refreshOn
        self.tokenType = tokenType
    }
}

extension AccessToken: CustomStringConvertible {
    /// A description without the token value; dates in RFC 3339 (UTC), and never a trap for a date that is not one
    /// (a token made by other code may hold NaN).
    public var description: String {
        let refresh = refreshOn.map { ", refreshOn: \(UnixTime.shown($0))" } ?? ""
        let type = OutsideText.escaped(tokenType, limit: 64)
        let expiry = UnixTime.shown(expiresOn)
        return "AccessToken(\(type), token: \(Secret.redactionMarker), expiresOn: \(expiry)\(refresh))"
    }
}
