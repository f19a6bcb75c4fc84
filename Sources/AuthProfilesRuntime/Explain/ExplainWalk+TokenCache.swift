// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AzureIdentity
import Foundation

extension ExplainWalk {
    /// The persistent token cache a profile's links would use, opened as the run opens it (same options, same
    /// environment), or `nil` when the profile does not ask for one or the cache is disabled. Making it reads
    /// nothing; its readers read the local cache file, never send and never create anything.
    func persistentCache(for profile: Profile) -> PersistentTokenCache? {
        guard let persistence = context.tokenCache.persistence(for: profile) else { return nil }
        return try? PersistentTokenCache(
            options: persistence, environment: context.environment, timeSource: FixedTime(date: context.now))
    }

    /// The profile's `token cache` line: where and how tokens are kept on disk, or why they are not; `nil` when the
    /// profile has no `cache:`.
    func tokenCacheFact(_ profile: Profile) -> Evidence? {
        guard let settings = profile.cache else { return nil }
        guard settings.persistent else { return Evidence(.note, "token cache", "in memory only (persistent: false)") }
        guard context.tokenCache.isEnabled else {
            return Evidence(.note, "token cache", "in memory only (the persistent cache is turned off for this run)")
        }
        let name = settings.name ?? TokenCachePersistenceOptions.defaultName
        guard let cache = persistentCache(for: profile) else {
            return Evidence(.problem, "token cache", "\(name): not a valid cache name")
        }
        let protection = cache.protection
        let place = cache.path.map { " at \($0)" } ?? ""
        switch protection.kind {
        case .encrypted:
            return Evidence(.ok, "token cache", "\(name)\(place), encrypted (\(protection.detail))")
        case .unencrypted:
            return Evidence(.note, "token cache", "\(name)\(place), unencrypted (\(protection.detail))")
        default:
            return Evidence(.problem, "token cache", "\(name) is off, tokens kept in memory: \(protection.detail)")
        }
    }

    /// Which entries of the profile's persistent cache belong to a link that keeps tokens there: its authority,
    /// tenant and client id, resolved as the run resolves them. `nil` when the link keeps no tokens there (not a
    /// token endpoint kind, no persistent cache, the cache is off, or its authority cannot be resolved). The one
    /// answer to "whose tokens are these" for the dry run and for `cache clear PROFILE`.
    func cacheTarget(_ node: CredentialNode, in scope: LinkScope) -> LinkCacheTarget? {
        if node.settings is EnvironmentSettings {
            return environmentCacheTarget(node, in: scope, link: node.displayName)
        }
        guard let link = node.settings as? any TokenEndpointLink else { return nil }
        let tenant = (try? resolver.tenantID(for: node, in: scope).get()) ?? nil
        let clientID = try? resolver.resolve(link.clientID, field: "clientId").get().0
        return cacheTarget(node, in: scope, link: node.displayName, tenantID: tenant, clientID: clientID)
    }

    /// The same for a member of a `default` link that keeps tokens in the profile's cache, with the ids the binder
    /// gives it (``CredentialBinder/makeDefaultMember(_:settings:single:node:in:)``): `environment` those of
    /// EnvironmentCredential's variables, `workloadIdentity` `workloadIdentityClientId` (else `AZURE_CLIENT_ID`)
    /// and the link's tenant (else `AZURE_TENANT_ID`). `nil` for the members that keep no tokens there.
    func cacheTarget(
        member name: String, settings: DefaultCredentialSettings, node: CredentialNode, in scope: LinkScope
    ) -> LinkCacheTarget? {
        let link = "\(node.path)/\(name)"
        switch name {
        case "environment":
            return environmentCacheTarget(node, in: scope, link: link)
        case "workloadIdentity":
            // A `workloadIdentityClientId` that cannot be resolved leaves the member unbound: no client id.
            let configured = settings.workloadIdentityClientID.map { value in
                try? resolver.resolve(value, field: "workloadIdentityClientId").get().0
            }
            let clientID = configured ?? resolver.variable("AZURE_CLIENT_ID")
            let linkTenant = (try? resolver.tenantID(for: node, in: scope).get()) ?? nil
            let tenant = linkTenant ?? resolver.variable("AZURE_TENANT_ID")
            return cacheTarget(node, in: scope, link: link, tenantID: tenant, clientID: clientID)
        default:
            return nil
        }
    }

