// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// Why an explicit operation on a persistent token cache (clearing it) failed. Token requests never fail because
/// of the persistent cache: they fall back to memory with a warning.
public struct TokenCacheError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An extensible error code.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The cache is off here (see ``TokenCacheProtection``), or its directory or lock cannot be used.
        public static let unavailable = Code("unavailable")
        /// The cache file cannot be read (corrupt, foreign, of another version, or its key is gone), so nothing
        /// could be taken out of it; clearing the whole cache removes it.
        public static let unreadable = Code("unreadable")
        /// The cache file could not be written or removed.
        public static let writeFailed = Code("writeFailed")

        /// The code's name.
        public var description: String { name }
    }

    /// The code.
    public var code: Code
    /// What happened, naming paths and system errors, never cache contents.
    public var reason: String

    /// Creates an error.
    public init(code: Code, reason: String) {
        self.code = code
        self.reason = reason
    }

    /// `TokenCacheError.<code>: <reason>`.
    public var description: String { "TokenCacheError.\(code): \(reason)" }
}
