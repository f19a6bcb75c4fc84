import Logging

/// Wraps a transport and retries throttled, failed and unreachable requests per a ``RetryPolicy``.
///
/// Waiting goes through the injected ``TimeSource`` so tests can make back-off instant.
public struct RetryingTransport: HTTPTransport {
    /// The transport doing the I/O.
    public let base: any HTTPTransport
    /// When to retry.
    public let policy: RetryPolicy
    /// Supplies `now` and `sleep`.
    public let timeSource: any TimeSource
    /// Receives one debug line per retry (no bodies, no secrets).
    public let logger: Logger

    /// Creates a retrying transport.
    public init(
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
    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        var attempt = 0
        while true {
            try Task.checkCancellation()
            let delay: Duration
            do {
                let response = try await base.send(request)
                guard attempt < policy.maxRetries, policy.shouldRetry(status: response.status) else { return response }
                if let hinted = policy.serverDelay(in: response, now: timeSource.now()) {
                    guard hinted <= policy.maxRetryAfter else { return response }
                    delay = hinted
                } else {
                    delay = policy.backoff(attempt: attempt)
                }
                logger.debug(
                    "Retrying token request",
                    metadata: [
                        "status": "\(response.status)", "attempt": "\(attempt + 1)", "delay": "\(delay)",
                    ]
                )
            } catch let error as TransportError where error.isRetryable && attempt < policy.maxRetries {
                delay = policy.backoff(attempt: attempt)
                logger.debug(
                    "Retrying token request after transport error",
                    metadata: [
                        "error": "\(error.code)", "attempt": "\(attempt + 1)", "delay": "\(delay)",
                    ]
                )
            }
            try await timeSource.sleep(for: delay)
            attempt += 1
        }
    }
}
