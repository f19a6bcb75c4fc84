import Foundation

/// An in-memory token cache with single-flight fetches and refresh-ahead.
///
/// - A cached token is served until its refresh time: `refreshOn` when the server sent `refresh_in`,
///   otherwise 5 minutes before expiry (half the lifetime for tokens shorter than 10 minutes).
/// - Between the refresh time and `expiresOn - expiryMargin` the cached token is still served while exactly one
///   background refresh runs; if it fails, the still-valid token keeps being served and the refresh is retried
///   after ``backgroundRetryInterval``.
/// - Without a usable token, concurrent callers for the same key share one fetch (single flight). A caller that
///   is cancelled stops waiting at once; the fetch is cancelled when every waiter has gone.
public actor TokenCache {
    /// Tokens closer than this to expiry are never served.
    public let expiryMargin: TimeInterval
    /// The minimum pause between failed background refreshes.
    public let backgroundRetryInterval: TimeInterval
    private let timeSource: any TimeSource

    private struct Entry {
        var token: AccessToken
        var fetchedAt: Date
        var refreshAt: Date
        var nextBackgroundAttempt: Date
    }

    private struct Flight {
        var id: UInt64
        var task: Task<Void, Never>
        var waiters: [UInt64: CheckedContinuation<AccessToken, any Error>] = [:]
        var isBackground: Bool
    }

    private var entries: [TokenCacheKey: Entry] = [:]
    private var flights: [TokenCacheKey: Flight] = [:]
    private var nextID: UInt64 = 0

    /// Creates a cache reading time from `timeSource`.
    public init(timeSource: any TimeSource = SystemTimeSource(), expiryMargin: TimeInterval = 30, backgroundRetryInterval: TimeInterval = 5) {
        self.timeSource = timeSource
        self.expiryMargin = expiryMargin
        self.backgroundRetryInterval = backgroundRetryInterval
    }

    /// Returns a cached token or fetches one.
    /// - Parameters:
    ///   - key: What the token is for.
    ///   - bypassCache: Fetch even if a token is cached (claims challenges); the result replaces the entry.
    ///   - fetch: Gets a new token from the network.
    public func token(
        for key: TokenCacheKey,
        bypassCache: Bool = false,
        fetch: @escaping @Sendable () async throws -> AccessToken
    ) async throws -> AccessToken {
        let now = timeSource.now()
        if !bypassCache, let entry = entries[key], now < entry.token.expiresOn.addingTimeInterval(-expiryMargin) {
            if now >= entry.refreshAt, flights[key] == nil, now >= entry.nextBackgroundAttempt {
                startFlight(for: key, isBackground: true, fetch: fetch)
            }
            return entry.token
        }
        if bypassCache {
            let token = try await fetch()
            store(token, for: key)
            return token
        }
        if flights[key] == nil {
            startFlight(for: key, isBackground: false, fetch: fetch)
        }
        return try await wait(for: key)
    }

    /// Drops every cached token.
    public func removeAll() {
        entries.removeAll()
    }

    /// The number of cached tokens.
    public var count: Int { entries.count }

    private func makeID() -> UInt64 {
        nextID &+= 1
        return nextID
    }

    private func startFlight(for key: TokenCacheKey, isBackground: Bool, fetch: @escaping @Sendable () async throws -> AccessToken) {
        let id = makeID()
        let task = Task {
            let result: Result<AccessToken, any Error>
            do {
                result = .success(try await fetch())
            } catch {
                result = .failure(error)
            }
            self.finishFlight(for: key, id: id, result: result)
        }
        flights[key] = Flight(id: id, task: task, isBackground: isBackground)
    }

    private func finishFlight(for key: TokenCacheKey, id: UInt64, result: Result<AccessToken, any Error>) {
        guard let flight = flights[key], flight.id == id else { return }
        flights[key] = nil
        switch result {
        case .success(let token):
            store(token, for: key)
        case .failure:
            entries[key]?.nextBackgroundAttempt = timeSource.now().addingTimeInterval(backgroundRetryInterval)
        }
        for continuation in flight.waiters.values {
            continuation.resume(with: result)
        }
    }

    private func store(_ token: AccessToken, for key: TokenCacheKey) {
        let now = timeSource.now()
        let lifetime = token.expiresOn.timeIntervalSince(now)
        let defaultRefresh = lifetime > 600 ? token.expiresOn.addingTimeInterval(-300) : now.addingTimeInterval(lifetime / 2)
        entries[key] = Entry(token: token, fetchedAt: now, refreshAt: token.refreshOn ?? defaultRefresh, nextBackgroundAttempt: now)
    }

    private func wait(for key: TokenCacheKey) async throws -> AccessToken {
        let waiterID = makeID()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<AccessToken, any Error>) in
                if Task.isCancelled || flights[key] == nil {
                    continuation.resume(throwing: CancellationError())
                    return
                }
                flights[key]?.waiters[waiterID] = continuation
            }
        } onCancel: {
            Task { await self.cancelWaiter(waiterID, for: key) }
        }
    }

    private func cancelWaiter(_ waiterID: UInt64, for key: TokenCacheKey) {
        guard let continuation = flights[key]?.waiters.removeValue(forKey: waiterID) else { return }
        continuation.resume(throwing: CancellationError())
        if let flight = flights[key], flight.waiters.isEmpty, !flight.isBackground {
            flight.task.cancel()
            flights[key] = nil
        }
    }
}
