// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The one way the package searches a directory a user or a configuration gave for files.
///
/// The walk follows symbolic links to directories but enters each directory once, by device and inode, so a link
/// to `.` or to a parent ends instead of looping, and a directory reachable by two paths is read once. Entries whose
/// names start with `.` are skipped. A directory that cannot be listed is reported, never skipped in silence. An
/// entry that is not a directory is returned when `including` accepts its name, whatever it is (a FIFO, a dangling
/// link), so that reading it reports what it is. Results are sorted, whatever order the file system lists them in.
package enum DirectoryWalk {
    /// What a walk found.
    package struct Found: Sendable, Hashable {
        /// The files, as paths relative to the root (`team/prod.yaml`), sorted.
        package var files: [String] = []
        /// The directories that could not be searched and the entries that cannot be named, relative to the root
        /// (`""` for the root), sorted by path.
        package var problems: [Problem] = []
    }

    /// A directory that could not be searched, or an entry whose name cannot be used as a path.
    package struct Problem: Sendable, Hashable {
        /// The directory or entry, relative to the root; empty for the root itself.
        package var path: String
        /// Why.
        package var problem: FileProblem
    }

    /// Searches `root` and every directory under it for files whose names `including` accepts.
    package static func files(under root: String, including: (String) -> Bool) -> Found {
        var result = Found()
        var visited = Set<FileIdentity>()
        // Depth first, children in reverse sorted order on the stack, so that of two paths to one directory the
        // first in sorted order is the one that reads it.
        var pending = [""]
        while let relative = pending.popLast() {
            let directory = relative.isEmpty ? root : UserPath.join(root, relative)
            let listing: Listing
            switch list(directory) {
            case .failure(let problem):
                result.problems.append(Problem(path: relative, problem: problem))
                continue
            case .success(let found):
                listing = found
            }
            guard visited.insert(listing.identity).inserted else { continue }
            var subdirectories: [String] = []
            var unsearchable: FileProblem?
            for entry in listing.entries.sorted(by: { $0.name < $1.name }) where !entry.name.hasPrefix(".") {
                let child = relative.isEmpty ? entry.name : UserPath.join(relative, entry.name)
                switch entry.status {
                case .success(let status) where status.kind == .directory:
                    if !visited.contains(status.identity) { subdirectories.append(child) }
                case .failure(let problem) where problem.reason == .permissionDenied:
                    // The directory lets its entries be listed but not searched: not even their types can be learned.
                    unsearchable = problem
                case .failure(let problem) where problem.reason == .undecodableName:
                    result.problems.append(Problem(path: child, problem: problem))
                default:
                    if including(entry.name) { result.files.append(child) }
                }
            }
            if let unsearchable { result.problems.append(Problem(path: relative, problem: unsearchable)) }
            pending.append(contentsOf: subdirectories.reversed())
        }
        result.files.sort()
        result.problems.sort { $0.path < $1.path }
        return result
    }

    /// One entry of a directory and what `stat` said about it (symbolic links followed).
    package struct Entry: Sendable {
        /// The entry's name.
        package var name: String
        /// Its status, or why it has none (a dangling link, no search permission).
        package var status: Result<FileStatus, FileProblem>
    }

    /// A directory's identity and entries.
    package struct Listing: Sendable {
        /// The directory's device and inode.
        package var identity: FileIdentity
        /// Its entries except `.` and `..`, in the order the file system gave them.
        package var entries: [Entry]
    }

    /// Lists a directory without blocking on what it holds: opened with `O_DIRECTORY | O_NONBLOCK`, each entry
    /// checked with `fstatat` (never opened).
    package static func list(_ directory: String) -> Result<Listing, FileProblem> {
        let result = unobservedList(directory)
        FileReads.observer?.observeListing(directory, result: result)
        return result
    }

    private static func unobservedList(_ directory: String) -> Result<Listing, FileProblem> {
        guard !directory.utf8.contains(0) else { return .failure(FileProblem(.invalidPath)) }
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            return .failure(
                code == ENOTDIR
                    ? FileProblem(.notDirectory, systemError: code)
                    : FileProblem(systemError: code))
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let code = errno
            _ = close(descriptor)
            return .failure(FileProblem(systemError: code))
        }
        guard let stream = fdopendir(descriptor) else {
            let code = errno
            _ = close(descriptor)
            return .failure(FileProblem(systemError: code))
        }
        defer { _ = closedir(stream) }
        var entries: [Entry] = []
        while true {
            errno = 0
            guard let entry = readdir(stream) else {
                if errno != 0 { return .failure(FileProblem(systemError: errno)) }
                break
            }
            let (name, status) = withUnsafePointer(to: &entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: pointer.pointee)) {
                    raw -> (String, Result<FileStatus, FileProblem>) in
                    // A name that is not UTF-8 cannot be given back as a path to open; say so instead.
                    guard let name = String(validatingCString: raw) else {
                        return (String(cString: raw), .failure(FileProblem(.undecodableName)))
                    }
                    var child = stat()
                    guard fstatat(descriptor, raw, &child, 0) == 0 else {
                        return (name, .failure(FileProblem(systemError: errno)))
                    }
                    return (name, .success(FileStatus(child)))
                }
            }
            if name == "." || name == ".." { continue }
            entries.append(Entry(name: name, status: status))
        }
        return .success(Listing(identity: FileStatus(info).identity, entries: entries))
    }
}
