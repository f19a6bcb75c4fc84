// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A flag a task's cancellation handler raises and a blocked `poll` wakes up for: a pipe (a socket pair on Linux)
/// whose read end becomes readable when the flag is raised. Raising after ``close()`` does nothing (the descriptors are never written
/// after they are closed and perhaps reused).
final class DBusCancellation: Sendable {
    private struct State {
        var readEnd: Int32
        var writeEnd: Int32
        var cancelled = false
        var closed = false
    }

    private let state: Mutex<State>
    /// The descriptor to poll for `POLLIN`.
    let descriptor: Int32

    /// - Throws: ``DBusError/Code/connectFailed`` when no pipe can be made (out of descriptors).
    init() throws(DBusError) {
        var ends: [Int32] = [-1, -1]
        #if canImport(Darwin)
        guard pipe(&ends) == 0 else {
            throw DBusError(.connectFailed, "could not make a pipe: \(errorText(errno))")
        }
        for end in ends {
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL, 0) | O_NONBLOCK)
        }
        #else
        // Close-on-exec from the start (another thread may be starting a child process right now): a socket pair,
        // since Glibc's module does not export pipe2.
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue)
        guard socketpair(AF_UNIX, type, 0, &ends) == 0 else {
            throw DBusError(.connectFailed, "could not make a pipe: \(errorText(errno))")
        }
        #endif
        self.descriptor = ends[0]
        self.state = Mutex(State(readEnd: ends[0], writeEnd: ends[1]))
    }

    /// Whether ``cancel()`` was called.
    var isCancelled: Bool { state.withLock { $0.cancelled } }

    /// Raises the flag and wakes the waiter.
    func cancel() {
        state.withLock { state in
            guard !state.cancelled else { return }
            state.cancelled = true
            if !state.closed {
                var byte: UInt8 = 1
                _ = write(state.writeEnd, &byte, 1)
            }
        }
    }

    /// Closes the pipe; call once the waiter is done.
    func close() {
        state.withLock { state in
            guard !state.closed else { return }
            state.closed = true
            _ = closeDescriptor(state.readEnd)
            _ = closeDescriptor(state.writeEnd)
        }
    }
}

private func closeDescriptor(_ descriptor: Int32) -> Int32 {
    close(descriptor)
}
