// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Makes the file system objects that are not regular files, for tests that check they are refused without
/// blocking: FIFOs (opening one for reading waits for a writer), Unix sockets, and symbolic links.
public enum SpecialFiles {
    /// An error from a system call, with its `errno`.
    public struct Failure: Error, CustomStringConvertible {
        /// The call that failed.
        public let call: String
        /// Its `errno`.
        public let code: Int32

        /// The system call and its error, as the C library words it.
        public var description: String { "\(call) failed: \(String(cString: strerror(code)))" }
    }

    /// Makes a FIFO (named pipe) at `path` with mode 0644.
    public static func makeFIFO(at path: String) throws {
        guard mkfifo(path, 0o644) == 0 else { throw Failure(call: "mkfifo", code: errno) }
    }

    /// Makes a Unix domain socket file at `path` (bound, then closed: the file stays, with nothing listening).
    /// `path` must be shorter than about 100 bytes.
    public static func makeSocket(at path: String) throws {
        #if canImport(Glibc)
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_UNIX, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw Failure(call: "socket", code: errno) }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard path.utf8.count < capacity else { throw Failure(call: "bind", code: ENAMETOOLONG) }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: path.utf8)
            buffer[path.utf8.count] = 0
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else { throw Failure(call: "bind", code: errno) }
    }

    /// Makes a symbolic link at `path` that points at `destination` (which need not exist).
    public static func makeLink(at path: String, to destination: String) throws {
        guard symlink(destination, path) == 0 else { throw Failure(call: "symlink", code: errno) }
    }
}
