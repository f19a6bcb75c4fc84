// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

public import AzureIdentity
public import Foundation
import Synchronization

/// A clock for tests of time limits: `sleep` returns at once and moves the clock forward by the time slept, so a
/// test can follow minutes of retries, back-off and timeouts in milliseconds and then read how much time passed.
///
/// Its wall clock (``now()``) and its monotonic reading (``instant()``) move together, by exactly the time slept.
/// Every sleep returns at once, so two sleeps that race (an operation and its time limit) finish in no set order:
/// for a test of which of two waits ends first, use ``SuspendingTimeSource``.
public final class SteppingTimeSource: TimeSource {
    private let state: Mutex<(elapsed: Duration, sleeps: [Duration])>
    private let start: Date
    private let startInstant = ContinuousClock.now

    /// Creates a clock that starts at `now`.
    public init(now: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        self.start = now
        self.state = Mutex((.zero, []))
    }

    /// The clock's current time.
    public func now() -> Date { start.addingTimeInterval(Self.seconds(elapsed)) }

    /// The clock's monotonic reading: where it started plus ``elapsed``.
    public func instant() -> ContinuousClock.Instant { startInstant + elapsed }

    /// Records the sleep and moves the clock forward by it; throws `CancellationError` when cancelled.
    public func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        state.withLock { state in
            state.sleeps.append(duration)
            state.elapsed += max(duration, .zero)
        }
        await Task.yield()
    }

    /// Sleeps (as ``sleep(for:)``) for the time left until `deadline`, none if it has passed.
    public func sleep(until deadline: ContinuousClock.Instant) async throws {
        try await sleep(for: max(instant().duration(to: deadline), .zero))
    }

    /// Every sleep requested so far, in order.
    public var sleeps: [Duration] { state.withLock { $0.sleeps } }

    /// How far the clock has moved since it was made.
    public var elapsed: Duration { state.withLock { $0.elapsed } }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}

/// A transport whose endpoint accepts every request and never answers: each send waits out the request's timeout
/// on the given clock and then fails the way `AsyncHTTPClientTransport` does (`TransportError/Code/timedOut`).
///
/// With a ``SteppingTimeSource`` this shows, without waiting, how long a caller is held by an endpoint that never
/// answers.
public struct NeverAnsweringTransport: HTTPTransport {
    private let timeSource: any TimeSource
    private let count = Counter()

    private final class Counter: Sendable {
        let value = Mutex(0)
    }

    /// Creates the transport on `timeSource`.
    public init(timeSource: any TimeSource) {
        self.timeSource = timeSource
    }

    /// How many requests were sent.
    public var requestCount: Int { count.value.withLock { $0 } }

    /// Waits the request's timeout on the clock, then throws `TransportError/Code/timedOut`.
    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        count.value.withLock { $0 += 1 }
        try await timeSource.sleep(for: request.timeout)
        throw TransportError(code: .timedOut, message: "no answer within the request timeout of \(request.timeout)")
    }
}
