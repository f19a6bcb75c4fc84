// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

public import Foundation

/// When and how long to wait before retrying an HTTP request, and how long all attempts together may take.
///
/// Retries 408, 429 and 5xx (except 501 and 505) responses and retryable ``TransportError``s. The first retry is
/// prompt (``promptFirstRetry``, as MSAL does: one transient failure costs one round trip, not a back-off); later
/// ones back off exponentially (`baseDelay * 2^(retry - 1)`, capped at `maxDelay`) with jitter into `[d/2, d]`. A
/// server's
/// `retry-after-ms`, `x-ms-retry-after-ms` or `Retry-After` takes precedence over the back-off up to
/// ``maxRetryAfter``; a longer request gives up at once with the server's answer.
///
/// ``totalTimeout`` bounds one request with all its retries: each attempt's timeout is cut to the time left, and a
/// wait that would end after it is not taken. Each attempt is also bounded by its own timeout
/// (``CredentialOptions/requestTimeout``).
///
/// One policy drives every retry in this module: the token endpoint (``CredentialOptions/retryPolicy``) and
/// managed identity, which takes its cap and total timeout from the same ``CredentialOptions/retryPolicy`` and its
/// counts and delays from ``ManagedIdentityOptions``.
public struct RetryPolicy: Sendable, Hashable {
    /// How many retries after the first attempt.
    public var maxRetries: Int
    /// The delay before the first retry.
    public var baseDelay: Duration
    /// The largest computed delay.
    public var maxDelay: Duration
    /// The largest `Retry-After` honoured; longer values give up instead of waiting.
    public var maxRetryAfter: Duration
    /// Whether to randomise delays into `[d/2, d]`.
    public var jitter: Bool
    /// How long one request may take with all its attempts and the waits between them; `nil` leaves only each
    /// attempt's own timeout. Defaults to ``defaultTotalTimeout``.
    public var totalTimeout: Duration?
    /// Whether the first retry goes out at once instead of after ``baseDelay``: a server's `Retry-After` still
    /// applies to it. Managed identity turns it off (IMDS asks clients to back off from the first retry).
    public var promptFirstRetry: Bool = true
    /// Statuses retried besides 408, 429 and 5xx (managed identity adds 404 and 410).
    var additionalRetryableStatuses: Set<Int> = []
    /// A longer first delay after these statuses (managed identity waits longer after IMDS's 410).
    var firstDelayAfterStatus: [Int: Duration] = [:]

    /// The default ``totalTimeout``: 20 seconds, so a request to an endpoint that accepts connections and never
    /// answers fails in seconds rather than after every attempt's full timeout and back-off.
    public static let defaultTotalTimeout: Duration = .seconds(20)

    /// Creates a policy.
    public init(
        maxRetries: Int = 3,
        baseDelay: Duration = .milliseconds(800),
        maxDelay: Duration = .seconds(60),
        maxRetryAfter: Duration = .seconds(60),
        jitter: Bool = true,
        totalTimeout: Duration? = RetryPolicy.defaultTotalTimeout
    ) {
        self.maxRetries = maxRetries
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
        self.jitter = jitter
        self.totalTimeout = totalTimeout
    }

    /// Azure Identity's defaults (3 retries, 800 ms base, 60 s cap), a prompt first retry as MSAL's, and a 20 s total
    /// timeout.
    public static let `default` = RetryPolicy()
    /// Never retry.
    public static let none = RetryPolicy(maxRetries: 0)

    /// Whether a response status is worth retrying.
    public func shouldRetry(status: Int) -> Bool {
        status == 408 || status == 429 || (status >= 500 && status != 501 && status != 505)
            || additionalRetryableStatuses.contains(status)
    }

    /// The back-off before retry number `attempt` (0-based), without server hints: zero for the first retry when
    /// ``promptFirstRetry`` is on.
    public func backoff(attempt: Int) -> Duration {
        backoff(attempt: attempt, status: nil)
    }

    /// The back-off before retry `attempt` (0-based) after `status` (`nil`: a network error).
    func backoff(attempt: Int, status: Int?) -> Duration {
        let first = status.flatMap { firstDelayAfterStatus[$0] }.map { max($0, baseDelay) } ?? baseDelay
        let exponent: Int
        if promptFirstRetry {
            if attempt <= 0 { return .zero }
            exponent = attempt - 1
        } else {
            exponent = attempt
        }
        let factor = Double(1 << min(max(exponent, 0), 30))
        let raw = min(first.seconds * factor, maxDelay.seconds)
        let chosen = jitter && raw > 0 ? Double.random(in: (raw / 2)...raw) : raw
        return .saturating(seconds: chosen)
    }

    /// The server-requested delay from `retry-after-ms`, `x-ms-retry-after-ms` or `Retry-After`, if any.
    ///
    /// Values are checked: only plain non-negative numbers and HTTP dates count; garbage such as `1e20`, `inf` or
    /// `nan` is ignored (as if absent), and the result is never negative and never longer than a day.
    public func serverDelay(in response: TransportResponse, now: Date) -> Duration? {
        RetryAfter.delay(in: response, now: now)
    }

    /// What to do after a retryable answer: wait this long, or give up (`nil`) because the server asks for more
    /// than ``maxRetryAfter``. Whether retries are left, and whether the wait fits ``totalTimeout``, is the
    /// caller's business (``RetryingTransport``).
    func delay(after response: TransportResponse, attempt: Int, now: Date) -> (delay: Duration, hinted: Bool)? {
        guard let hinted = serverDelay(in: response, now: now) else {
            return (backoff(attempt: attempt, status: response.status), false)
        }
        return hinted <= maxRetryAfter ? (hinted, true) : nil
    }
}
