// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// What a caller asks a ``TokenCredential`` for.
public struct TokenRequest: Sendable, Hashable {
    /// The scopes, for example `https://management.azure.com/.default`.
    public var scopes: [String]
    /// A claims challenge (decoded JSON) from a `WWW-Authenticate` header. Always bypasses the cache.
    public var claims: String?
    /// A tenant to get the token from instead of the credential's own tenant (multi-tenant rules apply).
    public var tenantID: String?
    /// Ask for a token that supports Continuous Access Evaluation (sends the `cp1` client capability).
    public var enableCAE: Bool

    /// Creates a token request.
    public init(scopes: [String], claims: String? = nil, tenantID: String? = nil, enableCAE: Bool = false) {
        self.scopes = scopes
        self.claims = claims
        self.tenantID = tenantID
        self.enableCAE = enableCAE
    }
}
