// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import IdentitySupport

/// One HTTP request as the credentials see it.
public struct TransportRequest: Sendable {
    /// `GET`, `POST`, …
    public var method: String
    /// The absolute URL.
    public var url: String
    /// Header fields, in order.
    public var headers: [(name: String, value: String)]
    /// The body, if any. May contain secrets: transports must never log it.
    public var body: [UInt8]?
    /// How long the whole exchange may take: connecting, sending, and receiving the status, headers and body.
    public var timeout: Duration

    /// Creates a request.
    public init(
        method: String,
        url: String,
        headers: [(name: String, value: String)] = [],
        body: [UInt8]? = nil,
        timeout: Duration = CredentialOptions.defaultRequestTimeout
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

/// One HTTP response.
public struct TransportResponse: Sendable {
    /// The status code.
    public var status: Int
    /// Header fields, in order.
    public var headers: [(name: String, value: String)]
    /// The body (already bounded by the transport's size cap).
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// The HTTP seam every credential uses. Production code uses ``AsyncHTTPClientTransport``.
public protocol HTTPTransport: Sendable {
    /// Sends one request. Throws ``TransportError`` for network failures and `CancellationError` when the
    /// calling task is cancelled. HTTP error statuses are returned, not thrown.
    func send(_ request: TransportRequest) async throws -> TransportResponse
}

extension TransportRequest {
    /// Whether `value` can be sent as a header field value (RFC 9110 §5.5): no control character other than a
    /// horizontal tab. CR and LF would end the header and start another (header injection), so they are refused
    /// before anything is sent; this is the one rule for every header, including managed identity's secrets.
    static func isSendableHeaderValue(_ value: String) -> Bool {
        !value.unicodeScalars.contains { scalar in
            (scalar.value < 0x20 && scalar != "\t") || scalar.value == 0x7F
        }
    }

    /// Whether `name` is a header field name (an RFC 9110 token: letters, digits and ``!#$%&'*+-.^_`|~``).
    static func isHeaderName(_ name: String) -> Bool {
        !name.isEmpty
            && name.unicodeScalars.allSatisfy { scalar in
                ("0"..."9").contains(scalar) || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                    || "!#$%&'*+-.^_`|~".unicodeScalars.contains(scalar)
            }
    }

    /// Why this request cannot be sent as it is, naming the header but never showing its value; `nil` when it can.
    var unsendableReason: String? {
        for header in headers {
            guard Self.isHeaderName(header.name) else {
                return "the header name '\(OutsideText.escapingControlCharacters(header.name))' is not a valid name"
            }
            guard Self.isSendableHeaderValue(header.value) else {
                return "the value of the header '\(header.name)' contains a control character (such as CR or LF)"
            }
        }
        return nil
    }
}
