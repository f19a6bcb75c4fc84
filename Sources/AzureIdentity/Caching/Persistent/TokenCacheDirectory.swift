// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

public import Foundation
import IdentitySupport
import TokenCacheStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The directory of the persistent token caches, as a whole: every cache in it, described without a secret
/// (``list()``), and removal of every file this package writes there (``removeAll()``). What `authprofile cache
/// list` and `authprofile cache clear` use; one cache is ``PersistentTokenCache``.
///
/// The directory is checked as the caches check it (a symbolic link, another user's directory or one writable by
/// others is refused). Entries are examined without following symbolic links; only regular files are read, at most
/// 8 MiB each. Each cache file is read with the protection its header names: an encrypted one with its key from the
/// key store (never created here), a plaintext one as it is.
public struct TokenCacheDirectory: Sendable {
    /// The most directory entries looked at; the rest are counted as not examined.
    public static let entryLimit = 10_000

    /// The directory, when one can be chosen.
    public let path: String?
    private let problem: String?
    private let keyStore: any TokenCacheKeyStore
    private let timeSource: any TimeSource
    private let lockTimeout: Duration
    private let expiryMargin: TimeInterval

    /// The directory `directory`, else `$XDG_CACHE_HOME/authprofile`, else `$HOME/.cache/authprofile` (read from
    /// `environment`, as ``TokenCachePersistenceOptions`` says).
    /// - Parameters:
    ///   - directory: The cache directory; `nil` for the default one.
    ///   - environment: Where `XDG_CACHE_HOME` and `HOME` are read (empty counts as unset).
    ///   - keyStore: Where encrypted caches' keys are; `nil` for the kernel user keyring.
    ///   - timeSource: The clock expiry is read on.
    ///   - lockTimeout: The longest wait for one of the caches' locks when removing.
    ///   - expiryMargin: Tokens closer than this to expiry are listed as not usable (as the caches serve them).
    public init(
        directory: String? = nil,
        environment: [String: String],
        keyStore: (any TokenCacheKeyStore)? = nil,
        timeSource: any TimeSource = SystemTimeSource(),
        lockTimeout: Duration = .seconds(30),
        expiryMargin: TimeInterval = 30
    ) {
        do throws(CacheProblem) {
            path = try CacheDirectory.resolve(
                directory, environment: EnvironmentVariables(environment))
            problem = nil
        } catch {
            path = nil
            problem = error.reason
        }
        self.keyStore = keyStore ?? KernelKeyring()
        self.timeSource = timeSource
        self.lockTimeout = lockTimeout
        self.expiryMargin = expiryMargin
    }

    /// What an entry's name says it is: one of this package's files (a cache file `<cache>.cache`, a lock file
    /// `<cache>.lock` or `<cache>.<16 hex digits>.lock`, a temporary file `.<cache>.<pid>.<random>.tmp`), with the
    /// cache it belongs to, or not this package's.
    enum Role: Equatable {
        case cache(String)
        case lock(String)
        case temporary(String)
        /// A token shortcut record, `<64 hex digits>.shortcut` (`TokenShortcut`).
        case shortcut
        case foreign

        init(_ name: String) {
            func stem(_ suffix: String, prefix: String = "") -> String? {
                guard name.hasSuffix(suffix), name.hasPrefix(prefix),
                    name.utf8.count > suffix.utf8.count + prefix.utf8.count
                else { return nil }
                let stem = String(name.dropFirst(prefix.count).dropLast(suffix.count))
                return TokenCachePersistenceOptions.isValidName(stem) ? stem : nil
            }
            /// `text` without its last `count` dot-separated components, when each of them satisfies `isValid`.
            func dropping(_ count: Int, from text: String, _ isValid: (Substring) -> Bool) -> String? {
                var rest = Substring(text)
                for _ in 0..<count {
                    guard let dot = rest.lastIndex(of: "."), isValid(rest[rest.index(after: dot)...]) else {
                        return nil
                    }
                    rest = rest[..<dot]
                }
                return TokenCachePersistenceOptions.isValidName(String(rest)) ? String(rest) : nil
            }
            let hexDigits = Set("0123456789abcdef")
            if TokenShortcut.isFileName(name) {
                self = .shortcut
            } else if let cache = stem(".cache") {
                self = .cache(cache)
            } else if let lock = stem(".lock") {
                let keyLockOwner = dropping(1, from: lock) { $0.count == 16 && $0.allSatisfy(hexDigits.contains) }
                self = .lock(keyLockOwner ?? lock)
            } else if let temporary = stem(".tmp", prefix: "."),
                let owner = dropping(2, from: temporary, { !$0.isEmpty && $0.allSatisfy { ("0"..."9").contains($0) } })
            {
                self = .temporary(owner)
            } else {
                self = .foreign
            }
        }

