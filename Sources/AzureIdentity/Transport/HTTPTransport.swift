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
    /// How long the whole exchange may take.
    public var timeout: Duration

    /// Creates a request.
    public init(
        method: String,
        url: String,
        headers: [(name: String, value: String)] = [],
        body: [UInt8]? = nil,
        timeout: Duration = .seconds(30)
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
