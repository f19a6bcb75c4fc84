// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

public import Foundation
import Synchronization

/// An in-memory token cache with single-flight fetches and refresh-ahead.
///
/// - A cached token is served until its refresh time: `refreshOn` when the server sent `refresh_in`,
///   otherwise 5 minutes before expiry (half the lifetime for tokens shorter than 10 minutes).
/// - Between the refresh time and `expiresOn - expiryMargin` the cached token is still served while exactly one
///   background refresh runs; if it fails, the still-valid token keeps being served and the refresh is retried
///   after ``backgroundRetryInterval``.
/// - Without a usable token, concurrent callers for the same key share one fetch (single flight). A caller that
///   is cancelled stops waiting at once; the fetch is cancelled when every waiter has gone.
///
/// A cache hit takes one uncontended lock and no task switch.
///
/// With a ``PersistentTokenCache`` behind it, a miss asks the disk first (and the disk's cross-process single
/// flight decides who fetches); a token found there inside its refresh window is served and refreshed in the
/// background as above; every token fetched is written to disk.
public final class TokenCache: Sendable {
    /// Tokens closer than this to expiry are never served.
    public let expiryMargin: TimeInterval
    /// The minimum pause between failed background refreshes.
    public let backgroundRetryInterval: TimeInterval
    /// The cache on disk behind this one, if the credential's options asked for one.
    public let persistent: PersistentTokenCache?
    private let timeSource: any TimeSource
    private let state = Mutex(State())

    /// Creates a cache reading time from `timeSource`, backed by `persistent` when given.
    public init(
        timeSource: any TimeSource = SystemTimeSource(),
        expiryMargin: TimeInterval = 30,
        backgroundRetryInterval: TimeInterval = 5,
        persistent: PersistentTokenCache? = nil
    ) {
        self.timeSource = timeSource
        self.expiryMargin = expiryMargin
        self.backgroundRetryInterval = backgroundRetryInterval
        self.persistent = persistent
    }

    /// When a token stored at `now` is refreshed: its `refreshOn` when the server sent one, else 5 minutes before
    /// expiry, or half way for a token that lives 10 minutes or less.
    static func refreshTime(for token: AccessToken, now: Date) -> Date {
        if let refreshOn = token.refreshOn { return refreshOn }
        let lifetime = token.expiresOn.timeIntervalSince(now)
        return lifetime > 600 ? token.expiresOn.addingTimeInterval(-300) : now.addingTimeInterval(lifetime / 2)
    }

