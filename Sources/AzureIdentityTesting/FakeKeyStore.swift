// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

public import AzureIdentity
import Synchronization

/// A key store for the persistent token cache that keeps keys in memory, and can be made unusable (as the kernel
/// keyring is in containers whose seccomp profile forbids `keyctl`).
public final class FakeKeyStore: TokenCacheKeyStore {
    private let state = Mutex<(keys: [String: [UInt8]], failure: String?)>(([:], nil))
    /// Unique to this store.
    public let identity: String

    /// A store holding no key; `failure` makes every call throw with that reason.
    public init(failure: String? = nil) {
        identity = "fake-\(UInt64.random(in: 0...UInt64.max))"
        state.withLock { $0.failure = failure }
    }

    /// How the key store is named in `TokenCacheProtection/detail`.
    public var displayName: String { "the fake key store" }

    /// Makes every call throw with `reason` from now on (`nil` makes the store usable again).
    public func fail(with reason: String?) {
        state.withLock { $0.failure = reason }
    }

    /// The names of the keys held.
    public var names: [String] { state.withLock { $0.keys.keys.sorted() } }

    /// Replaces the key called `name` with `key`, as another key store (or a lost keyring) would.
    public func replace(_ name: String, with key: [UInt8]) {
        state.withLock { $0.keys[name] = key }
    }

    /// The key called `name`, or `nil` when there is none.
    public func key(named name: String) throws -> [UInt8]? {
        try state.withLock { state in
            if let failure = state.failure { throw TokenCacheKeyStoreError(reason: failure) }
            return state.keys[name]
        }
    }

    /// Stores `key` as `name`, replacing any key of that name.
    public func store(_ key: [UInt8], named name: String) throws {
        try state.withLock { state in
            if let failure = state.failure { throw TokenCacheKeyStoreError(reason: failure) }
            state.keys[name] = key
        }
    }

    /// Removes the key called `name`, if there is one.
    public func removeKey(named name: String) throws {
        try state.withLock { state in
            if let failure = state.failure { throw TokenCacheKeyStoreError(reason: failure) }
            state.keys[name] = nil
        }
    }
}
