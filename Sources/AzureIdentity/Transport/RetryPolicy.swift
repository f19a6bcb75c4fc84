import Foundation

/// When and how long to wait before retrying a token request.
///
/// Retries 408, 429 and 5xx (except 501 and 505) responses and retryable ``TransportError``s, with
/// exponential back-off (`baseDelay * 2^attempt`, capped at `maxDelay`) and jitter into `[d/2, d]`.
/// `Retry-After` (seconds or HTTP date), `retry-after-ms` and `x-ms-retry-after-ms` take precedence.
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

    /// Creates a policy.
    public init(
        maxRetries: Int = 3,
        baseDelay: Duration = .milliseconds(800),
        maxDelay: Duration = .seconds(60),
        maxRetryAfter: Duration = .seconds(60),
        jitter: Bool = true
    ) {
        self.maxRetries = maxRetries
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
        self.jitter = jitter
    }

    /// Azure Identity's defaults: 3 retries, 800 ms base, 60 s cap.
    public static let `default` = RetryPolicy()
    /// Never retry.
    public static let none = RetryPolicy(maxRetries: 0)

    /// Whether a response status is worth retrying.
    public func shouldRetry(status: Int) -> Bool {
        status == 408 || status == 429 || (status >= 500 && status != 501 && status != 505)
    }

    /// The back-off before retry number `attempt` (0-based), without server hints.
    public func backoff(attempt: Int) -> Duration {
        let factor = Double(1 << min(max(attempt, 0), 30))
        let raw = min(baseDelay.seconds * factor, maxDelay.seconds)
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
}
