// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// Something told about every file system read this package makes on the current task: each
/// ``UserFile/read(_:limit:)``, ``UserFile/status(of:)``, ``DirectoryWalk/list(_:)`` and read of a token cache
/// file, with its result.
///
/// The token shortcut (issue 12) records what `authprofile token` read while it answered from the persistent cache,
/// so that a later process can answer the same way after checking that every read would give the same result
/// (`TokenShortcut`). The reads are this package's only ways to read what users give (the files' own comments say
/// so), so what an observer sees is everything the answer depended on in the file system.
package protocol FileReadObserver: Sendable {
    /// A call of ``UserFile/read(_:limit:)`` and its result.
    func observeRead(_ path: String, limit: Int, result: Result<FileContents, FileProblem>)
    /// A call of ``UserFile/status(of:)`` (or ``UserFile/kind(of:)``) and its result.
    func observeStatus(_ path: String, result: Result<FileStatus, FileProblem>)
    /// A call of ``DirectoryWalk/list(_:)`` and its result.
    func observeListing(_ path: String, result: Result<DirectoryWalk.Listing, FileProblem>)
    /// A read of file `name` in the persistent token cache's `directory` (`CacheDirectory.read`): its bytes, `nil`
    /// when there is no such file, or why it could not be read.
    func observeCacheFileRead(_ directory: String, name: String, limit: Int, result: Result<[UInt8]?, any Error>)
    /// A persistent token cache asked key store `store` (its identity) for key `name`: the key, `nil` when there
    /// is none, or why the store could not be used.
    func observeKey(_ name: String, store: String, result: Result<[UInt8]?, any Error>)
}

/// The observer of the current task's reads, if any; set with `FileReads.$observer.withValue(_:operation:)`.
package enum FileReads {
    /// The observer told about reads on this task.
    @TaskLocal package static var observer: (any FileReadObserver)?
}
