// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

package import IdentitySupport
import Synchronization

/// Records the reads of a run (``FileReadObserver``) as a ``TokenShortcut``'s reads, fingerprinted as they happen
/// (no file's bytes are kept). Set it as `FileReads.observer` around the code whose reads the record must cover.
package final class TokenShortcutRecorder: FileReadObserver {
    private let state = Mutex<(reads: [TokenShortcut.Read], overflowed: Bool)>(([], false))

    /// A recorder with no reads.
    package init() {}

    /// The reads recorded, or `nil` when there were more than a record keeps.
    package var reads: [TokenShortcut.Read]? {
        state.withLock { $0.overflowed ? nil : $0.reads }
    }

    package func observeRead(_ path: String, limit: Int, result: Result<FileContents, FileProblem>) {
        append(.init(operation: "read", path: path, limit: limit, fingerprint: TokenShortcut.Fingerprint.read(result)))
    }

    package func observeStatus(_ path: String, result: Result<FileStatus, FileProblem>) {
        append(.init(operation: "status", path: path, fingerprint: TokenShortcut.Fingerprint.status(result)))
    }

    package func observeListing(_ path: String, result: Result<DirectoryWalk.Listing, FileProblem>) {
        append(.init(operation: "list", path: path, fingerprint: TokenShortcut.Fingerprint.listing(result)))
    }

    package func observeCacheFileRead(
        _ directory: String, name: String, limit: Int, result: Result<[UInt8]?, any Error>
    ) {
        append(
            .init(
                operation: "cache", path: directory, name: name, limit: limit,
                fingerprint: TokenShortcut.Fingerprint.cacheFile(result)))
    }

    package func observeKey(_ name: String, store: String, result: Result<[UInt8]?, any Error>) {
        append(.init(operation: "key", path: store, name: name, fingerprint: TokenShortcut.Fingerprint.key(result)))
    }

    private func append(_ read: TokenShortcut.Read) {
        state.withLock {
            guard !$0.overflowed else { return }
            // The same read twice with the same result needs checking once.
            if $0.reads.contains(read) { return }
            if $0.reads.count >= TokenShortcut.readLimit {
                $0.overflowed = true
                $0.reads = []
            } else {
                $0.reads.append(read)
            }
        }
    }
}
