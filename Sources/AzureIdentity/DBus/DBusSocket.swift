// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A connected Unix stream socket with bounded, cancellable waits: every wait is a `poll` on the socket and on a
/// ``DBusCancellation``, with the remaining time to a deadline (or no timeout only where the caller allows it).
///
/// Blocking: use it on a thread of its own (``DBusClient`` does), never on a cooperative thread.
final class DBusSocket {
    private var descriptor: Int32
    private let cancellation: DBusCancellation

    private init(descriptor: Int32, cancellation: DBusCancellation) {
        self.descriptor = descriptor
        self.cancellation = cancellation
    }

    deinit {
        close()
    }

    /// Closes the socket (once).
    func close() {
        if descriptor >= 0 {
            _ = systemClose(descriptor)
            descriptor = -1
        }
    }

    /// Connects to `address` before `deadline`.
    static func connect(
        to address: DBusAddress, deadline: ContinuousClock.Instant?, cancellation: DBusCancellation
    ) throws(DBusError) -> DBusSocket {
        var storage = sockaddr_un()
        storage.sun_family = sa_family_t(AF_UNIX)
        let pathCapacity = MemoryLayout.size(ofValue: storage.sun_path)
        var pathBytes: [UInt8]
        switch address.socket {
        case .path(let path): pathBytes = Array(path.utf8) + [0]
        case .abstract(let name): pathBytes = [0] + Array(name.utf8)
        }
        guard pathBytes.count <= pathCapacity else {
            throw DBusError(.connectFailed, "the socket path of \(address) is longer than \(pathCapacity - 1) bytes")
        }
        withUnsafeMutableBytes(of: &storage.sun_path) { raw in
            for (index, byte) in pathBytes.enumerated() { raw[index] = byte }
        }
        let length = socklen_t(MemoryLayout<sockaddr_un>.offset(of: \.sun_path) ?? 2) + socklen_t(pathBytes.count)
        #if canImport(Darwin)
        let descriptor = socket(AF_UNIX, SOCK_STREAM, 0)
        #else
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        #endif
        guard descriptor >= 0 else {
            throw DBusError(.connectFailed, "could not make a socket: \(errorText(errno))")
        }
        let socket = DBusSocket(descriptor: descriptor, cancellation: cancellation)
        let flags = fcntl(descriptor, F_GETFL, 0)
        _ = fcntl(descriptor, F_SETFL, flags | O_NONBLOCK)
        let result = withUnsafePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { systemConnect(descriptor, $0, length) }
        }
        if result != 0 {
            let error = errno
            guard error == EINPROGRESS || error == EAGAIN || error == EINTR else {
                throw DBusError(.connectFailed, "could not connect to \(address): \(errorText(error))")
            }
            try socket.wait(for: Int16(POLLOUT), deadline: deadline, doing: "connecting to \(address)")
            var pending: Int32 = 0
            var size = socklen_t(MemoryLayout<Int32>.size)
            _ = getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &pending, &size)
            guard pending == 0 else {
                throw DBusError(.connectFailed, "could not connect to \(address): \(errorText(pending))")
            }
        }
        return socket
    }

    /// Writes all of `bytes` before `deadline`.
    func send(_ bytes: [UInt8], deadline: ContinuousClock.Instant?) throws(DBusError) {
        var sent = 0
        while sent < bytes.count {
            let count = bytes.withUnsafeBytes { raw in
                systemSend(descriptor, raw.baseAddress.map { $0 + sent }, bytes.count - sent, sendFlags)
            }
            if count > 0 {
                sent += count
                continue
            }
            let error = errno
            guard count < 0, error == EAGAIN || error == EWOULDBLOCK || error == EINTR else {
                throw DBusError(.connectionClosed, "writing to the bus failed: \(errorText(error))")
            }
            try wait(for: Int16(POLLOUT), deadline: deadline, doing: "writing to the bus")
        }
    }

    /// Reads what is there (at least one byte) into `buffer`, waiting until `deadline`.
    /// - Throws: ``DBusError/Code/connectionClosed`` at end of stream.
    func receive(into buffer: inout [UInt8], deadline: ContinuousClock.Instant?) throws(DBusError) {
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = chunk.withUnsafeMutableBytes { raw in recv(descriptor, raw.baseAddress, raw.count, 0) }
            if count > 0 {
                buffer.append(contentsOf: chunk[0..<count])
                return
            }
            if count == 0 { throw DBusError(.connectionClosed, "the bus closed the connection") }
            let error = errno
            guard error == EAGAIN || error == EWOULDBLOCK || error == EINTR else {
                throw DBusError(.connectionClosed, "reading from the bus failed: \(errorText(error))")
            }
            try wait(for: Int16(POLLIN), deadline: deadline, doing: "waiting for the bus")
        }
    }

    /// Waits until the socket is ready for `events`, the deadline passes or the wait is cancelled.
    private func wait(for events: Int16, deadline: ContinuousClock.Instant?, doing what: String) throws(DBusError) {
        while true {
            if cancellation.isCancelled { throw DBusError(.cancelled, "cancelled while \(what)") }
            let timeout: Int32
            if let deadline {
                let remaining = deadline - ContinuousClock.now
                guard remaining > .zero else { throw DBusError(.timedOut, "timed out while \(what)") }
                // At most a second per poll: the loop re-checks the deadline and the cancellation.
                let parts = min(remaining, .seconds(1)).components
                timeout = Int32(parts.seconds) * 1000 + Int32(parts.attoseconds / 1_000_000_000_000_000) + 1
            } else {
                timeout = 1000
            }
            var descriptors = [
                pollfd(fd: descriptor, events: events, revents: 0),
                pollfd(fd: cancellation.descriptor, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&descriptors, nfds_t(descriptors.count), timeout)
            if ready < 0 {
                let error = errno
                guard error == EINTR else {
                    throw DBusError(.connectionClosed, "waiting on the bus failed: \(errorText(error))")
                }
                continue
            }
            if descriptors[1].revents != 0 || cancellation.isCancelled {
                throw DBusError(.cancelled, "cancelled while \(what)")
            }
            if descriptors[0].revents != 0 { return }
        }
    }
}

/// The text of an `errno` value.
func errorText(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text)
}

private func systemClose(_ descriptor: Int32) -> Int32 {
    close(descriptor)
}

private func systemConnect(_ descriptor: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
    connect(descriptor, address, length)
}

private func systemSend(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int, _ flags: Int32) -> Int {
    send(descriptor, bytes, count, flags)
}

#if canImport(Darwin)
private let sendFlags: Int32 = 0
#else
private let sendFlags = Int32(MSG_NOSIGNAL)
#endif
