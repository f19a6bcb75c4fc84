// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles

/// A GitLab Code Quality report (`artifacts: reports: codequality:`): a JSON array with one issue per diagnostic,
/// in the subset of the Code Climate format that GitLab reads — `description`, `check_name`, `fingerprint`,
/// `severity` and `location.path` with `location.lines.begin`. GitLab shows the issues in the merge request's
/// Code Quality widget and in the changed lines.
///
/// Paths are the diagnostics' own (as given on the command line): run `validate` from the repository root with
/// relative paths, as GitLab resolves `location.path` against it.
package struct GitLabRenderer: DiagnosticRenderer {
    /// Creates the renderer.
    package init() {}

    package func render(_ report: ValidationReport) -> String {
        let issues: [JSONValue] = report.diagnostics.map { diagnostic in
            var description = diagnostic.message
            if let hint = diagnostic.hint { description += " (help: \(hint))" }
            let severity: String =
                switch diagnostic.severity {
                case .error: "major"
                case .warning: "minor"
                case .note: "info"
                }
            return .object([
                ("description", .string(description)),
                ("check_name", .string("\(diagnostic.code.rawValue) \(diagnostic.code.name)")),
                ("fingerprint", .string(Self.fingerprint(of: diagnostic))),
                ("severity", .string(severity)),
                (
                    "location",
                    .object([
                        ("path", .string(diagnostic.location.file)),
                        ("lines", .object([("begin", .int(max(1, diagnostic.location.line)))])),
                    ])
                ),
            ])
        }
        return JSONValue.array(issues).rendered()
    }

    /// A stable identifier of the finding (GitLab compares reports of two pipelines by it): 128 bits of two FNV-1a
    /// hashes over the file, code, position and message, as 32 hex digits. Not a security property: a collision
    /// only merges two findings in the widget.
    static func fingerprint(of diagnostic: Diagnostic) -> String {
        let location = diagnostic.location
        let text = [
            location.file, diagnostic.code.rawValue, String(location.line), String(location.column),
            diagnostic.message,
        ].joined(separator: "\u{0}")
        func fnv1a(_ basis: UInt64) -> UInt64 {
            var hash = basis
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01b3
            }
            return hash
        }
        func hex(_ value: UInt64) -> String {
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }
        return hex(fnv1a(0xcbf2_9ce4_8422_2325)) + hex(fnv1a(0x6c62_272e_07bb_0142))
    }
}
