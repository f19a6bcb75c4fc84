// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

public import Foundation

/// The one clock credentials, the token cache, retries, chains and the dry run read, injectable so tests control
/// time.
///
/// It has two readings:
/// - ``now()``, the wall clock: token expiry and refresh-ahead, assertion `iat`/`exp`, certificate validity,
///   `Retry-After` dates and the dry run's "now".
/// - ``instant()``, a monotonic reading as a `ContinuousClock.Instant`: deadlines (a chain's `deadline`, a link's
///   `timeout`, the default bounds) and latencies. Deadlines are instants so a change of the wall clock (NTP, a
///   person setting the date) never fires or extends one.
///
/// and two waits: ``sleep(for:)`` (retry back-off, polling) and ``sleep(until:)`` (a deadline).
///
/// ``SystemTimeSource`` reads `Date()` and `ContinuousClock`. A test clock (`SteppingTimeSource`,
/// `ManualTimeSource` in AzureIdentityTesting) implements all four so that deadlines, expiry and back-off all
/// follow it and nothing waits in real time. A conformer that implements only ``now()`` and ``sleep(for:)`` gets
/// ``instant()`` and ``sleep(until:)`` derived from them (see the default implementations), so its deadlines move
/// with its wall clock.
///
/// The transport's own I/O timeouts (``AsyncHTTPClientTransport``) stay on real time: they bound real sockets.
public protocol TimeSource: Sendable {
    /// The current wall-clock time.
    func now() -> Date
    /// Suspends for `duration` (retry back-off). Throws `CancellationError` when the task is cancelled.
    func sleep(for duration: Duration) async throws
    /// The current monotonic reading, which deadlines and latencies are measured on.
    func instant() -> ContinuousClock.Instant
    /// Suspends until ``instant()`` reaches `deadline` (at once if it has). Throws `CancellationError` when the task
    /// is cancelled.
    func sleep(until deadline: ContinuousClock.Instant) async throws
}

/// The fixed pair that the default ``TimeSource/instant()`` measures from: a monotonic instant and the wall-clock
/// date taken with it when the process first asked.
private let instantAnchor = (instant: ContinuousClock.now, date: Date())

extension TimeSource {
    /// Derived from ``now()``: a fixed monotonic anchor moved by how far ``now()`` is from the anchor's date, so a
    /// clock that only implements the wall clock keeps its deadlines on that same clock. The conversion is checked
    /// (a date more than about 136 years away saturates instead of trapping).
    public func instant() -> ContinuousClock.Instant {
        let offset = now().timeIntervalSince(instantAnchor.date)
        return offset >= 0
            ? instantAnchor.instant + .saturating(seconds: offset)
            : instantAnchor.instant - .saturating(seconds: -offset)
    }

    /// Derived from ``sleep(for:)``: sleeps for the time left until `deadline` on ``instant()``.
    public func sleep(until deadline: ContinuousClock.Instant) async throws {
        let left = instant().duration(to: deadline)
        if left > .zero {
            try await sleep(for: left)
        } else {
            try Task.checkCancellation()
        }
    }
}

/// The system clock.
public struct SystemTimeSource: TimeSource {
    /// Creates the system clock.
    public init() {}

    /// `Date()`.
    public func now() -> Date { Date() }

    /// `Task.sleep(for:)`.
    public func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }

    /// `ContinuousClock.now`.
    public func instant() -> ContinuousClock.Instant { ContinuousClock.now }

    /// `Task.sleep(until:clock: .continuous)`.
    public func sleep(until deadline: ContinuousClock.Instant) async throws {
        try await Task.sleep(until: deadline, clock: .continuous)
    }
}
