// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// Why the D-Bus client could not do what it was asked: no usable address, no connection, a refused
/// authentication, a deadline, a cancellation, a message that breaks the wire format, or an error reply.
///
/// The ``message`` quotes outside text (an error reply's name and text, a server's authentication line) only after
/// escaping its control characters, and never holds a message body.
package struct DBusError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    package enum Code: Sendable, Hashable {
        /// No bus address to use: the variable is unset, or no address in it has a transport this client speaks.
        case noAddress
        /// An address could not be parsed.
        case invalidAddress
        /// Connecting failed (no such socket, connection refused, path too long…).
        case connectFailed
        /// The bus refused the `EXTERNAL` authentication, or answered it with something that is not SASL.
        case authenticationFailed
        /// The connection closed, or a read or write failed, before the answer came.
        case connectionClosed
        /// No answer before the deadline.
        case timedOut
        /// The caller cancelled the wait.
        case cancelled
        /// A message broke the wire format (truncated, misaligned, bad padding, not UTF-8, wrong signature…).
        case malformedMessage
        /// A message declared a size over the limit.
        case messageTooLarge
        /// A value cannot be sent (a string with a NUL, a length over the protocol's limits).
        case cannotEncode
    }

    /// What went wrong.
    package var code: Code
    /// The reason in words, safe to show.
    package var message: String

    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { message }
}
