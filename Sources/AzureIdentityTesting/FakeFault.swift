// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// A failure the fake injects into its next matching responses.
public struct FakeFault: Sendable {
    /// What goes wrong.
    public enum Kind: Sendable {
        /// Answer with this status (and optional `Retry-After` value) and an Entra-style error body.
        case status(Int, retryAfter: String? = nil)
        /// Wait before answering normally.
        case delay(Duration)
        /// Close the connection without answering.
        case dropConnection
        /// Answer 200 with a body that is not JSON.
        case malformedBody
        /// Answer 200 with a body of this many bytes.
        case oversizedBody(bytes: Int)
    }

    /// What goes wrong.
    public var kind: Kind
    /// How many requests it affects.
    public var count: Int
    /// Only requests whose path contains this text (all requests when `nil`).
    public var pathContains: String?

    /// Creates a fault.
    public init(_ kind: Kind, count: Int = 1, pathContains: String? = nil) {
        self.kind = kind
        self.count = count
        self.pathContains = pathContains
    }
}
