// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Synchronization

/// Where the token caches answered a call from, for traces (`explain --live` says "cache hit (disk)").
///
/// Bind one with `TokenCacheTrace.$current.withValue(trace) { … }` around a `getToken` call; every ``TokenCache``
/// the call goes through records where its answer came from. Nothing is recorded outside such a binding, and
/// background refreshes record nothing.
public final class TokenCacheTrace: Sendable {
    /// Where a token came from.
    public enum Source: String, Sendable, Hashable, Codable {
        /// The credential's memory cache.
        case memory
        /// The persistent (on-disk) cache.
        case disk
        /// A request (or a tool, or a fetch another caller shared).
        case network
    }

    /// The trace of the current task, if one is bound.
    @TaskLocal public static var current: TokenCacheTrace?

    private let recorded = Mutex<[Source]>([])

    /// An empty trace.
    public init() {}

    /// Every answer recorded, in order.
    public var sources: [Source] { recorded.withLock { $0 } }

    /// The last answer recorded: the one the call returned.
    public var last: Source? { recorded.withLock { $0.last } }

    static func record(_ source: Source) {
        current?.recorded.withLock { $0.append(source) }
    }
}
