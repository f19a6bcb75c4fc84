// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// The one bound tests put on real time, and only to catch a hang.
///
/// A test of time logic reads an injected clock (``SuspendingTimeSource``, ``SteppingTimeSource``) and waits for
/// nothing. A test that must use real time (a real socket's deadline, a real child process killed on timeout, a
/// file that must not block) asserts only that it ended within ``limit``: on a loaded 2-core machine running the
/// suite in parallel, a step that takes milliseconds alone was seen to take 25 s, so any tighter bound fails for
/// the wrong reason. Speed goals belong in `Benchmarks/`.
public enum HangGuard {
    /// 60 seconds: far beyond anything a healthy test waits for under load, far below "forever".
    public static let limit: Duration = .seconds(60)

    /// Polls `condition` every 10 ms of real time until it holds or ``limit`` has passed; returns whether it held.
    /// For effects a test cannot await (a background refresh, a process group going away).
    public static func eventually(_ condition: () async throws -> Bool) async throws -> Bool {
        let end = ContinuousClock.now + limit
        while ContinuousClock.now < end {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(10))
        }
        return try await condition()
    }
}
