// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

internal import CKernelKeyring

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

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
    /// The user keyring, `KEY_SPEC_USER_KEYRING`.
    static let userKeyring = -4
    /// Possessor: everything; owner (same user id): view, read, search. (`KEY_POS_ALL | KEY_USR_VIEW |
    /// KEY_USR_READ | KEY_USR_SEARCH`.)
    static let permissions: UInt32 = 0x3f0b_0000
    static let keyLength = 32
    /// "No such key", "key has expired", "key has been revoked": the key is absent, the keyring works.
    #if os(Linux)
    static let absent: Set<Int32> = [ENOKEY, EKEYEXPIRED, EKEYREVOKED]
    #else
    static let absent: Set<Int32> = []
    #endif

    /// The kernel user keyring.
    public init() {}

    /// How the key store is named in ``TokenCacheProtection/detail``.
    public var displayName: String { "the kernel user keyring" }
    /// The same for every instance: there is one user keyring.
    public var identity: String { "kernel-user-keyring" }

    static func description(_ name: String) -> String { "authprofile:token-cache:\(name)" }

    /// The key called `name`, or `nil` when there is none.
    public func key(named name: String) throws -> [UInt8]? {
        let serial = ckr_search_user_key(Self.userKeyring, Self.description(name))
        if serial < 0 {
            let code = errno
            if Self.absent.contains(code) { return nil }
            throw Self.failure("keyctl search", code)
        }
        var buffer = [UInt8](repeating: 0, count: 64)
        let length = buffer.withUnsafeMutableBytes { ckr_read_key(serial, $0.baseAddress, UInt($0.count)) }
        guard length >= 0 else { throw Self.failure("keyctl read", errno) }
        // Not this package's key (another length): treated as absent, and replaced when the cache is written.
        guard length == Self.keyLength else { return nil }
        return Array(buffer.prefix(Self.keyLength))
    }

    /// Stores `key` as `name`, replacing any key of that name.
    public func store(_ key: [UInt8], named name: String) throws {
        let serial = key.withUnsafeBytes {
            ckr_add_user_key(Self.description(name), $0.baseAddress, UInt($0.count), Self.userKeyring)
        }
        guard serial >= 0 else { throw Self.failure("add_key", errno) }
        // Lets the user's other processes read it even where they do not possess the user keyring; where this is
        // refused, the key is still usable if this process can read it back.
        if ckr_set_permissions(serial, Self.permissions) != 0 {
            let code = errno
            guard try self.key(named: name) == key else { throw Self.failure("keyctl setperm", code) }
        }
    }

    /// Removes the key called `name`, if there is one.
    public func removeKey(named name: String) throws {
        let serial = ckr_search_user_key(Self.userKeyring, Self.description(name))
        if serial < 0 {
            let code = errno
            if Self.absent.contains(code) { return }
            throw Self.failure("keyctl search", code)
        }
        guard ckr_invalidate_key(serial) == 0 else { throw Self.failure("keyctl invalidate", errno) }
    }

    /// Whether the keyring answers here: a search for a key that does not exist says "no such key" rather than
    /// "not permitted" or "not implemented".
    public static var isUsable: Bool {
        ckr_search_user_key(userKeyring, description("probe-\(getpid())")) >= 0 || absent.contains(errno)
    }

    static func failure(_ call: String, _ code: Int32) -> TokenCacheKeyStoreError {
        let message = strerror(code).map { String(cString: $0) } ?? "error"
        return TokenCacheKeyStoreError(reason: "\(call) failed: \(message) (errno \(code))")
    }
}
