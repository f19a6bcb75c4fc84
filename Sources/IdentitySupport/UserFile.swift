// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of a regular file and what `fstat` said about the descriptor they were read from.
package struct FileContents: Sendable {
    /// The file's bytes.
    package var bytes: [UInt8]
    /// The status of the file that was read (not of a path that may have changed since).
    package var status: FileStatus
}

/// The one way the package reads a file whose path a user or a configuration gave: profile files, secret files,
/// certificates, token and assertion files, the CLI's `--env` file, the developer tools' files and Azure Arc's key.
///
/// Only regular files are read. A FIFO, a device, a socket or a directory is refused with a ``FileProblem`` that
/// says which it is, without waiting: the path is checked with `stat` first, then opened with `O_NONBLOCK` (so a
/// FIFO swapped in meanwhile cannot block `open`) and checked again with `fstat` on the descriptor, which is what
/// is read. A file larger than the caller's limit is refused before a byte is read; the bytes go into one buffer
/// sized from the file's size, so reading costs the file's size in memory and no more.
package enum UserFile {
    /// Reads a regular file of at most `limit` bytes.
    ///
    /// Any `limit` is safe: a negative one counts as 0, and whatever the limit, a file larger than the machine's
    /// physical memory is refused before anything is allocated for it (the allocation could only fail).
    package static func read(_ path: String, limit: Int) throws(FileProblem) -> FileContents {
        let result = Result { () throws(FileProblem) in try unobservedRead(path, limit: limit) }
        FileReads.observer?.observeRead(path, limit: limit, result: result)
        return try result.get()
    }

    private static func unobservedRead(_ path: String, limit: Int) throws(FileProblem) -> FileContents {
        let limit = max(0, limit)
        let (descriptor, opened) = try openRegularFile(path, limit: limit)
        defer { _ = close(descriptor) }
        let bytes = try readAll(descriptor, expected: opened.size, limit: min(limit, physicalMemory))
        return FileContents(bytes: bytes, status: opened)
    }

    /// Opens a regular file of at most `limit` bytes (`limit` not negative) and returns the descriptor (the caller
    /// closes it) and its `fstat`.
    static func openRegularFile(_ path: String, limit: Int) throws(FileProblem) -> (Int32, FileStatus) {
        let before = try unobservedStatus(of: path).get()
        if let problem = FileProblem(kind: before.kind) { throw problem }
        try check(size: before.size, limit: limit)
        let descriptor = try open(path)
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let problem = FileProblem(systemError: errno)
            _ = close(descriptor)
            throw problem
        }
        let opened = FileStatus(info)
        do throws(FileProblem) {
            if let problem = FileProblem(kind: opened.kind) { throw problem }
            try check(size: opened.size, limit: limit)
        } catch {
            _ = close(descriptor)
            throw error
        }
        // Regular files ignore O_NONBLOCK; clear it anyway so reads behave the ordinary way.
        let flags = fcntl(descriptor, F_GETFL)
        if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) }
        return (descriptor, opened)
    }

    /// The machine's physical memory in bytes (`Int.max` when the system does not say).
    package static let physicalMemory: Int = {
        let pages = sysconf(Int32(_SC_PHYS_PAGES))
        let size = sysconf(Int32(_SC_PAGESIZE))
        guard pages > 0, size > 0 else { return .max }
        let (bytes, overflow) = Int(pages).multipliedReportingOverflow(by: Int(size))
        return overflow ? .max : bytes
    }()

    private static func check(size: Int, limit: Int) throws(FileProblem) {
        if size > limit { throw FileProblem(.tooLarge, limit: limit, size: size) }
        if size > physicalMemory {
            throw FileProblem(.tooLarge, limit: physicalMemory, size: size, limitIsMemory: true)
        }
    }

    /// What is at `path` (symbolic links followed), without opening it.
    package static func status(of path: String) -> Result<FileStatus, FileProblem> {
        let result = unobservedStatus(of: path)
        FileReads.observer?.observeStatus(path, result: result)
        return result
    }

    private static func unobservedStatus(of path: String) -> Result<FileStatus, FileProblem> {
        guard !path.utf8.contains(0) else { return .failure(FileProblem(.invalidPath)) }
        var info = stat()
        guard stat(path, &info) == 0 else { return .failure(FileProblem(systemError: errno)) }
        return .success(FileStatus(info))
    }

    /// The kind of what is at `path`, or `nil` when nothing (readable) is there.
    package static func kind(of path: String) -> FileStatus.Kind? {
        try? status(of: path).get().kind
    }

    private static func open(_ path: String) throws(FileProblem) -> Int32 {
        guard !path.utf8.contains(0) else { throw FileProblem(.invalidPath) }
        while true {
            let descriptor = systemOpen(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
            if descriptor >= 0 { return descriptor }
            if errno != EINTR { throw FileProblem(systemError: errno) }
        }
    }

    /// Reads to the end of the file into one buffer of the expected size, growing it only when the file grew
    /// (or reported no size, as some kernel files do), and never past `limit`.
    static func readAll(_ descriptor: Int32, expected: Int, limit: Int) throws(FileProblem) -> [UInt8] {
        var failure: Int32?
        var bytes = [UInt8](unsafeUninitializedCapacity: min(expected, limit)) { buffer, count in
            count = 0
            while count < buffer.count {
                let result = systemRead(descriptor, buffer.baseAddress! + count, buffer.count - count)
                if result > 0 {
                    count += result
                } else if result == 0 {
                    return
                } else if errno != EINTR {
                    failure = errno
                    return
                }
            }
        }
        if let failure { throw FileProblem(systemError: failure) }
        if bytes.count < min(expected, limit) { return bytes }
        try readRest(descriptor, appendingTo: &bytes, limit: limit)
        return bytes
    }

    /// Reads from the descriptor to the end of the file, appending to `bytes`, refusing a file that grows past the
    /// limit.
    static func readRest(_ descriptor: Int32, appendingTo bytes: inout [UInt8], limit: Int) throws(FileProblem) {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            if bytes.count > limit { throw FileProblem(.tooLarge, limit: limit) }
            let room = limit - bytes.count
            let wanted = room == 0 ? 1 : min(room, chunk.count)
            let result = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress!, wanted) }
            if result == 0 { return }
            if result < 0 {
                if errno == EINTR { continue }
                throw FileProblem(systemError: errno)
            }
            if room == 0 { throw FileProblem(.tooLarge, limit: limit) }
            bytes.append(contentsOf: chunk[..<result])
        }
    }
}

// The C library's `open` and `read`, under names that the static methods above do not shadow.
private func systemOpen(_ path: String, _ flags: Int32) -> Int32 { open(path, flags) }
func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
