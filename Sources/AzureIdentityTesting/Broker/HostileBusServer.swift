// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

package import AzureIdentity
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A fake bus daemon on a Unix socket that speaks just enough of D-Bus to reach the point under test and then
/// sends whatever a test scripts — truncated, misaligned, oversized or lying messages — to prove that the D-Bus
/// client turns every one into a clean, typed error.
///
/// It answers the authentication as told (``Authentication``), then hands every message the client sends (the
/// `Hello` first) to `respond`, and performs the returned steps. Returning no step leaves the client waiting
/// (for timeout tests). One client at a time; everything runs on a thread of its own, every wait polls a stop flag,
/// and ``shutdown()`` (or deinit) ends it and removes its socket directory.
package final class HostileBusServer: Sendable {
    /// How the server answers `AUTH EXTERNAL`.
    package enum Authentication: Sendable {
        /// `OK <guid>`, then it waits for `BEGIN`.
        case accept
        /// These bytes instead (a rejection, garbage, a line without end…), then nothing more.
        case answer([UInt8])
    }

    /// What the server does after a message arrives.
    package enum Step: Sendable {
        /// Sends these bytes.
        case send([UInt8])
        /// Closes the connection.
        case close
    }

    private let core = Core()
    private let directory: String
    /// The address to give the client: `unix:path=…`.
    package let address: String
    /// The environment to give a credential.
    package var environment: [String: String] { ["DBUS_SESSION_BUS_ADDRESS": address] }
    /// The messages the client sent, in order.
    package var messages: [DBusMessage] { core.received.withLock { $0 } }

    private init(directory: String, address: String) {
        self.directory = directory
        self.address = address
    }

    deinit {
        shutdown()
    }

    /// Starts a server.
    package static func start(
        authentication: Authentication = .accept,
        respond: @escaping @Sendable (_ message: DBusMessage, _ index: Int) -> [Step]
    ) throws -> HostileBusServer {
        var template = Array("/tmp/hostile-bus-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw FakeIdentityBroker.SetupError("mkdtemp failed") }
        let directory = String(cString: made)
        let path = directory + "/bus"
        let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard listener >= 0 else { throw FakeIdentityBroker.SetupError("socket failed") }
        var storage = sockaddr_un()
        storage.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &storage.sun_path) { raw in
            for (index, byte) in path.utf8.enumerated() { raw[index] = byte }
        }
        let bound = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0, listen(listener, 4) == 0 else {
            closeDescriptor(listener)
            throw FakeIdentityBroker.SetupError("bind/listen failed: \(String(cString: strerror(errno)))")
        }
        let server = HostileBusServer(directory: directory, address: "unix:path=" + path)
        let core = server.core
        let thread = Thread {
            core.serve(listener: listener, authentication: authentication, respond: respond)
            closeDescriptor(listener)
        }
        thread.start()
        return server
    }

    /// Starts a server, runs `body` with it, and stops it however `body` ends.
    package static func run<T>(
        authentication: Authentication = .accept,
        respond: @escaping @Sendable (_ message: DBusMessage, _ index: Int) -> [Step],
        _ body: (HostileBusServer) async throws -> T
    ) async throws -> T {
        let server = try start(authentication: authentication, respond: respond)
        defer { server.shutdown() }
        return try await body(server)
    }

    /// Stops the server and removes its directory.
    package func shutdown() {
        if !core.stop.exchange(true, ordering: .sequentiallyConsistent) {
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

}

/// What the serving thread shares with the server: the stop flag and the log. The thread holds only this, so the
/// server's deinit can stop it.
private final class Core: Sendable {
    let stop = Atomic<Bool>(false)
    let received = Mutex<[DBusMessage]>([])

    func serve(
        listener: Int32, authentication: HostileBusServer.Authentication,
        respond: @Sendable (DBusMessage, Int) -> [HostileBusServer.Step]
    ) {
        while !stop.load(ordering: .sequentiallyConsistent) {
            guard waitReadable(listener) else { continue }
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { continue }
            // Close-on-exec, so that a child process another test starts meanwhile does not keep it open.
            _ = fcntl(connection, F_SETFD, FD_CLOEXEC)
            handle(connection, authentication: authentication, respond: respond)
            closeDescriptor(connection)
        }
    }

    private func handle(
        _ connection: Int32, authentication: HostileBusServer.Authentication,
        respond: @Sendable (DBusMessage, Int) -> [HostileBusServer.Step]
    ) {
        var buffer: [UInt8] = []
        // The NUL byte and the AUTH line.
        guard readUntilLine(connection, &buffer) else { return }
        switch authentication {
        case .accept:
            guard sendAll(connection, Array("OK 0123456789abcdef0123456789abcdef\r\n".utf8)) else { return }
            guard readUntilLine(connection, &buffer) else { return }  // BEGIN
        case .answer(let bytes):
            _ = sendAll(connection, bytes)
            while !stop.load(ordering: .sequentiallyConsistent), receive(connection, &buffer) {}
            return
        }
        var index = 0
        while !stop.load(ordering: .sequentiallyConsistent) {
            guard buffer.count >= 16 else {
                guard receive(connection, &buffer) else { return }
                continue
            }
            guard let length = try? DBusMessage.frameLength(prefix: buffer, limit: DBusMessage.protocolMaximumSize)
            else { return }
            guard buffer.count >= length else {
                guard receive(connection, &buffer) else { return }
                continue
            }
            let bytes = Array(buffer[0..<length])
            buffer.removeSubrange(0..<length)
            guard let message = try? DBusMessage.decode(bytes) else { return }
            received.withLock { $0.append(message) }
            for step in respond(message, index) {
                switch step {
                case .send(let bytes): guard sendAll(connection, bytes) else { return }
                case .close: return
                }
            }
            index += 1
        }
    }

    /// Reads until the buffer holds a `\n`; drops everything up to and including it.
    private func readUntilLine(_ connection: Int32, _ buffer: inout [UInt8]) -> Bool {
        while true {
            if let end = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                buffer.removeSubrange(...end)
                return true
            }
            guard receive(connection, &buffer) else { return false }
        }
    }

    /// Waits (polling the stop flag) for bytes and appends them; false at end of stream or on stop.
    private func receive(_ connection: Int32, _ buffer: inout [UInt8]) -> Bool {
        while !stop.load(ordering: .sequentiallyConsistent) {
            guard waitReadable(connection) else { continue }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = chunk.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return false }
            buffer.append(contentsOf: chunk[0..<count])
            return true
        }
        return false
    }

    private func waitReadable(_ descriptor: Int32) -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 50) > 0
    }

    private func sendAll(_ connection: Int32, _ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let count = bytes.withUnsafeBytes {
                send(connection, $0.baseAddress.map { $0 + sent }, bytes.count - sent, Int32(MSG_NOSIGNAL))
            }
            guard count > 0 else { return false }
            sent += count
        }
        return true
    }
}

extension HostileBusServer {
    /// A valid method return to `call` with `body`, as bytes.
    package static func reply(to call: DBusMessage, body: [DBusValue], serial: UInt32 = 1000) -> [UInt8] {
        var message = DBusMessage(kind: .methodReturn, serial: serial, body: body)
        message.replySerial = call.serial
        message.sender = "org.freedesktop.DBus"
        return (try? message.encoded()) ?? []
    }

    /// A valid error reply to `call`.
    package static func error(to call: DBusMessage, name: String, message text: String) -> [UInt8] {
        var message = DBusMessage(kind: .error, serial: 1001, body: [.string(text)])
        message.replySerial = call.serial
        message.errorName = name
        return (try? message.encoded()) ?? []
    }

    /// The answer to `Hello` (`:1.1`) when `message` is the first one, else `nil`.
    package static func helloReply(_ message: DBusMessage) -> [UInt8]? {
        message.member == "Hello" ? reply(to: message, body: [.string(":1.1")], serial: 1) : nil
    }
}

private func closeDescriptor(_ descriptor: Int32) {
    _ = close(descriptor)
}
