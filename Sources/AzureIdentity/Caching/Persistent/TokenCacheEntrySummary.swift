// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

public import Foundation

/// One access token in a persistent cache, described without the token: for `explain` and `cache list`.
public struct TokenCacheEntrySummary: Sendable, Hashable {
    /// What the token is for.
    public var key: TokenCacheKey
    /// When the token expires.
    public var expiresOn: Date
    /// When the cache starts refreshing it.
    public var refreshAt: Date
    /// Whether the cache would answer with it at the time asked: not expired, and not closer to expiry than the
    /// cache's margin.
    public var isUsable: Bool

    /// Creates a summary.
    public init(key: TokenCacheKey, expiresOn: Date, refreshAt: Date, isUsable: Bool) {
        self.key = key
        self.expiresOn = expiresOn
        self.refreshAt = refreshAt
        self.isUsable = isUsable
    }
}

/// What a persistent cache holds, without a secret: access token summaries, signed-in accounts and how many
/// refresh tokens there are.
public struct TokenCacheContents: Sendable, Hashable {
    /// The access tokens, usable or not (expired ones are dropped on the next write).
    public var accessTokens: [TokenCacheEntrySummary]
    /// The accounts user flows signed in.
    public var accounts: [AuthenticationRecord]
    /// How many refresh tokens are kept.
    public var refreshTokenCount: Int
    /// Why the file could not be read (it is then treated as empty), or `nil`.
    public var problem: String?

    /// Creates a value.
    public init(
        accessTokens: [TokenCacheEntrySummary] = [],
        accounts: [AuthenticationRecord] = [],
        refreshTokenCount: Int = 0,
        problem: String? = nil
    ) {
        self.accessTokens = accessTokens
        self.accounts = accounts
        self.refreshTokenCount = refreshTokenCount
        self.problem = problem
    }
}

extension TokenCacheEntrySummary {
    /// The summary of a stored entry at `now`.
    init(_ entry: CacheDocument.AccessTokenEntry, now: Date, expiryMargin: TimeInterval) {
        self.init(
            key: entry.key,
            expiresOn: Date(timeIntervalSince1970: entry.expiresOn),
            refreshAt: Date(timeIntervalSince1970: entry.refreshAt),
            isUsable: now.timeIntervalSince1970 < entry.expiresOn - expiryMargin
        )
    }
}

extension TokenCacheContents {
    /// What `document` holds at `now`, without a secret: its well-formed access tokens, accounts and the number of
    /// refresh tokens.
    init(_ document: CacheDocument, now: Date, expiryMargin: TimeInterval, problem: String? = nil) {
        self.init(
            accessTokens: document.accessTokens.filter(\.isWellFormed).map {
                TokenCacheEntrySummary($0, now: now, expiryMargin: expiryMargin)
            },
            accounts: document.accounts.map(\.record),
            refreshTokenCount: document.refreshTokens.count,
            problem: problem
        )
    }
}

/// What was removed from a persistent token cache (``PersistentTokenCache/remove(accessTokens:accounts:)``).
public struct TokenCacheRemoval: Sendable, Hashable {
    /// Access tokens removed.
    public var accessTokens: Int
    /// Signed-in accounts removed.
    public var accounts: Int
    /// Refresh tokens removed.
    public var refreshTokens: Int

    /// Creates a value.
    public init(accessTokens: Int = 0, accounts: Int = 0, refreshTokens: Int = 0) {
        self.accessTokens = accessTokens
        self.accounts = accounts
        self.refreshTokens = refreshTokens
    }

    /// Everything removed.
    public var total: Int { accessTokens + accounts + refreshTokens }
}
