// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// Turns a path that a profile, an option or a variable gives into an absolute one: the package's one rule, used
/// by the run and the dry run alike so that they read the same file.
///
/// - An absolute path (`/…`) stays as it is.
/// - `~` and `~/…` are under the home directory, `HOME` in the *given* environment (never the process's own);
///   with `HOME` unset or empty the path cannot be resolved, and ``PathProblem`` says so.
/// - `~user/…` (another user's home) is refused: the package does not look users up; write the full path.
/// - Anything else is relative to the given working directory.
package enum UserPath {
    /// `path` made absolute by the rules above.
    package static func resolve(
        _ path: String, workingDirectory: String, environment variables: EnvironmentVariables
    ) throws(PathProblem) -> String {
        if path.hasPrefix("/") { return path }
        guard path.hasPrefix("~") else { return join(workingDirectory, path) }
        guard path == "~" || path.hasPrefix("~/") else { throw PathProblem(.otherUsersHome, path: path) }
        guard let home = variables["HOME"] else { throw PathProblem(.homeUnset, path: path) }
        guard home.hasPrefix("/") else { throw PathProblem(.homeNotAbsolute, path: path) }
        let rest = path.dropFirst(path == "~" ? 1 : 2)
        return rest.isEmpty ? home : join(home, String(rest))
    }

    /// `path` made absolute against `workingDirectory` only: for paths that never start with `~` in practice
    /// because a shell already expanded them (command-line arguments), or that are already known to be absolute.
    package static func absolute(_ path: String, workingDirectory: String) -> String {
        path.hasPrefix("/") ? path : join(workingDirectory, path)
    }

    /// `name` under `directory`, with one `/` between them.
    package static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}

/// Why a path cannot be made absolute. ``description`` is a predicate for the caller's subject, like
/// ``FileProblem``'s: `certificate file ~/app.pem` + `cannot be found: it starts with ~ and HOME is not set`.
package struct PathProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem; stable, for code to switch on.
    package struct Reason: Sendable, Hashable {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// `~` or `~/…` with `HOME` unset or empty in the environment.
        package static let homeUnset = Reason("homeUnset")
        /// `~` or `~/…` with a `HOME` that is not an absolute path.
        package static let homeNotAbsolute = Reason("homeNotAbsolute")
        /// `~user/…`.
        package static let otherUsersHome = Reason("otherUsersHome")
    }

    /// The kind of problem.
    package var reason: Reason
    /// The path as given.
    package var path: String

    package init(_ reason: Reason, path: String) {
        self.reason = reason
        self.path = path
    }

    /// Whether the path names something absent from this environment (a link reading it is unavailable, as for
    /// a file that does not exist), rather than something wrong (a link reading it fails).
    package var isMissing: Bool { reason != .otherUsersHome }

    /// How to fix it.
    package var hint: String {
        switch reason {
        case .otherUsersHome: "Write the full path instead of ~user."
        default: "Set HOME, or write the full path."
        }
    }

    package var description: String {
        switch reason {
        case .homeUnset: "cannot be found: it starts with ~ and HOME is not set"
        case .homeNotAbsolute: "cannot be found: it starts with ~ and HOME is not an absolute path"
        default: "starts with ~user, which is not supported (only ~ and ~/ for HOME)"
        }
    }
}
