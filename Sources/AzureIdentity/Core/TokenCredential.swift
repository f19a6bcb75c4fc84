/// Something that can get an ``AccessToken`` for a ``TokenRequest``.
///
/// Conformances throw ``AzureIdentityError``: ``AzureIdentityError/Code/credentialUnavailable`` lets a
/// ``ChainedTokenCredential`` move on to its next credential, every other code stops the chain.
public protocol TokenCredential: Sendable {
    /// Gets a token for the request, from the cache when a valid one is available.
    func getToken(for request: TokenRequest) async throws -> AccessToken
}

extension TokenCredential {
    /// Gets a token for the given scopes.
    public func getToken(scopes: [String]) async throws -> AccessToken {
        try await getToken(for: TokenRequest(scopes: scopes))
    }
}
