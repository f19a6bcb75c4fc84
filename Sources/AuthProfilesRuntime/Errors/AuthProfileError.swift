// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

public import AuthProfiles
import AzureIdentity
import IdentitySupport

/// Why a profile could not be loaded or could not produce a token.
///
/// The message names the profile, the link path (`prod/credential/links[2]:managedIdentity`) and where it is
/// written; every link's outcome is kept in ``attempts``. Nothing in it is a secret or a token.
public struct AuthProfileError: Error, Sendable, CustomStringConvertible {
    /// What kind of problem this is; stable, for programs to switch on.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's name, such as `noToken`.
        public let description: String
        init(_ description: String) { self.description = description }

        /// No profile of that name is on the search path.
        public static let profileNotFound = Code("profileNotFound")
        /// A profile file on the search path has errors (see ``AuthProfileError/diagnostics``).
        public static let invalidProfileFile = Code("invalidProfileFile")
        /// Two files on the search path define the same profile.
        public static let duplicateProfile = Code("duplicateProfile")
        /// A file or directory named explicitly (argument, `AUTHPROFILE_FILE`, `AUTHPROFILE_PATH`) does not exist.
        public static let missingLocation = Code("missingLocation")
        /// Every link was tried and none produced a token (see ``AuthProfileError/attempts``).
        public static let noToken = Code("noToken")
        /// A variable the runtime reads is set but cannot be used, so no link could run: a proxy variable that
        /// is not a usable proxy URL, or a CA file from `SSL_CERT_FILE`/`REQUESTS_CA_BUNDLE` that cannot be loaded.
        /// The message names the variable, never a proxy password.
        public static let invalidEnvironment = Code("invalidEnvironment")
    }

    /// The kind of problem.
    public var code: Code
    /// What went wrong, in one paragraph.
    public var message: String
    /// The profile concerned, when there is one.
    public var profile: String?
    /// Where the problem is written.
    public var location: SourceLocation?
    /// The diagnostics of invalid files.
    public var diagnostics: [Diagnostic]
    /// Every link's outcome, for ``Code/noToken``.
    public var attempts: [LinkAttempt]

    /// Creates an error.
    public init(
        _ code: Code, _ message: String, profile: String? = nil, location: SourceLocation? = nil,
        diagnostics: [Diagnostic] = [], attempts: [LinkAttempt] = []
    ) {
        self.code = code
        self.message = message
        self.profile = profile
        self.location = location
        self.diagnostics = diagnostics
        self.attempts = attempts
    }

    /// The message, then one line per error diagnostic and per link (a chain whose links follow shows its outcome
    /// only: their lines say why). The text of each line is escaped
    /// (`OutsideText`): a link's reason may quote a server or a tool, and neither may act on the terminal or forge
    /// another line.
    public var description: String {
        var lines = [location.map { "\($0): \(message)" } ?? message].map(OutsideText.escapingControlCharacters)
        for diagnostic in diagnostics where diagnostic.severity == .error {
            lines.append("  \(diagnostic.location): \(diagnostic.code.rawValue): \(diagnostic.message)")
        }
        for (index, attempt) in attempts.enumerated() {
            let indent = String(repeating: "  ", count: attempt.depth + 1)
            let place = attempt.location.map { " (\($0))" } ?? ""
            let shown = LinkAttempt.shownReason(at: index, in: attempts)
            let reason = shown.map { ": \(OutsideText.escapingControlCharacters($0))" } ?? ""
            lines.append("\(indent)\(attempt.displayName)\(place): \(attempt.outcome.rawValue)\(reason)")
        }
        return lines.joined(separator: "\n")
    }
}
