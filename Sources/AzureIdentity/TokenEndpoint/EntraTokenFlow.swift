// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import IdentitySupport
import Logging

/// The machinery every token-endpoint credential shares: tenant resolution, CAE claims, caching and posting.
struct EntraTokenFlow: Sendable {
    /// What a credential needs to build one grant request.
    struct Context: Sendable {
        var tenantID: String
        var tokenEndpoint: String
        var scopes: [String]
        var claims: String?
    }

    let credentialName: String
    let tenantID: String
    let clientID: String
    let authorityHost: AuthorityHost
    let allowedTenants: [String]
    /// Only the one variable the flow needs: never keep the whole environment (it may hold secrets).
    let multiTenantEnvironment: [String: String]
    let client: TokenEndpointClient
    let cache: TokenCache
    let logger: Logger
    let discovery: TokenEndpointDiscovery

    init(credentialName: String, tenantID: String, clientID: String, options: CredentialOptions) throws {
        try TenantID.validate(tenantID)
        guard !clientID.isEmpty else {
            throw AzureIdentityError(
                code: .invalidConfiguration,
                message: "\(credentialName): a client id is required.",
                credentialName: credentialName
            )
        }
        let host = try options.resolvedAuthorityHost()
        // Made on the first request: a credential answered from its persistent cache builds no HTTP client.
        let base = try options.transport ?? SharedTransport.lazy()
        self.credentialName = credentialName
        self.tenantID = tenantID
        self.clientID = clientID
        self.authorityHost = host
        self.allowedTenants = options.normalizedAllowedTenants
        let flag = "AZURE_IDENTITY_DISABLE_MULTITENANTAUTH"
        self.multiTenantEnvironment = EnvironmentVariables(options.environment)[flag].map { [flag: $0] } ?? [:]
        self.logger = options.logger
        self.cache = TokenCache(
            timeSource: options.timeSource,
            persistent: try options.tokenCachePersistence.map {
                try PersistentTokenCache(
                    options: $0, environment: options.environment, timeSource: options.timeSource,
                    logger: options.logger
                )
            }
        )
        let retrying = RetryingTransport(
            base: base,
            policy: options.retryPolicy,
            timeSource: options.timeSource,
            logger: options.logger
        )
        self.discovery = TokenEndpointDiscovery(
            authorityHost: host,
            transport: retrying,
            requestTimeout: options.requestTimeout,
            credentialName: credentialName
        )
        self.client = TokenEndpointClient(
            credentialName: credentialName,
            authorityHost: host,
            transport: retrying,
            timeSource: options.timeSource,
            requestTimeout: options.requestTimeout,
            logger: options.logger
        )
    }

    /// Resolves the tenant, consults the cache and, on a miss, calls `fetch`.
    nonisolated(nonsending) func getToken(
        _ request: TokenRequest,
        account: String = "",
        forceRefresh: Bool = false,
        fetch: @escaping @Sendable (Context) async throws -> AccessToken
    ) async throws -> AccessToken {
        let discovery = self.discovery
        return try await cachedToken(request, account: account, forceRefresh: forceRefresh) { tenant, claims in
            // Built only on a cache miss, so a hit does no string or JSON work.
            let context = Context(
                tenantID: tenant,
                tokenEndpoint: try await discovery.tokenEndpoint(tenantID: tenant),
                scopes: request.scopes,
                claims: claims
            )
            return try await fetch(context)
        }
    }

    /// Resolves the tenant, consults the cache and, on a miss, calls `fetch` with the tenant and the merged CAE
    /// claims. Nothing here talks to the token endpoint: token sources that are not one (the identity broker) use
    /// this with the same cache and tenant rules.
    nonisolated(nonsending) func cachedToken(
        _ request: TokenRequest,
        account: String = "",
        forceRefresh: Bool = false,
        fetch: @escaping @Sendable (_ tenantID: String, _ claims: String?) async throws -> AccessToken
    ) async throws -> AccessToken {
        guard !request.scopes.isEmpty else {
            throw AzureIdentityError(
                code: .invalidConfiguration,
                message: "\(credentialName): at least one scope is required.",
                credentialName: credentialName
            )
        }
        let key = try cacheKey(for: request, account: account)
        let hasChallenge = !(request.claims ?? "").isEmpty || forceRefresh
        return try await cache.token(for: key, bypassCache: hasChallenge) {
            try await fetch(key.tenantID, try CAEClaims.merge(claims: request.claims, enableCAE: request.enableCAE))
        }
    }

    /// The key a request's token is cached under: the authority, the resolved tenant (the request's, when the
    /// credential may serve it), the client, the scopes, CAE and the account. The one definition the run and the
    /// persistent-cache fast path share.
    func cacheKey(for request: TokenRequest, account: String) throws -> TokenCacheKey {
        let tenant =
            request.tenantID == nil || request.tenantID == tenantID
            ? tenantID
            : try TenantID.resolve(
                configured: tenantID,
                requested: request.tenantID,
                additionallyAllowedTenants: allowedTenants,
                environment: multiTenantEnvironment,
                credentialName: credentialName
            )
        return TokenCacheKey(
            authority: authorityHost.url,
            tenantID: tenant,
            clientID: clientID,
            scopes: request.scopes,
            isCAE: request.enableCAE,
            account: account
        )
    }

    /// What ``cachedToken(_:account:forceRefresh:fetch:)`` would answer from the persistent cache in a new process
    /// (an empty memory cache): a fresh token for the request's key, or `nil` (no persistent cache, no scope, a
    /// claims challenge, a tenant the credential may not serve, a miss or a token due for refresh).
    func tokenFromPersistentCache(_ request: TokenRequest, account: String = "") -> AccessToken? {
        guard let persistent = cache.persistent, !request.scopes.isEmpty, (request.claims ?? "").isEmpty,
            let key = try? cacheKey(for: request, account: account)
        else { return nil }
        return persistent.token(for: key)
    }

    /// Posts `client_id`, `scope`, the grant's fields and `claims` to the token endpoint.
    func post(
        _ context: Context,
        grantFields: [(String, String)],
        scopes: [String]? = nil
    ) async throws -> TokenEndpointClient.Result {
        var form: [(String, String)] = [
            ("client_id", clientID), ("scope", (scopes ?? context.scopes).joined(separator: " ")),
        ]
        form += grantFields
        if let claims = context.claims { form.append(("claims", claims)) }
        return try await client.requestToken(url: context.tokenEndpoint, tenantID: context.tenantID, form: form)
    }
}
