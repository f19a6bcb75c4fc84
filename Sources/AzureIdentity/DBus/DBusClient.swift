// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import IdentitySupport

/// A client-only D-Bus connection maker: each use opens a connection to the bus (authenticating with `EXTERNAL`
/// and saying `Hello`), runs method calls on it, and closes it.
///
/// The socket work runs on a thread of its own, so a wait never holds one of Swift concurrency's cooperative
/// threads. Every wait is bounded: connecting, authenticating and `Hello` by ``connectTimeout``; a call by its own
/// timeout from the moment it is sent, or only by cancellation when it has none. Cancelling the calling task stops the wait at once and
/// closes the connection, so a reply that comes later is dropped.
package struct DBusClient: Sendable {
    /// The addresses to try, in order.
    package var addresses: [DBusAddress]
    /// The longest message accepted; longer ones end the call with ``DBusError/Code/messageTooLarge``. 1 MiB by
    /// default: every answer this package expects is a few kilobytes.
    package var maximumMessageSize: Int
    /// The bound on connecting, authenticating and `Hello` together.
    package var connectTimeout: Duration

    package init(addresses: [DBusAddress], maximumMessageSize: Int = 1 << 20, connectTimeout: Duration = .seconds(10)) {
        self.addresses = addresses
        self.maximumMessageSize = maximumMessageSize
        self.connectTimeout = connectTimeout
    }

    /// A method call to make on a connection.
    package struct Call: Sendable {
        package var destination: String
        package var path: String
        package var interface: String
        package var member: String
        package var arguments: [DBusValue]
        package var flags: DBusMessage.Flags

        package init(
            destination: String, path: String, interface: String, member: String, arguments: [DBusValue] = [],
            flags: DBusMessage.Flags = []
        ) {
            self.destination = destination
            self.path = path
            self.interface = interface
            self.member = member
            self.arguments = arguments
            self.flags = flags
        }
    }

    /// Opens a connection and runs `body` on it (on the connection's thread), with the address connected to and a
    /// caller that makes one call at a time and returns its reply (a method return or an error message).
    ///
    /// Connecting, authenticating and `Hello` end by ``connectTimeout``; each call then waits for its reply at most
    /// `callTimeout` from the moment it is sent (`nil`: until the reply comes or the task is cancelled).
    package func withConnection<Result: Sendable>(
        callTimeout: Duration?,
        _ body:
            @escaping @Sendable (
                _ address: DBusAddress, _ call: (Call) throws(DBusError) -> DBusMessage
            ) throws(DBusError) -> Result
    ) async throws(DBusError) -> Result {
        if Task.isCancelled { throw DBusError(.cancelled, "cancelled before connecting to the bus") }
        let cancellation = try DBusCancellation()
        let connectDeadline = ContinuousClock.now + connectTimeout.clampedToSaturationLimit
        let callTimeout = callTimeout?.clampedToSaturationLimit
        let addresses = addresses
        let maximumMessageSize = maximumMessageSize
        let outcome: Swift.Result<Result, DBusError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let thread = Thread {
                    let result = Swift.Result { () throws(DBusError) -> Result in
                        let connection = try DBusConnection.open(
                            addresses, deadline: connectDeadline, maximumMessageSize: maximumMessageSize,
                            cancellation: cancellation
                        )
                        defer { connection.close() }
                        return try body(connection.address) { (call: Call) throws(DBusError) -> DBusMessage in
                            guard DBusNames.isValidMemberName(call.member) else {
                                throw DBusError(.cannotEncode, "a method name is not a valid D-Bus member name")
                            }
                            return try connection.call(
                                destination: call.destination, path: call.path, interface: call.interface,
                                member: call.member, arguments: call.arguments, flags: call.flags,
                                deadline: callTimeout.map { ContinuousClock.now + $0 }
                            )
                        }
                    }
                    cancellation.close()
                    continuation.resume(returning: result)
                }
                thread.start()
            }
        } onCancel: {
            cancellation.cancel()
        }
        return try outcome.get()
    }
}
