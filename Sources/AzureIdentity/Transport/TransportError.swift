/// A failure below HTTP: connecting, TLS, timing out, an oversized or truncated response.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    /// Extensible failure kinds.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The name of the code.
        public let description: String

        /// The connection could not be established or broke.
        public static let connectionFailed = Code(description: "connectionFailed")
        /// The request did not finish before its deadline.
        public static let timedOut = Code(description: "timedOut")
        /// The response body exceeded the transport's size cap.
        public static let responseTooLarge = Code(description: "responseTooLarge")
        /// The URL could not be used.
        public static let invalidURL = Code(description: "invalidURL")
        /// The proxy answered `407 Proxy Authentication Required`: its credentials are missing or wrong. Not
        /// retryable.
        public static let proxyAuthenticationFailed = Code(description: "proxyAuthenticationFailed")
    }

    /// What went wrong.
    public var code: Code
    /// Details (never the request body).
    public var message: String
    /// Whether retrying may help.
    public var isRetryable: Bool {
        code == .connectionFailed || code == .timedOut
    }

    /// Creates a transport error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// `TransportError.<code>: <message>`.
    public var description: String {
        "TransportError.\(code): \(message)"
    }
}