    /// An `environment` link's (or member's) entries: those of the tenant and client id EnvironmentCredential reads
    /// (``EnvironmentCredential/Configuration``).
    private func environmentCacheTarget(_ node: CredentialNode, in scope: LinkScope, link: String) -> LinkCacheTarget? {
        let configuration = EnvironmentCredential.Configuration(context.variables)
        return cacheTarget(
            node, in: scope, link: link, tenantID: configuration.tenantID, clientID: configuration.clientID)
    }

    private func cacheTarget(
        _ node: CredentialNode, in scope: LinkScope, link: String, tenantID: String?, clientID: String??
    ) -> LinkCacheTarget? {
        guard let cache = persistentCache(for: scope.profile), cache.protection.isPersistent,
            case .success(let authority) = resolver.authority(for: node, in: scope).host
        else { return nil }
        return LinkCacheTarget(
            link: link, cache: cache, authority: authority.url, tenantID: tenantID, clientID: clientID ?? nil)
    }

    /// For a link that keeps tokens in the profile's persistent cache: which cached tokens it would be answered
    /// with (by scope, with their expiry; never the token), or that there are none. Reads the cache file only.
    func cachedTokenFacts(_ node: CredentialNode, in scope: LinkScope) -> [Evidence] {
        cachedTokenFacts(cacheTarget(node, in: scope))
    }

    /// The same for a member of a `default` link (``cacheTarget(member:settings:node:in:)``).
    func cachedTokenFacts(
        member name: String, settings: DefaultCredentialSettings, node: CredentialNode, in scope: LinkScope
    ) -> [Evidence] {
        cachedTokenFacts(cacheTarget(member: name, settings: settings, node: node, in: scope))
    }

    private func cachedTokenFacts(_ target: LinkCacheTarget?) -> [Evidence] {
        guard let target else { return [] }
        cacheTargets.append(target)
        let contents = target.cache.contents()
        if let problem = contents.problem {
            return [Evidence(.note, "cached tokens", "none usable: \(problem)")]
        }
        // A client id that cannot be resolved leaves the link unbound when it runs: no cached token answers it (and
        // matching any client would show other profiles' tokens as this link's).
        guard target.clientID != nil else {
            return [Evidence(.note, "cached tokens", "none: the link's client id cannot be resolved here")]
        }
        let matching = contents.accessTokens.filter { target.matches($0.key) }
        guard !matching.isEmpty else {
            return [Evidence(.note, "cached tokens", "none for this link: its first request fetches one")]
        }
        return matching.sorted { $0.key.scopes.lexicographicallyPrecedes($1.key.scopes) }.map { entry in
            let scopes = entry.key.scopes.joined(separator: " ") + (entry.key.isCAE ? " (CAE)" : "")
            let detail =
                entry.isUsable
                ? "would answer; expires \(UnixTime.shown(entry.expiresOn))"
                    + (context.now >= entry.refreshAt ? " (refreshed in the background on use)" : "")
                : "expired \(UnixTime.shown(entry.expiresOn)): a request would replace it"
            return Evidence(entry.isUsable ? .ok : .note, "cached token \(scopes)", detail)
        }
    }
}

/// The entries of a persistent cache that belong to one link: tokens of its authority, tenant and client id (a
/// part that cannot be resolved here matches any), and, for user flows, the accounts it signed in.
struct LinkCacheTarget: Sendable {
    /// The link's display name.
    let link: String
    let cache: PersistentTokenCache
    let authority: String
    let tenantID: String?
    let clientID: String?

    func matches(_ key: TokenCacheKey) -> Bool {
        key.authority == authority && (tenantID == nil || key.tenantID == tenantID)
            && (clientID == nil || key.clientID == clientID)
    }

    /// An account a user flow of this link signed in (stored by authority, client id and configured tenant).
    func matchesAccount(authority: String, clientID: String, tenantID: String) -> Bool {
        authority == self.authority && (self.tenantID == nil || tenantID == self.tenantID)
            && (self.clientID == nil || clientID == self.clientID)
    }
}

/// The dry run's clock for the cache: always the dry run's "now".
private struct FixedTime: TimeSource {
    let date: Date
    func now() -> Date { date }
    func sleep(for duration: Duration) async throws { try Task.checkCancellation() }
}
