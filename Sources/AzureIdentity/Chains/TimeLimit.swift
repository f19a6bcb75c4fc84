// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// Runs an operation until it finishes or a moment passes, whichever comes first.
package enum TimeLimit {
    /// The operation's result, or `nil` when `deadline` passed first on `timeSource` (the operation is then
    /// cancelled). The deadline is read on the injected clock, so a test clock decides when it fires.
    package static func run<Value: Sendable>(
        until deadline: ContinuousClock.Instant, on timeSource: any TimeSource,
        _ operation: @escaping @Sendable () async throws -> Value
    ) async throws -> Value? {
        try await withThrowingTaskGroup(of: Value?.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await timeSource.sleep(until: deadline)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { return nil }
            return first
        }
    }
}
