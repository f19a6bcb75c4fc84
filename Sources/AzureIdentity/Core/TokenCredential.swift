// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// Something that can get an ``AccessToken`` for a ``TokenRequest``.
///
/// Conformances throw ``AzureIdentityError``: ``AzureIdentityError/Code/credentialUnavailable`` lets a
/// ``ChainedTokenCredential`` move on to its next credential, every other code stops the chain.
///
/// `getToken` is `nonisolated(nonsending)`: it runs on the caller's executor, so a cached token costs no executor
/// hop even for a caller on the main actor. Conformances may declare it either way.
public protocol TokenCredential: Sendable {
    /// Gets a token for the request, from the cache when a valid one is available.
    nonisolated(nonsending) func getToken(for request: TokenRequest) async throws -> AccessToken
}

extension TokenCredential {
    /// Gets a token for the given scopes.
    nonisolated(nonsending) public func getToken(scopes: [String]) async throws -> AccessToken {
        try await getToken(for: TokenRequest(scopes: scopes))
    }
}
