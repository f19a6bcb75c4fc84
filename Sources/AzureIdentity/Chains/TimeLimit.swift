/// Runs an operation until it finishes or a moment passes, whichever comes first.
package enum TimeLimit {
    /// The operation's result, or `nil` when `deadline` passed first (the operation is then cancelled).
    package static func run<Value: Sendable>(
        until deadline: ContinuousClock.Instant, clock: ContinuousClock,
        _ operation: @escaping @Sendable () async throws -> Value
    ) async throws -> Value? {
        try await withThrowingTaskGroup(of: Value?.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await clock.sleep(until: deadline)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { return nil }
            return first
        }
    }
}
