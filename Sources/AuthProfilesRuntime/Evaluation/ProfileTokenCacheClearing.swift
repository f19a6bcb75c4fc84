// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
public import AzureIdentity

/// Removes from a profile's persistent token cache what the profile's links would use, and nothing else: what
/// `authprofile cache clear PROFILE` does.
///
/// Which entries are a link's is decided as the dry run decides it (the same walk, the same resolution of
/// authority, tenant and client id, under the same environment): access tokens of the link's authority, tenant and
/// client id, and the accounts its user flows signed in, with their refresh tokens. Other profiles' tokens in the
/// same cache stay. A link whose client id cannot be resolved here is skipped (matching any client would remove
/// other profiles' tokens), and said so.
public struct ProfileTokenCacheClearing: Sendable {
    /// What was removed from one cache.
    public struct Cache: Sendable, Hashable {
        /// The cache name.
        public var name: String
        /// The cache file, when a directory could be chosen.
        public var path: String?
        /// The links whose entries were looked for, by display name.
        public var links: [String]
        /// What was removed; `nil` when ``error`` says why nothing could be.
        public var removal: TokenCacheRemoval?
        /// Why the cache could not be cleared (it cannot be read or written, its lock was held too long).
        public var error: TokenCacheError?
    }

    /// A link that keeps tokens in the cache whose entries could not be told apart here.
    public struct SkippedLink: Sendable, Hashable {
        /// The link's display name.
        public var link: String
        /// Why.
        public var reason: String
    }

    /// The profile.
    public var profile: String
    /// Whether the profile keeps tokens on disk (`cache: {persistent: true}`, itself or through `extends`).
    public var isPersistent: Bool
    /// Why its persistent cache is off here (no usable key store and no `allowUnencryptedStorage`, a refused
    /// directory), or `nil`.
    public var offReason: String?
    /// The caches cleared, by name: the profile's, and those of profiles its links refer to.
    public var caches: [Cache] = []
    /// The links skipped.
    public var skippedLinks: [SkippedLink] = []

    /// Clears what `entry`'s links would use from their persistent caches, evaluated under `options` (environment,
    /// working directory, clock and cache options, as a run and the dry run use them). Sends nothing, starts
    /// nothing; takes the cache's cross-process lock while it rewrites the file.
    public static func clear(_ entry: ProfileCatalog.Entry, options: ProfileRuntimeOptions) async -> Self {
        let context = InspectionContext(options: options)
        var result = ProfileTokenCacheClearing(
            profile: entry.profile.name, isPersistent: entry.profile.cache?.persistent == true)
        let walk = ExplainWalk(context: context)
        if result.isPersistent {
            guard let cache = walk.persistentCache(for: entry.profile) else {
                result.offReason =
                    options.tokenCache.isEnabled
                    ? "the cache name is not valid" : "the persistent cache is turned off for this run"
                return result
            }
            let protection = cache.protection
            if !protection.isPersistent { result.offReason = protection.detail }
        }
        _ = walk.walk(entry.profile.credential, in: entry.scope, depth: 0, reached: true)
        var byCache: [String: [LinkCacheTarget]] = [:]
        var order: [String] = []
        for target in walk.cacheTargets {
            guard target.clientID != nil else {
                result.skippedLinks.append(
                    SkippedLink(link: target.link, reason: "its clientId cannot be resolved in this environment"))
                continue
            }
            let name = target.cache.options.name
            if byCache[name] == nil { order.append(name) }
            byCache[name, default: []].append(target)
        }
        for name in order {
            guard let targets = byCache[name], let cache = targets.first?.cache else { continue }
            var cleared = Cache(
                name: name, path: cache.path, links: targets.map(\.link).uniqued(), removal: nil, error: nil)
            do {
                cleared.removal = try await cache.remove(
                    accessTokens: { key in targets.contains { $0.matches(key) } },
                    accounts: { authority, clientID, tenantID in
                        targets.contains {
                            $0.matchesAccount(authority: authority, clientID: clientID, tenantID: tenantID)
                        }
                    })
            } catch let error as TokenCacheError {
                cleared.error = error
            } catch {
                cleared.error = TokenCacheError(code: .writeFailed, reason: "\(error)")
            }
            result.caches.append(cleared)
        }
        return result
    }
}

extension Array where Element: Hashable {
    fileprivate func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
