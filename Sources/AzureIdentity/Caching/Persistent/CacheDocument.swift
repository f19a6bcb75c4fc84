// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation

/// What a persistent cache file holds: access tokens by key, user flows' refresh tokens, and the accounts they
/// signed in (``AuthenticationRecord``), so a later process signs the same user in silently.
///
/// Entries are checked when read: one with an empty token, a date that is not a number, or fields that do not
/// form its key is dropped, never returned. The JSON carries its own version next to the file header's.
struct CacheDocument: Codable, Sendable, Equatable {
    static let version = 1

    var version = CacheDocument.version
    var accessTokens: [AccessTokenEntry] = []
    var refreshTokens: [RefreshTokenEntry] = []
    var accounts: [AccountEntry] = []

    struct AccessTokenEntry: Codable, Sendable, Equatable {
        var authority: String
        var tenantID: String
        var clientID: String
        var scopes: [String]
        var isCAE: Bool
        var account: String
        var token: String
        /// Seconds since 1970.
        var expiresOn: Double
        /// When to refresh, seconds since 1970 (the token's `refreshOn`, or the memory cache's default).
        var refreshAt: Double
        var tokenType: String

        var key: TokenCacheKey {
            TokenCacheKey(
                authority: authority, tenantID: tenantID, clientID: clientID, scopes: scopes, isCAE: isCAE,
                account: account
            )
        }

        var isWellFormed: Bool {
            !token.isEmpty && expiresOn.isFinite && refreshAt.isFinite && scopes == scopes.sorted()
                && !scopes.isEmpty
        }
    }

    struct RefreshTokenEntry: Codable, Sendable, Equatable {
        var authority: String
        var clientID: String
        var homeAccountID: String
        var token: String
    }

    struct AccountEntry: Codable, Sendable, Equatable {
        /// The authority host URL of the credential that signed in.
        var authority: String
        var clientID: String
        /// The tenant the credential was configured with (`organizations`, `common` or an id).
        var tenantID: String
        var record: AuthenticationRecord
    }

    /// The entry for `key`, if it is well formed.
    func accessToken(for key: TokenCacheKey) -> AccessTokenEntry? {
        accessTokens.first { $0.isWellFormed && $0.key == key }
    }

    mutating func put(_ token: AccessToken, refreshAt: Date, for key: TokenCacheKey) {
        accessTokens.removeAll { $0.key == key }
        accessTokens.append(
            AccessTokenEntry(
                authority: key.authority, tenantID: key.tenantID, clientID: key.clientID, scopes: key.scopes,
                isCAE: key.isCAE, account: key.account, token: token.token.revealedValue(),
                expiresOn: token.expiresOn.timeIntervalSince1970, refreshAt: refreshAt.timeIntervalSince1970,
                tokenType: token.tokenType
            )
        )
    }

    /// Drops expired and malformed access tokens.
    mutating func prune(now: Date) {
        let seconds = now.timeIntervalSince1970
        accessTokens.removeAll { !$0.isWellFormed || $0.expiresOn <= seconds }
        refreshTokens.removeAll { $0.token.isEmpty }
    }

    func refreshToken(authority: String, clientID: String, homeAccountID: String) -> String? {
        refreshTokens.first {
            $0.authority == authority && $0.clientID == clientID && $0.homeAccountID == homeAccountID
                && !$0.token.isEmpty
        }?.token
    }

    mutating func putRefreshToken(_ token: String?, authority: String, clientID: String, homeAccountID: String) {
        refreshTokens.removeAll {
            $0.authority == authority && $0.clientID == clientID && $0.homeAccountID == homeAccountID
        }
        if let token, !token.isEmpty {
            refreshTokens.append(
                RefreshTokenEntry(authority: authority, clientID: clientID, homeAccountID: homeAccountID, token: token)
            )
        }
    }

    func account(authority: String, clientID: String, tenantID: String) -> AuthenticationRecord? {
        accounts.last {
            $0.authority == authority && $0.clientID == clientID && $0.tenantID == tenantID
                && $0.record.clientID == clientID && $0.record.version == "1.0"
        }?.record
    }

    /// Removes the matching access tokens and accounts, and the refresh tokens of the accounts removed that no
    /// account kept shares.
    mutating func remove(
        accessTokens matchesToken: (TokenCacheKey) -> Bool,
        accounts matchesAccount: (_ authority: String, _ clientID: String, _ tenantID: String) -> Bool
    ) -> TokenCacheRemoval {
        var removal = TokenCacheRemoval()
        let tokenCount = accessTokens.count
        accessTokens.removeAll { matchesToken($0.key) }
        removal.accessTokens = tokenCount - accessTokens.count
        let removedAccounts = accounts.filter { matchesAccount($0.authority, $0.clientID, $0.tenantID) }
        accounts.removeAll { matchesAccount($0.authority, $0.clientID, $0.tenantID) }
        removal.accounts = removedAccounts.count
        func owner(_ record: AuthenticationRecord) -> [String] {
            [record.authority.lowercased(), record.clientID, record.homeAccountID]
        }
        let kept = Set(accounts.map { owner($0.record) })
        let orphaned = Set(removedAccounts.map { owner($0.record) }).subtracting(kept)
        let refreshCount = refreshTokens.count
        refreshTokens.removeAll { orphaned.contains([$0.authority, $0.clientID, $0.homeAccountID]) }
        removal.refreshTokens = refreshCount - refreshTokens.count
        return removal
    }

    mutating func putAccount(_ record: AuthenticationRecord, authority: String, clientID: String, tenantID: String) {
        accounts.removeAll { $0.authority == authority && $0.clientID == clientID && $0.tenantID == tenantID }
        accounts.append(AccountEntry(authority: authority, clientID: clientID, tenantID: tenantID, record: record))
    }
}
