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

extension TokenShortcut {
    /// A run as a record's name sees it: who runs what, where, with which environment.
    package struct Situation: Sendable {
        /// The effective user id.
        package var userID: UInt32
        /// The working directory.
        package var workingDirectory: String
        /// The arguments after the program's name.
        package var arguments: [String]
        /// Every environment variable.
        package var environment: [String: String]

        /// A situation; the user is this process's effective user unless given.
        package init(
            arguments: [String], environment: [String: String], workingDirectory: String,
            userID: UInt32 = UInt32(geteuid())
        ) {
            self.userID = userID
            self.workingDirectory = workingDirectory
            self.arguments = arguments
            self.environment = environment
        }

        /// The record's file name.
        package var fileName: String {
            TokenShortcut.fileName(
                userID: userID, workingDirectory: workingDirectory, arguments: arguments, environment: environment)
        }

        /// The directory records live in: the default persistent cache directory (`$XDG_CACHE_HOME/authprofile`,
        /// else `$HOME/.cache/authprofile`), whatever directory a profile's cache names.
        package var directory: String? {
            try? CacheDirectory.resolve(nil, environment: EnvironmentVariables(environment))
        }
    }

    /// What the record of `situation` says to print at `now`, or `nil` when there is no record that holds: none,
    /// refused by the directory's checks, not sealed under `key`, damaged, out of date or with a read that changed.
    package static func lookup(_ situation: Situation, now: Double, key: [UInt8]?, keys: Keys) -> String? {
        guard let key, let path = situation.directory,
            let bytes = FileReads.$observer.withValue(
                nil,
                operation: { () -> [UInt8]? in
                    guard let directory = try? CacheDirectory.open(path, create: false) else { return nil }
                    return try? directory.read(situation.fileName, limit: sizeLimit)
                }),
            let record = unsealed(bytes, key: key)
        else { return nil }
        return record.replay(now: now, keys: keys)
    }

    /// Writes the record for `situation`, sealed under `key`, into the records' directory (created 0700 when
    /// missing); when the directory holds ``recordLimit`` records, the oldest are removed first.
    package func store(for situation: Situation, key: [UInt8]) throws(CacheProblem) {
        guard let path = situation.directory else { throw CacheProblem(reason: "no cache directory") }
        guard let directory = try CacheDirectory.open(path, create: true) else {
            throw CacheProblem(reason: "\(shown(path)) cannot be created")
        }
        let name = situation.fileName
        let others = directory.names(limit: 10_000).filter { TokenShortcut.isFileName($0) && $0 != name }
        if others.count >= Self.recordLimit {
            let aged = others.map { ($0, directory.status(of: $0)?.modified ?? 0) }.sorted { $0.1 < $1.1 }
            for (old, _) in aged.prefix(others.count - Self.recordLimit + 1) { try? directory.remove(old) }
        }
        try directory.writeAtomically(name, try sealed(key: key))
    }

    /// Removes every record in `directory`; returns how many were removed.
    package static func removeAll(in directory: CacheDirectory) -> Int {
        var removed = 0
        for name in directory.names(limit: 10_000) where isFileName(name) {
            if (try? directory.remove(name)) != nil { removed += 1 }
        }
        return removed
    }
}
