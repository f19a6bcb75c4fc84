// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// Where the persistent token cache keeps its encryption key.
///
/// The cache asks for the key named after the cache, creates one (32 random bytes) when there is none, and holds
/// the cache's lock while it does, so two processes never create two keys. ``KernelKeyring`` is the real one;
/// tests pass a fake.
public protocol TokenCacheKeyStore: Sendable {
    /// What the key store is, for ``TokenCacheProtection/detail``: "the kernel user keyring".
    var displayName: String { get }
    /// An identity for comparing options: two stores with the same identity hold the same keys.
    var identity: String { get }
    /// The key called `name`, or `nil` when there is none.
    /// - Throws: ``TokenCacheKeyStoreError`` when the store cannot be used at all.
    func key(named name: String) throws -> [UInt8]?
    /// Stores `key` as `name`, replacing any key of that name.
    /// - Throws: ``TokenCacheKeyStoreError`` when the store cannot be used.
    func store(_ key: [UInt8], named name: String) throws
    /// Removes the key called `name`, if there is one.
    func removeKey(named name: String) throws
}

/// Why a key store cannot be used: the reason is shown (it never holds key material).
public struct TokenCacheKeyStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The reason, a clause: "add_key failed: Operation not permitted (errno 1)".
    public var reason: String

    /// Creates an error.
    public init(reason: String) {
        self.reason = reason
    }

    /// The reason.
    public var description: String { reason }
}
