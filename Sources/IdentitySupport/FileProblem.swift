// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a path a user or a configuration gave could not be read, for messages that say what the path is.
///
/// ``description`` is a predicate, so callers put their own subject in front of it: `secret file /run/s` +
/// `is a FIFO (named pipe), not a regular file`. It never holds anything read from the file.
package struct FileProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem; stable, for code to switch on.
    package struct Reason: Sendable, Hashable, CustomStringConvertible {
        package let description: String
        private init(_ description: String) { self.description = description }

        /// Nothing exists at the path (or a component of it is not a directory).
        package static let notFound = Reason("notFound")
        /// The path is a directory where a file was expected.
        package static let directory = Reason("directory")
        /// The path is a directory's name but not a directory (walking a directory).
        package static let notDirectory = Reason("notDirectory")
        /// The path is a FIFO (named pipe): opening it for reading would wait for a writer.
        package static let fifo = Reason("fifo")
        /// The path is a character device such as `/dev/zero` or a terminal.
        package static let characterDevice = Reason("characterDevice")
        /// The path is a block device.
        package static let blockDevice = Reason("blockDevice")
        /// The path is a Unix domain socket.
        package static let socket = Reason("socket")
        /// Any other file type that is not a regular file.
        package static let notRegularFile = Reason("notRegularFile")
        /// The process may not open or search the path.
        package static let permissionDenied = Reason("permissionDenied")
        /// The file is larger than the limit the caller set.
        package static let tooLarge = Reason("tooLarge")
        /// Symbolic links point at each other.
        package static let symbolicLinkLoop = Reason("symbolicLinkLoop")
        /// The path cannot name a file: it contains a NUL character or is too long.
        package static let invalidPath = Reason("invalidPath")
        /// A directory entry whose name is not valid UTF-8, so it cannot be named as a path.
        package static let undecodableName = Reason("undecodableName")
        /// Opening or reading failed for another reason (an I/O error, too many open files, …).
        package static let failed = Reason("failed")
    }

    /// The kind of problem.
    package var reason: Reason
    /// For ``Reason/tooLarge``: the limit in bytes.
    package var limit: Int?
    /// For ``Reason/tooLarge``: the file's size when it was known before reading.
    package var size: Int?
    /// For ``Reason/tooLarge``: whether the limit is the machine's memory rather than the caller's limit.
    package var limitIsMemory: Bool
    /// The system's `errno` when one caused the problem.
    package var systemError: Int32?

    /// A problem of the given kind.
    package init(
        _ reason: Reason, limit: Int? = nil, size: Int? = nil, limitIsMemory: Bool = false, systemError: Int32? = nil
    ) {
        self.reason = reason
        self.limit = limit
        self.size = size
        self.limitIsMemory = limitIsMemory
        self.systemError = systemError
    }

    /// The problem for a path whose `stat` or `fstat` said it is not a regular file, or `nil` for a regular file.
    package init?(kind: FileStatus.Kind) {
        switch kind {
        case .regular: return nil
        case .directory: self.init(.directory)
        case .fifo: self.init(.fifo)
        case .characterDevice: self.init(.characterDevice)
        case .blockDevice: self.init(.blockDevice)
        case .socket: self.init(.socket)
        case .symbolicLink, .other: self.init(.notRegularFile)
        }
    }

    /// The problem a failed system call's `errno` amounts to.
    package init(systemError code: Int32) {
        switch code {
        case ENOENT, ENOTDIR: self.init(.notFound, systemError: code)
        case EACCES, EPERM: self.init(.permissionDenied, systemError: code)
        case ELOOP: self.init(.symbolicLinkLoop, systemError: code)
        case ENAMETOOLONG: self.init(.invalidPath, systemError: code)
        case EISDIR: self.init(.directory, systemError: code)
        case ENXIO: self.init(.notRegularFile, systemError: code)
        default: self.init(.failed, systemError: code)
        }
    }

    /// Whether the path is simply absent, which callers usually treat as "not configured here" rather than as
    /// a broken configuration.
    package var isMissing: Bool { reason == .notFound }

    /// What is wrong, as a predicate: `does not exist`, `is a FIFO (named pipe), not a regular file`.
    package var description: String {
        switch reason {
        case .notFound: return "does not exist"
        case .directory: return "is a directory, not a file"
        case .notDirectory: return "is not a directory"
        case .fifo: return "is a FIFO (named pipe), not a regular file"
        case .characterDevice: return "is a character device, not a regular file"
        case .blockDevice: return "is a block device, not a regular file"
        case .socket: return "is a socket, not a regular file"
        case .notRegularFile: return "is not a regular file"
        case .permissionDenied: return "cannot be opened: permission denied"
        case .symbolicLinkLoop: return "cannot be opened: too many levels of symbolic links"
        case .invalidPath:
            return systemError == ENAMETOOLONG
                ? "cannot be opened: the path is too long" : "cannot be opened: the path contains a NUL character"
        case .undecodableName: return "cannot be read: its name is not valid UTF-8"
        case .tooLarge:
            let limitText =
                limitIsMemory
                ? "this machine's memory (\(limit ?? 0) bytes)"
                : limit.map { "the limit of \($0) bytes" } ?? "the limit"
            if let size { return "is \(size) bytes, more than \(limitText)" }
            return "is larger than \(limitText)"
        default:
            return "cannot be read: " + (systemError.map(Self.systemMessage) ?? "unknown error")
        }
    }

    /// The C library's text for an `errno` value.
    static func systemMessage(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
