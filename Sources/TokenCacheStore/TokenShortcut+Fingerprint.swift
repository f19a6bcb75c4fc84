// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Crypto
import IdentitySupport

extension TokenShortcut {
    /// The fingerprints of reads' results: what a record keeps and a replay compares. One definition for both, so
    /// a read that gives the same result gives the same fingerprint.
    enum Fingerprint {
        static func read(_ result: Result<FileContents, FileProblem>) -> String {
            digest { add in
                switch result {
                case .success(let contents):
                    add("ok " + status(contents.status))
                    add(contents.bytes)
                case .failure(let problem):
                    add("error \(problem)")
                }
            }
        }

        static func status(_ result: Result<FileStatus, FileProblem>) -> String {
            digest { add in
                switch result {
                case .success(let found): add("ok " + status(found))
                case .failure(let problem): add("error \(problem)")
                }
            }
        }

        static func listing(_ result: Result<DirectoryWalk.Listing, FileProblem>) -> String {
            digest { add in
                switch result {
                case .success(let listing):
                    add("ok \(listing.identity.device) \(listing.identity.inode)")
                    for entry in listing.entries.sorted(by: { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }) {
                        add(entry.name)
                        switch entry.status {
                        case .success(let found): add("ok " + status(found))
                        case .failure(let problem): add("error \(problem)")
                        }
                    }
                case .failure(let problem):
                    add("error \(problem)")
                }
            }
        }

        static func cacheFile(_ result: Result<[UInt8]?, any Error>) -> String {
            digest { add in
                switch result {
                case .success(let bytes?):
                    add("ok")
                    add(bytes)
                case .success(nil): add("absent")
                case .failure(let problem): add("error \(problem)")
                }
            }
        }

        /// A key by its SHA-256 (the record is sealed, and a hash of a random 256-bit key tells nothing of it).
        static func key(_ result: Result<[UInt8]?, any Error>) -> String {
            digest { add in
                switch result {
                case .success(let key?): add("ok " + TokenShortcut.hex(SHA256.hash(data: key)))
                case .success(nil): add("absent")
                case .failure(let problem): add("error \(problem)")
                }
            }
        }

        /// What a status says that a run can depend on: everything but the modification time.
        private static func status(_ status: FileStatus) -> String {
            "\(status.kind) \(status.permissions) \(status.size) \(status.device) \(status.inode)"
        }

        private static func digest(_ body: (inout Digest) -> Void) -> String {
            var digest = Digest()
            body(&digest)
            return TokenShortcut.hex(digest.hasher.finalize())
        }

        /// SHA-256 over length-prefixed parts, so that no two sequences of parts hash alike by concatenation.
        struct Digest {
            var hasher = SHA256()

            mutating func callAsFunction(_ text: String) { callAsFunction(Array(text.utf8)) }

            mutating func callAsFunction(_ bytes: [UInt8]) {
                hasher.update(data: Array("\(bytes.count):".utf8))
                hasher.update(data: bytes)
            }
        }
    }
}
