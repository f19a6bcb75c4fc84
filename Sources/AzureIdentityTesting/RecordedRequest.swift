// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

public import Foundation

/// A request the fake received, for tests to inspect.
public struct RecordedRequest: Sendable {
    /// The method.
    public var method: String
    /// The path without the query.
    public var path: String
    /// The query items.
    public var query: [String: String]
    /// Header fields in order.
    public var headers: [(name: String, value: String)]
    /// The raw body.
    public var body: [UInt8]
    /// The decoded form fields (for form posts).
    public var form: [String: String]
    /// When it arrived.
    public var receivedAt: Date

    /// The first value of a header (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Whether this was a token endpoint request.
    public var isTokenRequest: Bool {
        path.hasSuffix("/oauth2/v2.0/token")
    }

    /// The JWT header and claims of the `client_assertion` field, decoded without verification.
    public var clientAssertion: (header: [String: Any], claims: [String: Any])? {
        form["client_assertion"].flatMap(FakeJWT.decodeUnverified)
    }
}
