// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// What identifies a cached token: authority, tenant, client, scopes and the CAE partition.
public struct TokenCacheKey: Hashable, Sendable {
    /// The authority host URL.
    public var authority: String
    /// The resolved tenant.
    public var tenantID: String
    /// The client (application) id, or another identity id.
    public var clientID: String
    /// The requested scopes, sorted.
    public var scopes: [String]
    /// Whether the token was requested with the `cp1` (CAE) capability.
    public var isCAE: Bool
    /// A discriminator for user flows (for example the user name); empty for app tokens.
    public var account: String

    /// Creates a key; scopes are sorted so order does not matter.
    public init(
        authority: String,
        tenantID: String,
        clientID: String,
        scopes: [String],
        isCAE: Bool,
        account: String = ""
    ) {
        self.authority = authority
        self.tenantID = tenantID
        self.clientID = clientID
        self.scopes = scopes.sorted()
        self.isCAE = isCAE
        self.account = account
    }
}
