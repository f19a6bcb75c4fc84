// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

package import IdentitySupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the persistent cache cannot be used for one operation (or at all): a clause for a warning or for
/// ``TokenCacheProtection/detail``. It names paths and system errors, never file contents.
package struct CacheProblem: Error, Sendable, CustomStringConvertible {
    /// The reason, a clause.
    package var reason: String
    /// The reason.
    package var description: String { reason }

    /// A problem with `reason`.
    package init(reason: String) { self.reason = reason }
}

/// The persistent cache's directory, opened once per operation and checked on the descriptor that is then used
/// for every file in it (`openat`, `renameat`), so a path swapped for a symbolic link meanwhile is never followed.
///
/// Refused: a path that is a symbolic link (not followed), not a directory, owned by another user, or writable by
/// its group or other users. A directory the cache creates is mode 0700 (its missing parents too).
package final class CacheDirectory {
    /// The directory's path.
    package let path: String
    /// The descriptor every operation goes through.
    package let descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit { _ = close(descriptor) }

    /// The cache directory: `directory` when given, else `$XDG_CACHE_HOME/authprofile`, else
    /// `$HOME/.cache/authprofile`. Relative values of the variables are ignored, as the XDG specification says.
    package static func resolve(
        _ directory: String?, environment variables: EnvironmentVariables
    ) throws(CacheProblem) -> String {
        if let directory {
            guard directory.hasPrefix("/") else {
                throw CacheProblem(reason: "the cache directory \(shown(directory)) is not an absolute path")
            }
            return directory
        }
        if let xdg = variables["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return UserPath.join(xdg, "authprofile") }
        if let home = variables["HOME"], home.hasPrefix("/") { return UserPath.join(home, ".cache/authprofile") }
        throw CacheProblem(reason: "neither XDG_CACHE_HOME nor HOME is set to an absolute path")
    }

    /// Opens and checks `path`; creates it (0700) when `create` is true, else returns `nil` when it does not exist.
    package static func open(_ path: String, create: Bool) throws(CacheProblem) -> CacheDirectory? {
        var info = stat()
        if lstat(path, &info) != 0 {
            let code = errno
            guard code == ENOENT else { throw problem("cannot be examined", path: path, errno: code) }
            guard create else { return nil }
            try makeDirectories(path)
        }
        let descriptor = systemOpen(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ELOOP || (lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK) {
                throw CacheProblem(reason: "the cache directory \(shown(path)) is a symbolic link (not followed)")
            }
            if code == ENOTDIR {
                throw CacheProblem(reason: "the cache directory \(shown(path)) is not a directory")
            }
            throw problem("cannot be opened", path: path, errno: code)
        }
        let directory = CacheDirectory(path: path, descriptor: descriptor)
        guard fstat(descriptor, &info) == 0 else { throw problem("cannot be examined", path: path, errno: errno) }
        if info.st_uid != geteuid() {
            throw CacheProblem(
                reason: "the cache directory \(shown(path)) is owned by user id \(info.st_uid), not by this user "
                    + "(\(geteuid()))"
            )
        }
        let mode = UInt16(truncatingIfNeeded: info.st_mode & 0o7777)
        if mode & 0o022 != 0 {
            throw CacheProblem(
                reason: "the cache directory \(shown(path)) is writable by its group or other users "
                    + "(mode \(FileStatus(kind: .directory, permissions: mode).modeText))"
            )
        }
        return directory
    }

    private static func makeDirectories(_ path: String) throws(CacheProblem) {
        var prefix = ""
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += "/" + component
            if mkdir(prefix, 0o700) != 0 {
                let code = errno
                if code == EEXIST { continue }
                throw problem("cannot be created", path: prefix, errno: code)
            }
        }
    }

    /// The bytes of regular file `name` in the directory, or `nil` when it does not exist.
    /// - Throws: when it is not a regular file, not only its owner's, larger than `limit`, or cannot be read.
    package func read(_ name: String, limit: Int) throws(CacheProblem) -> [UInt8]? {
        let result = Result { () throws(CacheProblem) in try unobservedRead(name, limit: limit) }
        FileReads.observer?.observeCacheFileRead(path, name: name, limit: limit, result: result.mapError { $0 })
        return try result.get()
    }

    private func unobservedRead(_ name: String, limit: Int) throws(CacheProblem) -> [UInt8]? {
        let file = openat(descriptor, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard file >= 0 else {
            let code = errno
            if code == ENOENT { return nil }
            if code == ELOOP { throw CacheProblem(reason: "\(shown(name)) is a symbolic link (not followed)") }
            throw Self.problem("cannot be opened", path: UserPath.join(path, name), errno: code)
        }
        defer { _ = close(file) }
        var info = stat()
        guard fstat(file, &info) == 0 else {
            throw Self.problem("cannot be examined", path: UserPath.join(path, name), errno: errno)
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw CacheProblem(reason: "\(shown(name)) is not a regular file")
        }
        guard info.st_uid == geteuid() else {
            throw CacheProblem(reason: "\(shown(name)) is owned by user id \(info.st_uid), not by this user")
        }
        guard info.st_mode & 0o077 == 0 else { throw CacheProblem(reason: "\(shown(name)) is open to other users") }
        let size = Int(clamping: Int64(info.st_size))
        guard size <= limit else { throw CacheProblem(reason: "\(shown(name)) is larger than \(limit) bytes") }
        var bytes = [UInt8](repeating: 0, count: size + 1)
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { buffer in
                systemRead(file, buffer.baseAddress! + filled, buffer.count - filled)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw Self.problem("cannot be read", path: UserPath.join(path, name), errno: errno)
            }
            if count == 0 { break }
            filled += count
        }
        // Grew while being read (it is replaced by rename, never written in place, so this is not this package's).
        guard filled <= size else { throw CacheProblem(reason: "\(shown(name)) changed while it was read") }
        return Array(bytes.prefix(filled))
    }

    /// Replaces file `name` with `bytes`: written to a new 0600 file, flushed to disk, then renamed over the old
    /// one, so a reader sees the whole old file or the whole new one, never part of either.
    package func writeAtomically(_ name: String, _ bytes: [UInt8], simulatedError: Int32? = nil) throws(CacheProblem) {
        if let simulatedError { throw Self.problem("cannot be written", path: path, errno: simulatedError) }
        let temporary = ".\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let file = openat(descriptor, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard file >= 0 else { throw Self.problem("cannot be written", path: path, errno: errno) }
        var written = 0
        var failure: Int32 = 0
        if fchmod(file, 0o600) != 0 { failure = errno }
        while failure == 0 && written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                systemWrite(file, buffer.baseAddress! + written, buffer.count - written)
            }
            if count < 0 {
                if errno == EINTR { continue }
                failure = errno
            } else {
                written += count
            }
        }
        if failure == 0 && fsync(file) != 0 { failure = errno }
        if close(file) != 0 && failure == 0 { failure = errno }
        if failure == 0 && renameat(descriptor, temporary, descriptor, name) != 0 { failure = errno }
        if failure != 0 {
            _ = unlinkat(descriptor, temporary, 0)
            throw Self.problem("cannot be written", path: path, errno: failure)
        }
        // Make the rename itself durable; a failure here loses nothing that a crash would not.
        _ = fsync(descriptor)
    }

    /// Removes file `name` if it exists.
    package func remove(_ name: String) throws(CacheProblem) {
        if unlinkat(descriptor, name, 0) != 0, errno != ENOENT {
            throw Self.problem("cannot be removed", path: UserPath.join(path, name), errno: errno)
        }
    }

    /// The names of the directory's entries (at most `limit`).
    package func names(limit: Int = .max) -> [String] {
        let copy = dup(descriptor)
        guard copy >= 0, let stream = fdopendir(copy) else { return [] }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
            if names.count >= limit { break }
        }
        return names
    }

    /// What entry `name` is, not following a symbolic link, or `nil` when it does not exist (or cannot be examined).
    package func status(of name: String) -> FileStatus? {
        var info = stat()
        guard fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        return FileStatus(info)
    }

    /// Takes an exclusive `flock` on file `name` (created 0600 if missing), waiting at most `timeout`.
    ///
    /// The lock is on the file `name` names once it is held: a lock file removed (by `cache clear`, which removes
    /// it while holding its lock) or replaced while this process waited is opened again, so two processes never
    /// hold locks on two different files of one name.
    package func lock(_ name: String, timeout: Duration) async throws(CacheProblem) -> CacheFileLock {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while true {
            let lock = try await lockOnce(name, until: deadline, timeout: timeout)
            var held = stat()
            var named = stat()
            if fstat(lock.descriptor, &held) == 0, fstatat(descriptor, name, &named, AT_SYMLINK_NOFOLLOW) == 0,
                held.st_ino == named.st_ino, held.st_dev == named.st_dev
            {
                return lock
            }
            // Removed or replaced meanwhile: this descriptor locks a file nobody else will open.
            lock.release()
            guard clock.now < deadline else {
                throw CacheProblem(reason: "the lock file \(shown(name)) kept being replaced for \(timeout)")
            }
        }
    }

    private func lockOnce(
        _ name: String, until deadline: ContinuousClock.Instant, timeout: Duration
    ) async throws(CacheProblem) -> CacheFileLock {
        var file = openat(descriptor, name, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0o600)
        if file < 0 && (errno == EROFS || errno == EACCES) {
            // A read-only directory with the lock file present: a read-only descriptor can be locked too.
            file = openat(descriptor, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        }
        guard file >= 0 else { throw Self.problem("cannot be opened", path: UserPath.join(path, name), errno: errno) }
        var info = stat()
        guard fstat(file, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            _ = close(file)
            throw CacheProblem(reason: "the lock file \(shown(name)) is not a regular file")
        }
        let clock = ContinuousClock()
        var pause = Duration.milliseconds(1)
        while flock(file, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            guard code == EWOULDBLOCK || code == EINTR else {
                _ = close(file)
                throw Self.problem("cannot be locked", path: UserPath.join(path, name), errno: code)
            }
            guard clock.now < deadline else {
                _ = close(file)
                throw CacheProblem(
                    reason: "another process held the lock \(shown(UserPath.join(path, name))) for longer than "
                        + "\(timeout)"
                )
            }
            do {
                try await Task.sleep(for: pause)
            } catch {
                _ = close(file)
                throw CacheProblem(reason: "the wait for the cache lock was cancelled")
            }
            pause = min(pause * 2, .milliseconds(20))
        }
        return CacheFileLock(descriptor: file)
    }

    package static func problem(_ what: String, path: String, errno code: Int32) -> CacheProblem {
        let message = strerror(code).map { String(cString: $0) } ?? "error"
        return CacheProblem(reason: "\(shown(path)) \(what): \(message) (errno \(code))")
    }
}

/// A held `flock`; released by ``release()`` or when the object goes away (and by the kernel if the process dies).
package final class CacheFileLock: Sendable {
    /// The locked file's descriptor.
    package let descriptor: Int32

    init(descriptor: Int32) { self.descriptor = descriptor }

    deinit { _ = close(descriptor) }

    /// Releases the lock now.
    package func release() { _ = flock(descriptor, LOCK_UN) }
}

/// A path or file name for a message: control characters escaped, long names shortened.
package func shown(_ text: String) -> String { OutsideText.escaped(text, limit: 256) }

// The C library's functions that the methods above would shadow.
private func systemOpen(_ path: String, _ flags: Int32) -> Int32 { open(path, flags) }
private func systemRead(_ file: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(file, buffer, count)
}
private func systemWrite(_ file: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(file, buffer, count) }
