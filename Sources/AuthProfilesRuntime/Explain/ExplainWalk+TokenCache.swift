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

    /// For a link that keeps tokens in the profile's persistent cache: which cached tokens it would be answered
    /// with (by scope, with their expiry; never the token), or that there are none. Reads the cache file only.
    func cachedTokenFacts(_ node: CredentialNode, in scope: LinkScope) -> [Evidence] {
        guard let link = node.settings as? any TokenEndpointLink, let cache = persistentCache(for: scope.profile),
            cache.protection.isPersistent
        else { return [] }
        let host = resolver.authority(for: node, in: scope).host
        guard case .success(let authority) = host else { return [] }
        let tenant = (try? resolver.tenantID(for: node, in: scope).get()) ?? nil
        let clientID = try? resolver.resolve(link.clientID, field: "clientId").get().0
        let contents = cache.contents()
        if let problem = contents.problem {
            return [Evidence(.note, "cached tokens", "none usable: \(problem)")]
        }
        let matching = contents.accessTokens.filter { entry in
            entry.key.authority == authority.url && (tenant == nil || entry.key.tenantID == tenant)
                && (clientID == nil || entry.key.clientID == clientID)
        }
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

/// The dry run's clock for the cache: always the dry run's "now".
private struct FixedTime: TimeSource {
    let date: Date
    func now() -> Date { date }
    func sleep(for duration: Duration) async throws { try Task.checkCancellation() }
}