        /// The cache the file belongs to, or `nil` when it is not this package's.
        var owner: String? {
            switch self {
            case .cache(let name), .lock(let name), .temporary(let name): name
            case .shortcut, .foreign: nil
            }
        }

        var entryRole: TokenCacheDirectoryEntry.Role {
            switch self {
            case .cache: .cache
            case .lock: .lock
            case .temporary: .temporary
            case .shortcut: .shortcut
            case .foreign: .foreign
            }
        }
    }

    private func open() throws(CacheProblem) -> CacheDirectory? {
        guard let path else { throw CacheProblem(reason: problem ?? "no cache directory") }
        return try CacheDirectory.open(path, create: false)
    }

    // MARK: Listing

    /// Every cache in the directory and every other entry, without a token or secret.
    public func list() -> TokenCacheDirectoryListing {
        var listing = TokenCacheDirectoryListing(path: path)
        let directory: CacheDirectory
        do throws(CacheProblem) {
            guard let opened = try open() else { return listing }
            directory = opened
        } catch {
            listing.problem = error.reason
            return listing
        }
        listing.exists = true
        let names = directory.names(limit: Self.entryLimit + 1).sorted()
        listing.unexaminedEntryCount = max(0, names.count - Self.entryLimit)
        let now = timeSource.now()
        for name in names.prefix(Self.entryLimit) {
            let role = Role(name)
            let kind = TokenCacheDirectoryEntry.Kind(directory.status(of: name))
            switch role {
            case .cache(let cacheName):
                listing.caches.append(cache(cacheName, in: directory, now: now))
            case .lock where kind == .regularFile:
                listing.lockFileCount += 1
            case .shortcut where kind == .regularFile:
                listing.shortcutRecordCount += 1
            default:
                listing.otherEntries.append(TokenCacheDirectoryEntry(name: name, kind: kind, role: role.entryRole))
            }
        }
        return listing
    }

    private func cache(_ name: String, in directory: CacheDirectory, now: Date) -> TokenCacheFileListing {
        let path = UserPath.join(directory.path, "\(name).cache")
        switch StoredCacheFile.read(name, in: directory, keyStore: keyStore) {
        case .readable(let document, let protection):
            let isEncrypted = protection != .plaintext
            return TokenCacheFileListing(
                name: name, path: path, protection: isEncrypted ? .encrypted : .unencrypted,
                detail: isEncrypted ? "AES-256-GCM, key in \(keyStore.displayName)" : "mode 0600, no encryption",
                contents: TokenCacheContents(document, now: now, expiryMargin: expiryMargin))
        case .unreadable(let problem, _):
            return TokenCacheFileListing(name: name, path: path, protection: .unreadable, detail: problem.reason)
        case .absent:
            // Removed between listing the directory and reading it.
            return TokenCacheFileListing(
                name: name, path: path, protection: .unreadable, detail: "it was removed while being listed")
        }
    }

    // MARK: Removing

