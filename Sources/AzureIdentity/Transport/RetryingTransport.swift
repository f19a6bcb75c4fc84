// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
package import Logging

/// Wraps a transport and retries throttled, failed and unreachable requests per a ``RetryPolicy``.
///
/// Every request is bounded twice: each attempt by the request's own timeout, and all attempts together by the
/// policy's ``RetryPolicy/totalTimeout`` (each attempt's timeout is cut to the time left; a wait that would end
/// after it is not taken). A timeout error says which of the two fired. Waiting and the total timeout go through
/// the injected ``TimeSource`` so tests can make back-off instant.
package struct RetryingTransport: HTTPTransport {
    /// The transport doing the I/O.
    package let base: any HTTPTransport
    /// When to retry.
    package let policy: RetryPolicy
    /// Supplies `now` and `sleep`.
    package let timeSource: any TimeSource
    /// Receives one debug line per retry (no bodies, no secrets).
    package let logger: Logger

    /// Creates a retrying transport.
    package init(
        base: any HTTPTransport,
        policy: RetryPolicy = .default,
        timeSource: any TimeSource = SystemTimeSource(),
        logger: Logger = Logger(label: "AzureIdentity", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.base = base
        self.policy = policy
        self.timeSource = timeSource
        self.logger = logger
    }

    /// Sends the request, retrying as the policy allows. Returns the last response or throws the last error.
    package func send(_ request: TransportRequest) async throws -> TransportResponse {
        let started = timeSource.now()
        func elapsed() -> Duration { .saturating(seconds: timeSource.now().timeIntervalSince(started)) }
        /// Whether waiting `delay` still leaves time for another attempt within the total timeout.
        func fits(_ delay: Duration) -> Bool {
            policy.totalTimeout.map { elapsed() + delay < $0 } ?? true
        }
        var attempt = 0
        while true {
            try Task.checkCancellation()
            var outgoing = request
            var cutByTotal = false
            if let total = policy.totalTimeout {
                let left = max(total - elapsed(), .zero)
                if left < request.timeout {
                    outgoing.timeout = left
                    cutByTotal = true
                }
            }
            let delay: Duration
            do {
                let response = try await base.send(outgoing)
                guard attempt < policy.maxRetries, policy.shouldRetry(status: response.status) else { return response }
                guard let next = policy.delay(after: response, attempt: attempt, now: timeSource.now()) else {
                    log("Not retrying: the server asks for a longer wait than maxRetryAfter", response, attempt)
                    return response
                }
                guard fits(next.delay) else {
                    log("Not retrying: the wait would pass the total timeout", response, attempt)
                    return response
                }
                delay = next.delay
                log("Retrying", response, attempt, delay: delay)
            } catch let error as TransportError where error.isRetryable {
                let attempts = attempt + 1
                if cutByTotal, error.code == .timedOut {
                    throw totalTimeoutError(attempts: attempts)
                }
                guard attempt < policy.maxRetries else { throw error.after(attempts: attempts) }
                delay = policy.backoff(attempt: attempt, status: nil)
                guard fits(delay) else { throw error.after(attempts: attempts) }
                logger.debug(
                    "Retrying after a transport error",
                    metadata: ["error": "\(error.code)", "attempt": "\(attempts)", "delay": "\(delay)"]
                )
            }
            try await timeSource.sleep(for: delay)
            attempt += 1
        }
    }

    private func totalTimeoutError(attempts: Int) -> TransportError {
        let total = policy.totalTimeout.map(\.shortDescription) ?? "?"
        return TransportError(
            code: .timedOut,
            message: "no answer within the total timeout of \(total) for all attempts (RetryPolicy.totalTimeout; "
                + "\(attempts) attempt\(attempts == 1 ? "" : "s"))"
        )
    }

    private func log(_ text: String, _ response: TransportResponse, _ attempt: Int, delay: Duration? = nil) {
        var metadata: Logger.Metadata = ["status": "\(response.status)", "attempt": "\(attempt + 1)"]
        if let delay { metadata["delay"] = "\(delay)" }
        logger.debug("\(text)", metadata: metadata)
    }
}
