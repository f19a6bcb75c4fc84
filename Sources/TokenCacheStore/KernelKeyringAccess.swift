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

/// The calls on the kernel user keyring that keep the persistent token cache's keys (`add_key(2)`, `keyctl(2)`),
/// shared by AzureIdentity's `KernelKeyring` and the token shortcut, which reads a key without AzureIdentity.
package enum KernelKeyringAccess {
    /// The user keyring, `KEY_SPEC_USER_KEYRING`.
    static let userKeyring = -4
    /// Possessor: everything; owner (same user id): view, read, search. (`KEY_POS_ALL | KEY_USR_VIEW |
    /// KEY_USR_READ | KEY_USR_SEARCH`.)
    static let permissions: UInt32 = 0x3f0b_0000
    /// "No such key", "key has expired", "key has been revoked": the key is absent, the keyring works.
    #if os(Linux)
    static let absent: Set<Int32> = [ENOKEY, EKEYEXPIRED, EKEYREVOKED]
    #else
    static let absent: Set<Int32> = []
    #endif

    /// The key store's identity (`TokenCacheKeyStore.identity` of AzureIdentity's `KernelKeyring`).
    package static let identity = "kernel-user-keyring"

    /// How a token shortcut replay asks the keyring for a key (``TokenShortcut/Keys``).
    package static func keys(_ store: String, _ name: String) -> Result<[UInt8]?, any Error>? {
        guard store == identity else { return nil }
        return Result { () throws(CacheProblem) in try key(named: name) }.mapError { $0 }
    }

    /// The description of key `name` in the keyring.
    package static func description(_ name: String) -> String { "authprofile:token-cache:\(name)" }

    /// The key called `name`, or `nil` when there is none (or it is not this package's: another length).
    /// - Throws: the failed call, as a clause: "keyctl search failed: Operation not permitted (errno 1)".
    package static func key(named name: String) throws(CacheProblem) -> [UInt8]? {
        let serial = ckr_search_user_key(userKeyring, description(name))
        if serial < 0 {
            let code = errno
            if absent.contains(code) { return nil }
            throw failure("keyctl search", code)
        }
        var buffer = [UInt8](repeating: 0, count: 64)
        let length = buffer.withUnsafeMutableBytes { ckr_read_key(serial, $0.baseAddress, UInt($0.count)) }
        guard length >= 0 else { throw failure("keyctl read", errno) }
        guard length == SealedFile.keyLength else { return nil }
        return Array(buffer.prefix(SealedFile.keyLength))
    }

    /// Stores `key` as `name`, replacing any key of that name.
    package static func store(_ key: [UInt8], named name: String) throws(CacheProblem) {
        let serial = key.withUnsafeBytes {
            ckr_add_user_key(description(name), $0.baseAddress, UInt($0.count), userKeyring)
        }
        guard serial >= 0 else { throw failure("add_key", errno) }
        // Lets the user's other processes read it even where they do not possess the user keyring; where this is
        // refused, the key is still usable if this process can read it back.
        if ckr_set_permissions(serial, permissions) != 0 {
            let code = errno
            guard try self.key(named: name) == key else { throw failure("keyctl setperm", code) }
        }
    }

    /// Removes the key called `name`, if there is one.
    package static func removeKey(named name: String) throws(CacheProblem) {
        let serial = ckr_search_user_key(userKeyring, description(name))
        if serial < 0 {
            let code = errno
            if absent.contains(code) { return }
            throw failure("keyctl search", code)
        }
        guard ckr_invalidate_key(serial) == 0 else { throw failure("keyctl invalidate", errno) }
    }

    /// Whether the keyring answers here: a search for a key that does not exist says "no such key" rather than
    /// "not permitted" or "not implemented".
    package static var isUsable: Bool {
        ckr_search_user_key(userKeyring, description("probe-\(getpid())")) >= 0 || absent.contains(errno)
    }

    static func failure(_ call: String, _ code: Int32) -> CacheProblem {
        let message = strerror(code).map { String(cString: $0) } ?? "error"
        return CacheProblem(reason: "\(call) failed: \(message) (errno \(code))")
    }
}
