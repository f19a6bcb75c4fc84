// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

public import AzureIdentity
public import Foundation
import Synchronization

/// A clock that moves only when the test advances it: every sleep suspends until ``advance(by:)`` moves the clock
/// to its end (or the sleeping task is cancelled), so a test decides exactly which wait ends first.
///
/// Use it to show that a deadline fires on the injected clock and not in real time: start the operation, wait
/// until it and its time limit are both asleep (``waitForSleepers(_:)``), advance the clock past the limit, and
/// the limit fires while the operation (asleep until later on the same clock) is cancelled. Nothing waits in real
/// time. Its wall clock (``now()``) and monotonic reading (``instant()``) move together.
///
/// Compare ``SteppingTimeSource``, whose sleeps return at once and move the clock forward by themselves.
public final class SuspendingTimeSource: TimeSource {
    private struct Sleeper {
        let id: UInt64
        /// The clock's ``elapsed`` at which it wakes.
        let end: Duration
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var elapsed: Duration = .zero
        var sleepers: [Sleeper] = []
        var nextID: UInt64 = 0
    }

    private let state = Mutex(State())
    private let start: Date
    private let startInstant = ContinuousClock.now

    /// Creates a clock that starts at `now` and stands still until advanced.
    public init(now: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        self.start = now
    }

    /// The clock's current time.
    public func now() -> Date { start.addingTimeInterval(SteppingTimeSource.seconds(elapsed)) }

    /// The clock's monotonic reading: where it started plus ``elapsed``.
    public func instant() -> ContinuousClock.Instant { startInstant + elapsed }

    /// How far the clock has been advanced since it was made.
    public var elapsed: Duration { state.withLock { $0.elapsed } }

    /// How many tasks are asleep on the clock now.
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    /// Suspends until the clock has been advanced by `duration` from now.
    public func sleep(for duration: Duration) async throws {
        try await sleep(untilElapsed: elapsed + max(duration, .zero))
    }

    /// Suspends until the clock has been advanced to `deadline` (returns at once if it has been).
    public func sleep(until deadline: ContinuousClock.Instant) async throws {
        try await sleep(untilElapsed: startInstant.duration(to: deadline))
    }

    /// Moves the clock forward by `duration` and wakes, in order of their end, every sleeper whose end it reaches.
    public func advance(by duration: Duration) {
        let woken = state.withLock { state in
            state.elapsed += max(duration, .zero)
            let now = state.elapsed
            let due = state.sleepers.filter { $0.end <= now }.sorted { $0.end < $1.end }
            state.sleepers.removeAll { $0.end <= now }
            return due
        }
        for sleeper in woken { sleeper.continuation.resume() }
    }

    /// Moves the clock to the end of the earliest sleeper and wakes it (with any other sleeper due then). Returns
    /// `false`, leaving the clock where it is, when no task is asleep on it.
    @discardableResult
    public func advanceToNextSleeper() -> Bool {
        guard let next = state.withLock({ state in state.sleepers.map(\.end).min().map { $0 - state.elapsed } })
        else { return false }
        advance(by: next)
        return true
    }

    /// Runs `operation` on virtual time: whenever a task is asleep on the clock, the clock jumps to the earliest
    /// sleeper's end. Time passes only while something waits on it, and no real time is spent waiting.
    ///
    /// Right for code in which, at any moment, at most one wait on this clock is pending (a link and its time limit
    /// against a transport that never answers, a poll loop): with two pending waits, the earlier one is woken as
    /// soon as it is registered, perhaps before the later one is. For a race between two waits on the clock, drive
    /// it by hand (``waitForSleepers(_:)``, ``advance(by:)``).
    public func run<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        let work = Task { try await operation() }
        let driver = Task {
            while !Task.isCancelled {
                await waitForSleepers(1)
                if Task.isCancelled { break }
                advanceToNextSleeper()
            }
        }
        defer { driver.cancel() }
        return try await withTaskCancellationHandler {
            try await work.value
        } onCancel: {
            work.cancel()
        }
    }

    /// Suspends (polling in real time, a millisecond at a time) until at least `count` tasks are asleep on the
    /// clock: the point at which a test advances it. Put a `.timeLimit` on the test, as this waits for as long as
    /// it takes.
    public func waitForSleepers(_ count: Int) async {
        while sleeperCount < count, !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(1))
        }
    }

    private func sleep(untilElapsed end: Duration) async throws {
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                // Cancellation sets the flag before running the handler below: either the flag is seen here, or
                // the handler finds the sleeper registered here.
                let immediate: Result<Void, any Error>? = state.withLock { state in
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if end <= state.elapsed { return .success(()) }
                    state.sleepers.append(Sleeper(id: id, end: end, continuation: continuation))
                    return nil
                }
                if let immediate { continuation.resume(with: immediate) }
            }
        } onCancel: {
            let cancelled = state.withLock { state -> Sleeper? in
                guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                return state.sleepers.remove(at: index)
            }
            cancelled?.continuation.resume(throwing: CancellationError())
        }
    }
}
