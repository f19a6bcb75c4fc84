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
        let factor = Double(1 << min(attempt, 30))
        let raw = min(seconds(baseDelay) * factor, seconds(maxDelay))
        let chosen = jitter ? Double.random(in: (raw / 2)...raw) : raw
        return .milliseconds(Int64((chosen * 1000).rounded()))
    }

    /// The server-requested delay from `retry-after-ms`, `x-ms-retry-after-ms` or `Retry-After`, if any.
    public func serverDelay(in response: TransportResponse, now: Date) -> Duration? {
        for name in ["retry-after-ms", "x-ms-retry-after-ms"] {
            if let value = response.header(name), let ms = Double(value.trimmingCharacters(in: .whitespaces)) {
                return .milliseconds(Int64(max(0, ms)))
            }
        }
        guard let value = response.header("retry-after")?.trimmingCharacters(in: .whitespaces) else { return nil }
        if let secondsValue = Double(value) { return .milliseconds(Int64(max(0, secondsValue) * 1000)) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return .milliseconds(Int64(max(0, date.timeIntervalSince(now)) * 1000))
    }

    private func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