    /// Returns a cached token or fetches one.
    /// - Parameters:
    ///   - key: What the token is for.
    ///   - bypassCache: Fetch even if a token is cached (claims challenges); the result replaces the entry.
    ///   - fetch: Gets a new token from the network.
    nonisolated(nonsending) public func token(
        for key: TokenCacheKey,
        bypassCache: Bool = false,
        fetch: @escaping @Sendable () async throws -> AccessToken
    ) async throws -> AccessToken {
        if bypassCache {
            let token = try await fetch()
            state.withLock { $0.store(token, for: key, now: timeSource.now()) }
            await persistent?.store(token, for: key)
            TokenCacheTrace.record(.network)
            return token
        }
        let now = timeSource.now()
        // Fast path: a fresh hit takes one lock and returns without suspending.
        let hit: AccessToken? = state.withLock { state in
            guard let entry = state.entries[key], now < entry.refreshAt,
                now < entry.token.expiresOn.addingTimeInterval(-expiryMargin)
            else { return nil }
            return entry.token
        }
        if let hit {
            TokenCacheTrace.record(.memory)
            return hit
        }

        let waiterID = state.withLock { $0.makeID() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<AccessToken, any Error>) in
                let action: SlowPath = state.withLock { state in
                    // Checked under the lock so a concurrent cancellation handler always sees the registration.
                    if Task.isCancelled { return .resume(.failure(CancellationError()), launch: nil) }
                    if let entry = state.entries[key], now < entry.token.expiresOn.addingTimeInterval(-expiryMargin) {
                        // Inside the refresh window: serve the valid token, refresh once in the background.
                        var background: UInt64?
                        if state.flights[key] == nil, now >= entry.nextBackgroundAttempt {
                            background = state.makeID()
                            state.flights[key] = Flight(id: background!, isBackground: true)
                        }
                        return .resume(.success(entry.token), launch: background)
                    }
                    if state.flights[key] != nil {
                        state.flights[key]?.waiters[waiterID] = continuation
                        return .wait
                    }
                    let id = state.makeID()
                    state.flights[key] = Flight(id: id, isBackground: false, waiters: [waiterID: continuation])
                    return .launch(id)
                }
                switch action {
                case .resume(let result, let background):
                    if let background { launch(key: key, id: background, isBackground: true, fetch: fetch) }
                    if case .success = result { TokenCacheTrace.record(.memory) }
                    continuation.resume(with: result)
                case .wait:
                    break
                case .launch(let id):
                    launch(key: key, id: id, isBackground: false, fetch: fetch)
                }
            }
        } onCancel: {
            cancelWaiter(waiterID, key: key)
        }
    }

    /// Drops every cached token.
    public func removeAll() {
        state.withLock { $0.entries.removeAll() }
    }

    /// The number of cached tokens.
    public var count: Int { state.withLock { $0.entries.count } }

    private func launch(
        key: TokenCacheKey,
        id: UInt64,
        isBackground: Bool,
        fetch: @escaping @Sendable () async throws -> AccessToken
    ) {
        let persistent = self.persistent
        let task = Task {
            let result: Result<AccessToken, any Error>
            var fromDisk = false
            do {
                if let persistent {
                    // A foreground miss takes a disk token that is merely valid (refreshed below); a refresh
                    // wants a fresh one (another process's) or fetches.
                    let (token, source) = try await persistent.obtain(
                        key, acceptRefreshWindow: !isBackground, fetch: fetch
                    )
                    fromDisk = source == .disk
                    result = .success(token)
                } else {
                    result = .success(try await fetch())
                }
                // The task inherited the caller's trace; a refresh in the background is no caller's answer.
                if !isBackground { TokenCacheTrace.record(fromDisk ? .disk : .network) }
            } catch {
                result = .failure(error)
            }
            self.finish(key: key, id: id, result: result, fromDisk: fromDisk, fetch: fetch)
        }
        let stillWanted = state.withLock { state -> Bool in
            guard state.flights[key]?.id == id else { return false }
            state.flights[key]?.task = task
            return true
        }
        // Every waiter was cancelled before the task existed (or it already finished): nothing to keep running.
        if !stillWanted { task.cancel() }
    }

    private func finish(
        key: TokenCacheKey,
        id: UInt64,
        result: Result<AccessToken, any Error>,
        fromDisk: Bool = false,
        fetch: @escaping @Sendable () async throws -> AccessToken
    ) {
        let now = timeSource.now()
        let (waiters, background): ([CheckedContinuation<AccessToken, any Error>], UInt64?) = state.withLock {
            state in
            guard let flight = state.flights[key], flight.id == id else { return ([], nil) }
            state.flights[key] = nil
            var background: UInt64?
            switch result {
            case .success(let token):
                state.store(token, for: key, now: now)
                // A token from disk already inside its refresh window: refresh it once, as a memory hit would.
                if fromDisk, let entry = state.entries[key], now >= entry.refreshAt {
                    let refresh = state.makeID()
                    state.flights[key] = Flight(id: refresh, isBackground: true)
                    background = refresh
                }
            case .failure:
                state.entries[key]?.nextBackgroundAttempt = now.addingTimeInterval(backgroundRetryInterval)
            }
            return (Array(flight.waiters.values), background)
        }
        if let background { launch(key: key, id: background, isBackground: true, fetch: fetch) }
        for waiter in waiters {
            waiter.resume(with: result)
        }
    }

    private func cancelWaiter(_ waiterID: UInt64, key: TokenCacheKey) {
        let (continuation, task): (CheckedContinuation<AccessToken, any Error>?, Task<Void, Never>?) = state.withLock {
            state in
            guard var flight = state.flights[key], let continuation = flight.waiters.removeValue(forKey: waiterID)
            else { return (nil, nil) }
            var task: Task<Void, Never>?
            if flight.waiters.isEmpty && !flight.isBackground {
                task = flight.task
                state.flights[key] = nil
            } else {
                state.flights[key] = flight
            }
            return (continuation, task)
        }
        continuation?.resume(throwing: CancellationError())
        task?.cancel()
    }
}

extension TokenCache {
    fileprivate enum SlowPath {
        case resume(Result<AccessToken, any Error>, launch: UInt64?)
        case wait
        case launch(UInt64)
    }

    fileprivate struct Entry {
        var token: AccessToken
        var refreshAt: Date
        var nextBackgroundAttempt: Date
    }

    fileprivate struct Flight {
        var id: UInt64
        var isBackground: Bool
        var task: Task<Void, Never>?
        var waiters: [UInt64: CheckedContinuation<AccessToken, any Error>] = [:]
    }

    fileprivate struct State {
        var entries: [TokenCacheKey: Entry] = [:]
        var flights: [TokenCacheKey: Flight] = [:]
        var nextID: UInt64 = 0

        mutating func makeID() -> UInt64 {
            nextID &+= 1
            return nextID
        }

        mutating func store(_ token: AccessToken, for key: TokenCacheKey, now: Date) {
            entries[key] = Entry(
                token: token, refreshAt: TokenCache.refreshTime(for: token, now: now), nextBackgroundAttempt: now
            )
        }
    }
}
