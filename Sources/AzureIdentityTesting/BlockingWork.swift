// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation

/// Runs blocking work (waiting for a child process, reading a pipe to its end) on a thread of its own, so it never
/// occupies one of Swift concurrency's few cooperative threads.
///
/// A test that waits synchronously holds a cooperative thread for as long as it waits; on a 2-core machine there
/// are two, so two such waits in a parallel test run stall every other test — and their time bounds then fire.
public enum BlockingWork {
    /// The result of `body`, run on a new thread; the caller is suspended, not blocked, meanwhile. `body` may throw
    /// (its error is rethrown) or not (then neither does this).
    public static func run<T: Sendable, Failure: Error>(
        _ body: @escaping @Sendable () throws(Failure) -> T
    ) async throws(Failure) -> T {
        let result: Result<T, Failure> = await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: Result { () throws(Failure) -> T in try body() })
            }
            thread.start()
        }
        return try result.get()
    }
}
