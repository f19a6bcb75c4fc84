import Foundation

/// The clock credentials and the token cache read, injectable so tests control time.
public protocol TimeSource: Sendable {
    /// The current wall-clock time.
    func now() -> Date
    /// Suspends for `duration` (retry back-off). Throws `CancellationError` when the task is cancelled.
    func sleep(for duration: Duration) async throws
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
}
