// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AuthProfilesRuntime
import AzureIdentity
import IdentitySupport

/// The output of `cache list` and `cache clear`: keys, expiry, accounts and counts, never a token. Every text
/// that comes from the cache directory (file names, scopes, user names) is escaped before it is shown.
enum TokenCacheRenderer {
    /// Outside text for a person: control characters escaped, long values shortened.
    static func shown(_ text: String) -> String { OutsideText.escaped(text, limit: 256) }

    // MARK: cache list

    static func text(_ listing: TokenCacheDirectoryListing) -> String {
        guard let path = listing.path else {
            return "No token cache directory: \(shown(listing.problem ?? "none could be chosen")).\n"
        }
        if let problem = listing.problem {
            return "Token cache directory \(shown(path)) cannot be used: \(shown(problem)).\n"
        }
        guard listing.exists else { return "No token caches: \(shown(path)) does not exist.\n" }
        var lines = ["Token caches in \(shown(path)):"]
        if listing.caches.isEmpty { lines.append("  (none)") }
        for cache in listing.caches {
            lines.append("")
            lines.append("\(shown(cache.name))  \(shown(cache.path))")
            lines.append("  protection: \(cache.protection) (\(shown(cache.detail)))")
            guard cache.protection != .unreadable else { continue }
            let contents = cache.contents
            if contents.accessTokens.isEmpty { lines.append("  access tokens: none") }
            for entry in contents.accessTokens {
                let key = entry.key
                let scopes = key.scopes.map(shown).joined(separator: " ") + (key.isCAE ? " (CAE)" : "")
                let account = key.account.isEmpty ? "" : ", account \(shown(key.account))"
                let expiry =
                    entry.isUsable
                    ? "expires \(UnixTime.shown(entry.expiresOn))" : "expired \(UnixTime.shown(entry.expiresOn))"
                lines.append("  access token \(scopes): \(expiry)")
                lines.append(
                    "    authority \(shown(key.authority)), tenant \(shown(key.tenantID)), client \(shown(key.clientID))"
                        + account)
            }
            for account in contents.accounts {
                lines.append(
                    "  account \(shown(account.username)): tenant \(shown(account.tenantID)), client "
                        + "\(shown(account.clientID)), authority \(shown(account.authority))")
            }
            lines.append("  refresh tokens: \(contents.refreshTokenCount)")
        }
        if listing.lockFileCount > 0 || listing.shortcutRecordCount > 0 || !listing.otherEntries.isEmpty
            || listing.unexaminedEntryCount > 0
        {
            lines.append("")
        }
        if listing.lockFileCount > 0 { lines.append("Lock files: \(listing.lockFileCount)") }
        if listing.shortcutRecordCount > 0 {
            lines.append("Token shortcut records: \(listing.shortcutRecordCount) (sealed; `cache clear` removes them)")
        }
        if !listing.otherEntries.isEmpty {
            lines.append("Other entries (left alone):")
            for entry in listing.otherEntries { lines.append("  \(shown(entry.name)): \(describe(entry))") }
        }
        if listing.unexaminedEntryCount > 0 {
            lines.append(
                "More than \(TokenCacheDirectory.entryLimit) entries: \(listing.unexaminedEntryCount) not examined.")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func describe(_ entry: TokenCacheDirectoryEntry) -> String {
        let kind = entry.kind.map { "a \($0)" } ?? "gone"
        switch entry.role {
        case .foreign: return "\(kind), not authprofile's"
        case .temporary: return "\(kind), left by a write that did not finish"
        default:
            return entry.kind == .symbolicLink
                ? "\(kind) (not followed)" : "\(kind) with the name of a \(entry.role) file, not one"
        }
    }

    static func json(_ listing: TokenCacheDirectoryListing) -> String {
        let caches: [JSONValue] = listing.caches.map { cache in
            let contents = cache.contents
            return .object([
                ("name", .string(cache.name)),
                ("path", .string(cache.path)),
                ("protection", .string(cache.protection.description)),
                ("detail", .string(cache.detail)),
                (
                    "accessTokens",
                    .array(
                        contents.accessTokens.map { entry in
                            .object([
                                ("authority", .string(entry.key.authority)),
                                ("tenant", .string(entry.key.tenantID)),
                                ("clientId", .string(entry.key.clientID)),
                                ("scopes", .array(entry.key.scopes.map(JSONValue.string))),
                                ("cae", .bool(entry.key.isCAE)),
                                ("account", .string(entry.key.account)),
                                ("expiresOn", .string(UnixTime.shown(entry.expiresOn))),
                                ("usable", .bool(entry.isUsable)),
                            ])
                        })
                ),
                (
                    "accounts",
                    .array(
                        contents.accounts.map { account in
                            .object([
                                ("username", .string(account.username)),
                                ("homeAccountId", .string(account.homeAccountID)),
                                ("tenant", .string(account.tenantID)),
                                ("clientId", .string(account.clientID)),
                                ("authority", .string(account.authority)),
                            ])
                        })
                ),
                ("refreshTokenCount", .int(contents.refreshTokenCount)),
            ])
        }
        let others: [JSONValue] = listing.otherEntries.map { entry in
            .object([
                ("name", .string(entry.name)),
                ("kind", entry.kind.map { .string($0.description) } ?? .null),
                ("role", .string(entry.role.description)),
            ])
        }
        return JSONValue.object([
            ("version", 1),
            ("directory", listing.path.map(JSONValue.string) ?? .null),
            ("problem", listing.problem.map(JSONValue.string) ?? .null),
            ("exists", .bool(listing.exists)),
            ("caches", .array(caches)),
            ("lockFiles", .int(listing.lockFileCount)),
            ("shortcutRecords", .int(listing.shortcutRecordCount)),
            ("otherEntries", .array(others)),
            ("unexaminedEntries", .int(listing.unexaminedEntryCount)),
        ]).rendered() + "\n"
    }

    // MARK: cache clear

    static func text(_ removal: TokenCacheDirectoryRemoval) -> String {
        guard let path = removal.path else { return "No token cache directory: nothing to clear.\n" }
        var lines: [String] = []
        let removed = removal.caches.filter { $0.cacheFileRemoved || $0.lockFiles + $0.temporaryFiles > 0 }
        if removed.isEmpty && removal.shortcutRecords == 0 {
            lines.append("No token cache files in \(shown(path)): nothing to clear.")
        }
        if !removed.isEmpty { lines.append("Cleared the token caches in \(shown(path)):") }
        for cache in removed {
            var parts: [String] = []
            if cache.cacheFileRemoved {
                parts.append(
                    "\(shown(cache.name)).cache (\(count(cache.accessTokens, "access token")), "
                        + "\(count(cache.accounts, "account")), \(count(cache.refreshTokens, "refresh token")))")
            }
            if cache.lockFiles > 0 { parts.append(count(cache.lockFiles, "lock file")) }
            if cache.temporaryFiles > 0 { parts.append(count(cache.temporaryFiles, "temporary file")) }
            lines.append("  \(shown(cache.name)): removed \(parts.joined(separator: ", "))")
        }
        if removal.shortcutRecords > 0 {
            lines.append("Removed \(count(removal.shortcutRecords, "token shortcut record")) from \(shown(path)).")
        }
        if !removal.keptEntries.isEmpty {
            lines.append("Left alone:")
            for entry in removal.keptEntries { lines.append("  \(shown(entry.name)): \(describe(entry))") }
        }
        for problem in removal.problems { lines.append("Not removed: \(shown(problem))") }
        if removal.unexaminedEntryCount > 0 {
            lines.append(
                "More than \(TokenCacheDirectory.entryLimit) entries: \(removal.unexaminedEntryCount) not examined.")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The line `cache clear PROFILE` adds when it removed token shortcut records.
    static func text(shortcutRecordsRemoved records: Int) -> String {
        "Removed \(count(records, "token shortcut record")).\n"
    }

    static func text(_ clearing: ProfileTokenCacheClearing) -> String {
        let profile = shown(clearing.profile)
        guard clearing.isPersistent || !clearing.caches.isEmpty || !clearing.skippedLinks.isEmpty else {
            return "Profile '\(profile)' keeps its tokens in memory only (no `cache: {persistent: true}`): "
                + "nothing to clear.\n"
        }
        if let reason = clearing.offReason {
            return
                "Profile '\(profile)': its persistent token cache is off here (\(shown(reason))): nothing to clear.\n"
        }
        var lines: [String] = []
        if clearing.caches.isEmpty && clearing.skippedLinks.isEmpty {
            lines.append("Profile '\(profile)' has no link that keeps tokens on disk here: nothing to clear.")
        }
        for cache in clearing.caches {
            let place = cache.path.map { " (\(shown($0)))" } ?? ""
            let links = cache.links.map(shown).joined(separator: ", ")
            if let removal = cache.removal {
                lines.append(
                    "Removed from cache \(shown(cache.name))\(place) for \(links): "
                        + "\(count(removal.accessTokens, "access token")), \(count(removal.accounts, "account")), "
                        + "\(count(removal.refreshTokens, "refresh token")).")
            } else if let error = cache.error {
                lines.append("Cache \(shown(cache.name))\(place) not cleared: \(shown(error.reason))")
            }
        }
        for skipped in clearing.skippedLinks {
            lines.append("Skipped \(shown(skipped.link)): \(shown(skipped.reason)).")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}
