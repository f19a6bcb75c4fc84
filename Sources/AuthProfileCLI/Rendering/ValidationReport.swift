// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

package import AuthProfiles

/// The results of validating a set of files, as every output format sees them.
package struct ValidationReport: Sendable {
    /// One result per file, in the order the files were found.
    package let results: [ValidationResult]
    /// Whether warnings fail the run.
    package let strict: Bool

    /// Creates a report.
    package init(results: [ValidationResult], strict: Bool) {
        self.results = results
        self.strict = strict
    }

    /// Every diagnostic of every file, in file order, each file's sorted by location.
    package var diagnostics: [Diagnostic] { results.flatMap(\.diagnostics) }

    /// How many diagnostics have a severity.
    package func count(_ severity: Severity) -> Int { diagnostics.filter { $0.severity == severity }.count }

    /// Whether the run fails: any error, or any warning under `--strict`.
    package var fails: Bool { count(.error) > 0 || (strict && count(.warning) > 0) }

    /// Whether some input could not be read at all.
    package var hasUnreadableInput: Bool { diagnostics.contains { $0.code == .unreadableFile } }

    /// The number of profiles in the files that validated.
    package var profileCount: Int { results.compactMap(\.graph).reduce(0) { $0 + $1.profiles.count } }
}

/// Turns a report into one output format.
package protocol DiagnosticRenderer: Sendable {
    /// The whole output for the report.
    func render(_ report: ValidationReport) -> String
}

extension Int {
    func counted(_ noun: String) -> String { "\(self) \(noun)\(self == 1 ? "" : "s")" }
}
