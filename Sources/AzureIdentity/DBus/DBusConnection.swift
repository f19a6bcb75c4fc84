// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import IdentitySupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One authenticated connection to a bus, used from one thread: `EXTERNAL` authentication, `Hello`, then method
/// calls answered by serial. Made and used by ``DBusClient``; blocking.
package final class DBusConnection {
    private let socket: DBusSocket
    private let maximumMessageSize: Int
    private var buffer: [UInt8] = []
    private var nextSerial: UInt32 = 1
    /// The address connected to.
    let address: DBusAddress
    /// The unique name the bus gave this connection.
    private(set) var uniqueName = ""

    private init(socket: DBusSocket, address: DBusAddress, maximumMessageSize: Int) {
        self.socket = socket
        self.address = address
        self.maximumMessageSize = maximumMessageSize
    }

    /// The longest line of the authentication conversation this client reads.
    static let maximumAuthenticationLine = 4096

    /// Connects to the first of `addresses` that accepts a connection, authenticates and says `Hello`, all before
    /// `deadline`.
    static func open(
        _ addresses: [DBusAddress], deadline: ContinuousClock.Instant, maximumMessageSize: Int,
        cancellation: DBusCancellation
    ) throws(DBusError) -> DBusConnection {
        var failure = DBusError(.noAddress, "no D-Bus address to connect to")
        for address in addresses {
            do throws(DBusError) {
                let socket = try DBusSocket.connect(to: address, deadline: deadline, cancellation: cancellation)
                let connection = DBusConnection(
                    socket: socket, address: address, maximumMessageSize: maximumMessageSize
                )
                try connection.authenticate(deadline: deadline)
                try connection.hello(deadline: deadline)
                return connection
            } catch {
                // The next address may work; any later failure (authentication, Hello) is final.
                guard error.code == .connectFailed else { throw error }
                failure = error
            }
        }
        throw failure
    }

    /// Closes the connection; a reply that comes later is never read.
    func close() {
        socket.close()
    }

    // MARK: Authentication

    private func authenticate(deadline: ContinuousClock.Instant) throws(DBusError) {
        // The NUL byte first (credentials passing), then the EXTERNAL line.
        try socket.send([0] + Array(Self.externalAuthenticationLine(uid: getuid()).utf8), deadline: deadline)
        let line = try readLine(deadline: deadline)
        if line.hasPrefix("OK ") || line == "OK" {
            try socket.send(Array("BEGIN\r\n".utf8), deadline: deadline)
            return
        }
        let shown = OutsideText.escaped(line, limit: 120)
        if line.hasPrefix("REJECTED") || line.hasPrefix("ERROR") {
            throw DBusError(.authenticationFailed, "the bus refused EXTERNAL authentication: '\(shown)'")
        }
        throw DBusError(.authenticationFailed, "the bus answered the authentication with '\(shown)'")
    }

    /// `AUTH EXTERNAL` with the user id, in decimal ASCII, hex-encoded (uid 1000 is `31303030`).
    package static func externalAuthenticationLine(uid: UInt32) -> String {
        let hex = Array(String(uid).utf8).map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }
        return "AUTH EXTERNAL \(hex.joined())\r\n"
    }

    /// One `\r\n`-terminated line of the authentication conversation, without its terminator.
    private func readLine(deadline: ContinuousClock.Instant) throws(DBusError) -> String {
        while true {
            if let end = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[..<end]
                buffer.removeSubrange(...end)
                guard line.last == UInt8(ascii: "\r"), line.allSatisfy({ $0 < 0x80 }) else {
                    throw DBusError(.authenticationFailed, "the bus answered the authentication with a malformed line")
                }
                return String(decoding: line.dropLast(), as: UTF8.self)
            }
            guard buffer.count < Self.maximumAuthenticationLine else {
                throw DBusError(.authenticationFailed, "the bus sent an authentication line over 4096 bytes")
            }
            try socket.receive(into: &buffer, deadline: deadline)
        }
    }

    private func hello(deadline: ContinuousClock.Instant) throws(DBusError) {
        let reply = try call(
            destination: "org.freedesktop.DBus", path: "/org/freedesktop/DBus", interface: "org.freedesktop.DBus",
            member: "Hello", arguments: [], deadline: deadline
        )
        guard reply.kind == .methodReturn, reply.body.count == 1, case .string(let name) = reply.body[0] else {
            throw DBusError(.malformedMessage, "the bus answered Hello with something other than a name")
        }
        uniqueName = name
    }

    // MARK: Calls

    /// Sends a method call and returns its reply: a method return or an error message (not thrown: the caller
    /// reads its name). Other messages (signals, calls to us, replies to earlier calls) are skipped.
    /// - Throws: ``DBusError`` when the deadline passes (`nil`: none; only cancellation ends the wait), the call is
    ///   cancelled, the connection fails, or a message breaks the wire format or claims to answer a call never
    ///   sent.
    func call(
        destination: String, path: String, interface: String, member: String, arguments: [DBusValue],
        flags: DBusMessage.Flags = [], deadline: ContinuousClock.Instant?
    ) throws(DBusError) -> DBusMessage {
        let serial = nextSerial
        guard serial < UInt32.max else { throw DBusError(.cannotEncode, "a connection ran out of serials") }
        nextSerial = serial + 1
        let message = DBusMessage.methodCall(
            serial: serial, destination: destination, path: path, interface: interface, member: member,
            body: arguments, flags: flags
        )
        try socket.send(try message.encoded(), deadline: deadline)
        while true {
            let incoming = try readMessage(deadline: deadline)
            switch incoming.kind {
            case .methodReturn, .error:
                guard let replySerial = incoming.replySerial else { continue }
                if replySerial == serial { return incoming }
                // A bus only forwards replies to calls that were made: one to a serial never used is not D-Bus.
                guard replySerial < nextSerial else {
                    throw DBusError(.malformedMessage, "the bus sent a reply to a call that was never made")
                }
            case .methodCall, .signal, .unknown:
                continue
            }
        }
    }

    private func readMessage(deadline: ContinuousClock.Instant?) throws(DBusError) -> DBusMessage {
        while buffer.count < 16 { try socket.receive(into: &buffer, deadline: deadline) }
        let length = try DBusMessage.frameLength(prefix: buffer, limit: maximumMessageSize)
        while buffer.count < length { try socket.receive(into: &buffer, deadline: deadline) }
        let bytes = Array(buffer[0..<length])
        buffer.removeSubrange(0..<length)
        return try DBusMessage.decode(bytes, limit: maximumMessageSize)
    }
}
