// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

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
        /// The request was refused before anything was sent: a header value with CR or LF, an invalid header name.
        /// A configuration error; not retryable.
        public static let invalidRequest = Code(description: "invalidRequest")
        /// The TLS handshake failed for good: the server's certificate is not for the host, does not chain to a
        /// trusted CA or is expired, or no protocol is shared. Retrying cannot change that; not retryable.
        public static let tlsFailed = Code(description: "tlsFailed")
    }

    /// What went wrong.
    public var code: Code
    /// Details (never the request body).
    public var message: String
    /// Whether retrying may help: only for a connection that failed or an answer that did not come in time.
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

    /// The same error, saying how many attempts were made.
    func after(attempts: Int) -> TransportError {
        guard attempts > 1 else { return self }
        return TransportError(code: code, message: "\(message) (\(attempts) attempts)")
    }
}
