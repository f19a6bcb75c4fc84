import Foundation

/// Settings for ``AsyncHTTPClientTransport``.
public struct TransportConfiguration: Sendable, Hashable {
    /// An HTTP(S) proxy given as host and port.
    public struct Proxy: Sendable, Hashable {
        /// The proxy host.
        public var host: String
        /// The proxy port.
        public var port: Int

        /// Creates a proxy setting.
        public init(host: String, port: Int) {
            self.host = host
            self.port = port
        }
    }

    /// PEM-encoded CA certificates trusted in addition to the system roots.
    public var additionalTrustRootsPEM: [String]
    /// Files with PEM CA certificates trusted in addition to the system roots.
    public var additionalTrustRootFiles: [String]
    /// The proxy for https requests, if any.
    public var proxy: Proxy?
    /// Hosts (or `.suffix` domains, or `*`) that bypass the proxy.
    public var noProxy: [String]
    /// Connection establishment timeout.
    public var connectTimeout: Duration
    /// The largest response body accepted; larger bodies fail with ``TransportError/Code/responseTooLarge``.
    public var maxResponseBytes: Int

    /// Creates a configuration.
    public init(
        additionalTrustRootsPEM: [String] = [],
        additionalTrustRootFiles: [String] = [],
        proxy: Proxy? = nil,
        noProxy: [String] = [],
        connectTimeout: Duration = .seconds(10),
        maxResponseBytes: Int = 1 << 20
    ) {
        self.additionalTrustRootsPEM = additionalTrustRootsPEM
        self.additionalTrustRootFiles = additionalTrustRootFiles
        self.proxy = proxy
        self.noProxy = noProxy
        self.connectTimeout = connectTimeout
        self.maxResponseBytes = maxResponseBytes
    }

    /// Whether a request to `host` goes through the proxy.
    public func usesProxy(forHost host: String) -> Bool {
        guard proxy != nil else { return false }
        let host = host.lowercased()
        for entry in noProxy.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) where !entry.isEmpty {
            if entry == "*" || entry == host { return false }
            let suffix = entry.hasPrefix(".") ? entry : "." + entry
            if host.hasSuffix(suffix) { return false }
        }
        return true
    }
}
