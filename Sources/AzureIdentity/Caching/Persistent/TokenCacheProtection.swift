// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// How a persistent token cache protects what it stores, or why it is off: what `explain` reports.
public struct TokenCacheProtection: Sendable, Hashable, CustomStringConvertible {
    /// The kind of protection; stable, for code to switch on.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The file is encrypted with AES-256-GCM under a key held in a key store (``TokenCacheKeyStore``).
        public static let encrypted = Kind("encrypted")
        /// The file is plaintext (mode 0600), allowed by ``TokenCachePersistenceOptions/allowUnencryptedStorage``.
        public static let unencrypted = Kind("unencrypted")
        /// The persistent cache is off: tokens are kept in memory only. ``TokenCacheProtection/detail`` says why.
        public static let off = Kind("off")

        /// The kind's name: `encrypted`, `unencrypted` or `off`.
        public var description: String { name }
    }

    /// The kind of protection.
    public var kind: Kind
    /// In words: "AES-256-GCM, key in the kernel user keyring", "unencrypted (mode 0600): the kernel user keyring
    /// cannot be used (…)", or why the cache is off.
    public var detail: String
    /// The cache file, when one can be named.
    public var path: String?

    /// Creates a value.
    public init(kind: Kind, detail: String, path: String? = nil) {
        self.kind = kind
        self.detail = detail
        self.path = path
    }

    /// Whether tokens are persisted at all.
    public var isPersistent: Bool { kind != .off }

    /// `encrypted (AES-256-GCM, …)`, `unencrypted (…)` or `off: why`.
    public var description: String {
        kind == .off ? "off: \(detail)" : "\(kind) (\(detail))"
    }
}
