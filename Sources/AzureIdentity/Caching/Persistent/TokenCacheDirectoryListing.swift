// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import IdentitySupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What ``TokenCacheDirectory/list()`` found: the caches of the directory, without a token or secret.
public struct TokenCacheDirectoryListing: Sendable, Hashable {
    /// The directory, when one could be chosen.
    public var path: String?
    /// Why the directory cannot be used (not chosen, a symbolic link, another user's, writable by others), or `nil`.
    public var problem: String?
    /// Whether the directory exists (and could be opened).
    public var exists = false
    /// The cache files (`<name>.cache`), by name.
    public var caches: [TokenCacheFileListing] = []
    /// How many regular lock files there are.
    public var lockFileCount = 0
    /// How many token shortcut records of `authprofile token` it holds (sealed copies of printed tokens).
    public var shortcutRecordCount = 0
    /// Every other entry: this package's names that are not regular files, left-over temporary files, and entries
    /// that are not this package's.
    public var otherEntries: [TokenCacheDirectoryEntry] = []
    /// Entries beyond ``TokenCacheDirectory/entryLimit``, not examined.
    public var unexaminedEntryCount = 0

    /// Creates an empty listing of `path`.
    public init(path: String?) {
        self.path = path
    }
}

/// One cache file of a directory.
public struct TokenCacheFileListing: Sendable, Hashable {
    /// How the file is stored, or that it cannot be read.
    public struct Protection: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// AES-256-GCM, and its key is in the key store.
        public static let encrypted = Protection("encrypted")
        /// Plaintext, mode 0600.
        public static let unencrypted = Protection("unencrypted")
        /// The file cannot be read: ``TokenCacheFileListing/detail`` says why.
        public static let unreadable = Protection("unreadable")

        /// `encrypted`, `unencrypted` or `unreadable`.
        public var description: String { name }
    }

    /// The cache name (the file is `<name>.cache`).
    public var name: String
    /// The file's path.
    public var path: String
    /// How it is stored, or that it cannot be read.
    public var protection: Protection
    /// The protection in words, or why the file cannot be read (paths and reasons, never contents).
    public var detail: String
    /// What it holds, without secrets; empty when it cannot be read.
    public var contents: TokenCacheContents

    /// Creates a value.
    public init(
        name: String, path: String, protection: Protection, detail: String,
        contents: TokenCacheContents = TokenCacheContents()
    ) {
        self.name = name
        self.path = path
        self.protection = protection
        self.detail = detail
        self.contents = contents
    }
}

/// An entry of the cache directory other than a readable cache file.
public struct TokenCacheDirectoryEntry: Sendable, Hashable {
    /// What the entry is on disk (not following a symbolic link).
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// A regular file.
        public static let regularFile = Kind("regular file")
        /// A directory.
        public static let directory = Kind("directory")
        /// A symbolic link (never followed).
        public static let symbolicLink = Kind("symbolic link")
        /// A FIFO, socket or device.
        public static let special = Kind("special file")

        /// `regular file`, `directory`, `symbolic link` or `special file`.
        public var description: String { name }

        init?(_ status: FileStatus?) {
            guard let status else { return nil }
            switch status.kind {
            case .regular: self = .regularFile
            case .directory: self = .directory
            case .symbolicLink: self = .symbolicLink
            default: self = .special
            }
        }
    }

    /// What the entry's name makes it.
    public struct Role: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// A cache file's name (`<name>.cache`).
        public static let cache = Role("cache")
        /// A lock file's name.
        public static let lock = Role("lock")
        /// A temporary file's name, left by a write that did not finish.
        public static let temporary = Role("temporary")
        /// A token shortcut record of `authprofile token` (`<64 hex digits>.shortcut`).
        public static let shortcut = Role("token shortcut")
        /// Not a name this package writes.
        public static let foreign = Role("foreign")

        /// `cache`, `lock`, `temporary` or `foreign`.
        public var description: String { name }
    }

    /// The entry's name in the directory, as it is (escape it before showing it).
    public var name: String
    /// What it is; `nil` when it vanished before it was examined.
    public var kind: Kind?
    /// What its name makes it.
    public var role: Role

    /// Creates a value.
    public init(name: String, kind: Kind?, role: Role) {
        self.name = name
        self.kind = kind
        self.role = role
    }
}

/// What ``TokenCacheDirectory/removeAll()`` removed and left.
public struct TokenCacheDirectoryRemoval: Sendable, Hashable {
    /// One cache's files removed.
    public struct Cache: Sendable, Hashable {
        /// The cache name.
        public var name: String
        /// Whether `<name>.cache` was removed.
        public var cacheFileRemoved = false
        /// What the removed file held, when it could be read; 0 otherwise.
        public var accessTokens = 0
        /// Accounts the removed file held.
        public var accounts = 0
        /// Refresh tokens the removed file held.
        public var refreshTokens = 0
        /// Lock files removed.
        public var lockFiles = 0
        /// Left-over temporary files removed.
        public var temporaryFiles = 0

        /// Creates a value with nothing removed.
        public init(name: String) {
            self.name = name
        }
    }

    /// The directory, when one could be chosen.
    public var path: String?
    /// The caches whose files were removed, by name.
    public var caches: [Cache] = []
    /// Entries left alone: not this package's, or with this package's names but not regular files.
    public var keptEntries: [TokenCacheDirectoryEntry] = []
    /// Token shortcut records removed (`authprofile token`'s sealed copies of printed tokens).
    public var shortcutRecords = 0
    /// What could not be removed, and why (a lock held too long, a file that cannot be removed).
    public var problems: [String] = []
    /// Entries beyond ``TokenCacheDirectory/entryLimit``, not examined (and not removed).
    public var unexaminedEntryCount = 0

    /// Creates a value with nothing removed.
    public init(path: String?) {
        self.path = path
    }
}
