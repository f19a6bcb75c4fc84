// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import TokenCacheStore

/// The Linux kernel's user keyring (`@u`) as the persistent token cache's key store: no daemon, no D-Bus.
///
/// The key is a `user` key described as `authprofile:token-cache:<name>`, readable by its owner's processes
/// (`keyctl show @u` lists it; `keyctl purge user authprofile:token-cache:<name>` removes it). The user keyring
/// lasts while the user has processes or sessions: when it is gone (after a reboot, for instance) the cache file
/// can no longer be decrypted, is ignored with a warning and replaced, and tokens are fetched again.
///
/// Where the system calls are refused (`EPERM` or `ENOSYS` in containers whose seccomp profile blocks `add_key`
/// and `keyctl`, as Docker's default does), every method throws ``TokenCacheKeyStoreError``.
public struct KernelKeyring: TokenCacheKeyStore {
    /// The kernel user keyring.
    public init() {}

    /// How the key store is named in ``TokenCacheProtection/detail``.
    public var displayName: String { "the kernel user keyring" }
    /// The same for every instance: there is one user keyring.
    public var identity: String { KernelKeyringAccess.identity }

    /// The key called `name`, or `nil` when there is none.
    public func key(named name: String) throws -> [UInt8]? {
        do throws(CacheProblem) {
            return try KernelKeyringAccess.key(named: name)
        } catch {
            throw TokenCacheKeyStoreError(reason: error.reason)
        }
    }

    /// Stores `key` as `name`, replacing any key of that name.
    public func store(_ key: [UInt8], named name: String) throws {
        do throws(CacheProblem) {
            try KernelKeyringAccess.store(key, named: name)
        } catch {
            throw TokenCacheKeyStoreError(reason: error.reason)
        }
    }

    /// Removes the key called `name`, if there is one.
    public func removeKey(named name: String) throws {
        do throws(CacheProblem) {
            try KernelKeyringAccess.removeKey(named: name)
        } catch {
            throw TokenCacheKeyStoreError(reason: error.reason)
        }
    }

    /// Whether the keyring answers here: a search for a key that does not exist says "no such key" rather than
    /// "not permitted" or "not implemented".
    public static var isUsable: Bool { KernelKeyringAccess.isUsable }
}
