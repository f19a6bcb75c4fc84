// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// Turns on the persistent (on-disk) token cache for a credential, as Azure Identity's
/// `tokenCachePersistenceOptions` does.
///
/// Set ``CredentialOptions/tokenCachePersistence`` to a value of this type; `nil` (the default) keeps tokens in
/// memory only. Credentials whose options name the same cache (same ``name`` and directory) share its tokens, in
/// this process and in every other process of the same user: a later process finds the tokens an earlier one got.
///
/// The cache lives in ``directory``, or else `$XDG_CACHE_HOME/authprofile/`, or else `~/.cache/authprofile/`
/// (`XDG_CACHE_HOME` and `HOME` are read from ``CredentialOptions/environment``; set to the empty string they count
/// as unset). Its file is encrypted with AES-256-GCM under a key kept in the Linux kernel's user keyring; where the
/// keyring cannot be used (containers often forbid it), the cache is stored unencrypted only when
/// ``allowUnencryptedStorage`` is `true`, and is otherwise off (tokens stay in memory; ``TokenCacheProtection`` says
/// why).
public struct TokenCachePersistenceOptions: Sendable, Hashable {
    /// The default cache name, `authprofile`.
    public static let defaultName = "authprofile"
    /// The longest cache name accepted.
    public static let maximumNameLength = 128

    /// The cache's name: its file is `<name>.cache` in the cache directory. Letters, digits, `.`, `_` and `-`, at
    /// most ``maximumNameLength`` characters, starting with a letter or digit (the profile format's rule for names).
    public var name: String
    /// Whether the cache may be written unencrypted (mode 0600) where no key store is usable; Azure Identity's
    /// `unsafeAllowUnencryptedStorage`. `false` by default: the persistent cache is then off instead.
    public var allowUnencryptedStorage: Bool
    /// The directory to keep the cache in; `nil` for the default described above. An absolute path.
    public var directory: String?
    /// The longest wait for another process that holds the cache's lock (it may be fetching the same token); after
    /// it the call goes on without the persistent cache, with a warning. 30 seconds by default, more than one
    /// request with all its retries takes by default.
    public var lockTimeout: Duration
    /// Where the encryption key is kept; `nil` for the kernel user keyring (``KernelKeyring``). Tests pass a fake.
    public var keyStore: (any TokenCacheKeyStore)?
    /// For tests: every write of the cache file fails with this `errno` (`ENOSPC`, `EROFS`), as a full disk or a
    /// read-only file system would make it. Running as root, a test cannot make a directory unwritable otherwise.
    package var simulatedWriteError: Int32?

    /// Creates options.
    public init(
        name: String = TokenCachePersistenceOptions.defaultName,
        allowUnencryptedStorage: Bool = false,
        directory: String? = nil,
        lockTimeout: Duration = .seconds(30),
        keyStore: (any TokenCacheKeyStore)? = nil
    ) {
        self.name = name
        self.allowUnencryptedStorage = allowUnencryptedStorage
        self.directory = directory
        self.lockTimeout = lockTimeout
        self.keyStore = keyStore
    }

    /// Whether `name` can name a cache (see ``name``).
    public static func isValidName(_ name: String) -> Bool {
        func isAlphanumeric(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        }
        guard let first = name.utf8.first, isAlphanumeric(first), name.utf8.count <= maximumNameLength else {
            return false
        }
        return name.utf8.allSatisfy { isAlphanumeric($0) || $0 == 0x2E || $0 == 0x5F || $0 == 0x2D }
    }

    /// Equal when every option is, key stores by their ``TokenCacheKeyStore/identity``.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.name == rhs.name && lhs.allowUnencryptedStorage == rhs.allowUnencryptedStorage
            && lhs.directory == rhs.directory && lhs.lockTimeout == rhs.lockTimeout
            && lhs.keyStore?.identity == rhs.keyStore?.identity && lhs.simulatedWriteError == rhs.simulatedWriteError
    }

    /// Hashes every option, the key store by its identity.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(allowUnencryptedStorage)
        hasher.combine(directory)
        hasher.combine(lockTimeout)
        hasher.combine(keyStore?.identity)
    }
}
