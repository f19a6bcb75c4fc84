// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles

/// The versioned JSON report. Its shape is stable: fields are only ever added, and `version` changes
/// if anything else does. It holds no secret values.
package struct JSONRenderer: DiagnosticRenderer {
    /// The report format's version.
    package static let reportVersion = 1

    /// Creates the renderer.
    package init() {}

    package func render(_ report: ValidationReport) -> String {
        let files: [JSONValue] = report.results.map { result in
            .object([
                ("path", .string(result.source.path)),
                ("valid", .bool(result.isValid)),
                ("profiles", .array((result.graph?.profiles ?? []).map { .string($0.name) })),
            ])
        }
        let value: JSONValue = .object([
            ("version", .int(Self.reportVersion)),
            ("tool", .object([("name", "authprofile"), ("version", .string(AuthProfileVersion.current))])),
            ("files", .array(files)),
            ("diagnostics", .array(report.diagnostics.map(Self.json))),
            (
                "summary",
                .object([
                    ("files", .int(report.results.count)),
                    ("errors", .int(report.count(.error))),
                    ("warnings", .int(report.count(.warning))),
                    ("notes", .int(report.count(.note))),
                    ("passed", .bool(!report.fails)),
                ])
            ),
        ])
        return value.rendered()
    }

    static func json(_ diagnostic: Diagnostic) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("code", .string(diagnostic.code.rawValue)),
            ("name", .string(diagnostic.code.name)),
            ("severity", .string(diagnostic.severity.rawValue)),
            ("message", .string(diagnostic.message)),
            ("file", .string(diagnostic.location.file)),
            ("line", .int(diagnostic.location.line)),
            ("column", .int(diagnostic.location.column)),
            ("path", .string(diagnostic.path)),
        ]
        if let hint = diagnostic.hint { members.append(("hint", .string(hint))) }
        if !diagnostic.related.isEmpty {
            members.append(
                (
                    "related",
                    .array(
                        diagnostic.related.map { related in
                            .object([
                                ("message", .string(related.message)),
                                ("file", .string(related.location.file)),
                                ("line", .int(related.location.line)),
                                ("column", .int(related.location.column)),
                            ])
                        })
                ))
        }
        return .object(members)
    }
}