    /// Removes every file of this package in the directory: the cache files (`<name>.cache`, whatever they hold),
    /// their lock files and left-over temporary files. Nothing else is touched: entries with other names, and
    /// entries with these names that are not regular files (a symbolic link, a directory), are left and reported.
    /// Keys in the key store are kept.
    ///
    /// Each cache is cleared under its locks, taken as the caches take them (each token's lock, then the cache's),
    /// waiting at most the lock timeout for each; a lock file is removed while it is held, and the caches open a
    /// lock file again when the one they locked was removed, so the exclusion holds throughout.
    /// - Throws: ``TokenCacheError`` (`unavailable`) when the directory cannot be chosen or is refused.
    public func removeAll() async throws -> TokenCacheDirectoryRemoval {
        var removal = TokenCacheDirectoryRemoval(path: path)
        let directory: CacheDirectory
        do throws(CacheProblem) {
            guard let opened = try open() else { return removal }
            directory = opened
        } catch {
            throw TokenCacheError(code: .unavailable, reason: error.reason)
        }
        let names = directory.names(limit: Self.entryLimit + 1).sorted()
        removal.unexaminedEntryCount = max(0, names.count - Self.entryLimit)
        var byCache: [String: [String]] = [:]
        for name in names.prefix(Self.entryLimit) {
            if Role(name) == .shortcut, TokenCacheDirectoryEntry.Kind(directory.status(of: name)) == .regularFile {
                do throws(CacheProblem) {
                    try directory.remove(name)
                    removal.shortcutRecords += 1
                } catch {
                    removal.problems.append(error.reason)
                }
                continue
            }
            guard let owner = Role(name).owner else {
                removal.keptEntries.append(
                    TokenCacheDirectoryEntry(
                        name: name, kind: TokenCacheDirectoryEntry.Kind(directory.status(of: name)), role: .foreign))
                continue
            }
            byCache[owner, default: []].append(name)
        }
        for cache in byCache.keys.sorted() {
            await removeCache(cache, files: byCache[cache] ?? [], in: directory, into: &removal)
        }
        return removal
    }

    /// Removes every token shortcut record (`TokenShortcut`) of the directory: they repeat tokens of the caches,
    /// so clearing any cache removes them all (a record only saves time; the next run writes it again).
    /// - Returns: How many were removed; 0 when the directory cannot be used.
    public func removeShortcutRecords() -> Int {
        guard let directory = try? open() else { return 0 }
        return TokenShortcut.removeAll(in: directory)
    }

    private func removeCache(
        _ cache: String, files: [String], in directory: CacheDirectory, into removal: inout TokenCacheDirectoryRemoval
    ) async {
        let mainLock = "\(cache).lock"
        var regular: [String] = []
        for name in files {
            let kind = TokenCacheDirectoryEntry.Kind(directory.status(of: name))
            if kind == .regularFile {
                regular.append(name)
            } else if kind != nil {
                removal.keptEntries.append(TokenCacheDirectoryEntry(name: name, kind: kind, role: Role(name).entryRole))
            }
        }
        // The tokens' locks first, then the cache's: the order in which a credential takes them.
        var held: [CacheFileLock] = []
        defer { for lock in held { lock.release() } }
        do throws(CacheProblem) {
            for name in regular where name.hasSuffix(".lock") && name != mainLock {
                held.append(try await directory.lock(name, timeout: lockTimeout))
            }
            held.append(try await directory.lock(mainLock, timeout: lockTimeout))
        } catch {
            removal.problems.append(error.reason)
            return
        }
        var removed = TokenCacheDirectoryRemoval.Cache(name: cache)
        if regular.contains("\(cache).cache") {
            if case .readable(let document, _) = StoredCacheFile.read(cache, in: directory, keyStore: keyStore) {
                removed.accessTokens = document.accessTokens.count
                removed.accounts = document.accounts.count
                removed.refreshTokens = document.refreshTokens.count
            }
        }
        // The cache's lock file last (taken above, so it exists now): it excludes the others meanwhile.
        for name in regular.filter({ $0 != mainLock }) + [mainLock] {
            do throws(CacheProblem) {
                try directory.remove(name)
                switch Role(name) {
                case .cache: removed.cacheFileRemoved = true
                case .lock: if regular.contains(name) { removed.lockFiles += 1 }
                default: removed.temporaryFiles += 1
                }
            } catch {
                removal.problems.append(error.reason)
            }
        }
        removal.caches.append(removed)
    }
}
