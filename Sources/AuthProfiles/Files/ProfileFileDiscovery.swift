// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import IdentitySupport

/// Finds profile files under the paths a user gives: files as they are, directories searched
/// recursively for `*.yaml`, `*.yml` and `*.json` (hidden entries skipped), in sorted order.
///
/// Each directory is read once, however many symbolic links lead to it, so a link to `.` or to a parent does not
/// loop or repeat files. A directory that cannot be read is an entry of its own, which validates as an `AP100`
/// error rather than being skipped. An entry with a profile file's name that is not a regular file (a FIFO, a
/// device, a dangling link) is returned too, so that reading it says what it is.
public enum ProfileFileDiscovery {
    /// The extensions of profile files.
    public static let extensions: Set<String> = ["yaml", "yml", "json"]

    /// One path the user gave, and what it held.
    public struct Entry: Sendable, Hashable {
        /// The path as given, for display, or a path under it (names found in a directory have their control
        /// characters escaped).
        public let displayPath: String
        /// The path to read, resolved against the working directory.
        public let resolvedPath: String
        /// Why the directory (or entry) at `resolvedPath` could not be searched; `nil` for a file to read.
        let problem: FileProblem?

        /// Whether this entry is a directory that could not be searched rather than a file.
        public var isUnsearchable: Bool { problem != nil }

        init(displayPath: String, resolvedPath: String, problem: FileProblem? = nil) {
            self.displayPath = displayPath
            self.resolvedPath = resolvedPath
            self.problem = problem
        }
    }

    /// Expands `paths` (resolved against `workingDirectory`) into profile files. A path that does not
    /// exist is returned as is, so that reading it reports the problem with its name.
    public static func discover(_ paths: [String], workingDirectory: String) -> [Entry] {
        var entries: [Entry] = []
        for path in paths {
            let resolved = resolve(path, against: workingDirectory)
            guard UserFile.kind(of: resolved) == .directory else {
                entries.append(Entry(displayPath: path, resolvedPath: resolved))
                continue
            }
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            let found = DirectoryWalk.files(under: resolved, including: isProfileFileName)
            var expanded = found.files.map {
                Entry(
                    displayPath: UserPath.join(base, OutsideText.escapingControlCharacters($0)),
                    resolvedPath: UserPath.join(resolved, $0))
            }
            expanded += found.problems.map { problem in
                let relative = OutsideText.escapingControlCharacters(problem.path)
                return Entry(
                    displayPath: relative.isEmpty ? path : UserPath.join(base, relative),
                    resolvedPath: problem.path.isEmpty ? resolved : UserPath.join(resolved, problem.path),
                    problem: problem.problem)
            }
            entries += expanded.sorted { $0.displayPath < $1.displayPath }
        }
        return entries
    }

    /// Resolves a relative path against a directory.
    public static func resolve(_ path: String, against directory: String) -> String {
        UserPath.absolute(path, workingDirectory: directory)
    }

    /// Whether a name found in a directory is a profile file's: `*.yaml`, `*.yml`, `*.json`, in any case.
    static func isProfileFileName(_ name: String) -> Bool {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return false }
        return extensions.contains(name[name.index(after: dot)...].lowercased())
    }
}
