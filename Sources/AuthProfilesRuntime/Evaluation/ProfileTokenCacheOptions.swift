// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

public import AuthProfiles
public import AzureIdentity

/// How evaluation honours profiles' `cache:` settings: whether at all (`--no-cache` turns it off), and where the
/// cache lives and keeps its key (tests use a temporary directory and a fake key store).
public struct ProfileTokenCacheOptions: Sendable {
    /// Whether a profile's `cache: {persistent: true}` keeps its tokens on disk; `false` keeps them in memory.
    public var isEnabled: Bool
    /// The cache directory; `nil` for `$XDG_CACHE_HOME/authprofile` (else `~/.cache/authprofile`), read from the
    /// evaluation's environment.
    public var directory: String?
    /// Where the encryption key is kept; `nil` for the kernel user keyring.
    public var keyStore: (any TokenCacheKeyStore)?
    /// The longest wait for another process's lock (see `TokenCachePersistenceOptions/lockTimeout`).
    public var lockTimeout: Duration

    /// Creates options; by default profiles' `cache:` settings are honoured, in the default directory.
    public init(
        isEnabled: Bool = true,
        directory: String? = nil,
        keyStore: (any TokenCacheKeyStore)? = nil,
        lockTimeout: Duration = .seconds(30)
    ) {
        self.isEnabled = isEnabled
        self.directory = directory
        self.keyStore = keyStore
        self.lockTimeout = lockTimeout
    }

    /// The persistence a profile's credentials get: `nil` unless the profile (or one it extends) says
    /// `cache: {persistent: true}` and the cache is enabled.
    public func persistence(for profile: Profile) -> TokenCachePersistenceOptions? {
        guard isEnabled, let cache = profile.cache, cache.persistent else { return nil }
        return TokenCachePersistenceOptions(
            name: cache.name ?? TokenCachePersistenceOptions.defaultName,
            allowUnencryptedStorage: cache.allowUnencryptedStorage,
            directory: directory,
            lockTimeout: lockTimeout,
            keyStore: keyStore
        )
    }
}
