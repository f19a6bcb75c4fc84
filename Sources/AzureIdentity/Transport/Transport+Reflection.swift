// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// Reflection (`dump`, `Mirror`, `String(reflecting:)`) of the transport layer never shows what it carries.
///
/// A credential holds a transport, and a transport's object graph reaches requests in flight: their form bodies
/// hold client secrets and assertions, their headers managed-identity secrets, and responses hold tokens. Hiding
/// them here protects every credential that holds a transport, not only the ones that hide their own fields.

extension AsyncHTTPClientTransport: CustomReflectable {
    /// No children: the HTTP client, its connections and requests in flight are not shown.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .class) }
}

extension RetryingTransport: CustomReflectable {
    /// No children: the wrapped transport is not shown.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

extension TokenCache: CustomReflectable {
    /// No children: cached tokens are not shown.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .class) }
}

extension TransportRequest: CustomReflectable {
    /// Method, URL and header names; header values and the body are redacted.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "method": method, "url": url, "headers": headers.map { "\($0.name): <redacted>" },
                "body": body.map { "<redacted \($0.count) bytes>" } ?? "none", "timeout": timeout,
            ],
            displayStyle: .struct
        )
    }
}

extension TransportResponse: CustomReflectable {
    /// Status and header names; header values and the body are redacted.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "status": status, "headers": headers.map { "\($0.name): <redacted>" },
                "body": "<redacted \(body.count) bytes>",
            ],
            displayStyle: .struct
        )
    }
}

extension TransportConfiguration.Proxy: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `Proxy(host:port, username: user, password: <redacted>)`: the password is never shown.
    public var description: String {
        var text = "Proxy(\(host):\(port)"
        if let username { text += ", username: \(username)" }
        if password != nil { text += ", password: \(Secret.redactionMarker)" }
        return text + ")"
    }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// Host, port and user name; the password only as ``Secret/redactionMarker``.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "host": host, "port": port, "username": username ?? "none",
                "password": password == nil ? "none" : Secret.redactionMarker,
            ],
            displayStyle: .struct
        )
    }
}
