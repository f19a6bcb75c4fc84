// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation

/// Settings for ``AsyncHTTPClientTransport``.
public struct TransportConfiguration: Sendable, Hashable {
    /// An HTTP(S) proxy given as host and port, with optional Basic credentials.
    ///
    /// The password is a ``Secret``: the proxy's `description` and reflection show the user name only.
    public struct Proxy: Sendable, Hashable {
        /// The proxy host.
        public var host: String
        /// The proxy port.
        public var port: Int
        /// The user name sent to the proxy (`Proxy-Authorization: Basic`), if it requires authentication.
        public var username: String?
        /// The password sent to the proxy with ``username``.
        public var password: Secret?

        /// Whether requests through this proxy carry `Proxy-Authorization` (a user name or a password is set).
        public var hasCredentials: Bool {
            username != nil || password != nil
        }

        /// Creates a proxy setting.
        /// - Parameters:
        ///   - host: The proxy host.
        ///   - port: The proxy port.
        ///   - username: The user name for Basic proxy authentication; `nil` when the proxy needs none.
        ///   - password: The password for Basic proxy authentication; a user name without one sends an empty
        ///     password.
        public init(host: String, port: Int, username: String? = nil, password: Secret? = nil) {
            self.host = host
            self.port = port
            self.username = username
            self.password = password
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
