// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles

/// SARIF 2.1.0, the format code-scanning services ingest. One run, one rule per diagnostic code used.
package struct SARIFRenderer: DiagnosticRenderer {
    /// Creates the renderer.
    package init() {}

    package func render(_ report: ValidationReport) -> String {
        let diagnostics = report.diagnostics
        let codes = Array(Set(diagnostics.map(\.code))).sorted()
        let ruleIndex = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, $0) })
        let rules: [JSONValue] = codes.map { code in
            .object([
                ("id", .string(code.rawValue)),
                ("name", .string(code.name)),
                ("shortDescription", .object([("text", .string(code.summary))])),
                ("helpUri", .string(code.documentationURL)),
                ("help", .object([("text", .string("See \(code.documentationPath) for the rule and how to fix it."))])),
                ("defaultConfiguration", .object([("level", .string(level(code.defaultSeverity)))])),
            ])
        }
        let results: [JSONValue] = diagnostics.map { diagnostic in
            var text = diagnostic.message
            if let hint = diagnostic.hint { text += " (help: \(hint))" }
            var members: [(String, JSONValue)] = [
                ("ruleId", .string(diagnostic.code.rawValue)),
                ("ruleIndex", .int(ruleIndex[diagnostic.code] ?? 0)),
                ("level", .string(level(diagnostic.severity))),
                ("message", .object([("text", .string(text))])),
                ("locations", [location(diagnostic.location, message: nil)]),
            ]
            if !diagnostic.related.isEmpty {
                members.append(
                    (
                        "relatedLocations",
                        .array(
                            diagnostic.related.enumerated().map { index, related in
                                location(related.location, message: related.message, id: index)
                            })
                    ))
            }
            return .object(members)
        }
        let value: JSONValue = .object([
            ("$schema", "https://json.schemastore.org/sarif-2.1.0.json"),
            ("version", "2.1.0"),
            (
                "runs",
                [
                    .object([
                        (
                            "tool",
                            .object([
                                (
                                    "driver",
                                    .object([
                                        ("name", "authprofile"),
                                        ("version", .string(AuthProfileVersion.current)),
                                        ("rules", .array(rules)),
                                    ])
                                )
                            ])
                        ),
                        ("columnKind", "unicodeCodePoints"),
                        ("results", .array(results)),
                    ])
                ]
            ),
        ])
        return value.rendered()
    }

    private func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }

    private func location(_ location: SourceLocation, message: String?, id: Int? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = []
        if let id { members.append(("id", .int(id))) }
        members.append(
            (
                "physicalLocation",
                .object([
                    ("artifactLocation", .object([("uri", .string(Self.uriReference(forPath: location.file)))])),
                    ("region", .object([("startLine", .int(location.line)), ("startColumn", .int(location.column))])),
                ])
            ))
        if let message { members.append(("message", .object([("text", .string(message))]))) }
        return .object(members)
    }

    /// A file path as a URI reference (RFC 3986), as SARIF's `artifactLocation.uri` must be: every byte of its
    /// UTF-8 other than unreserved characters and `/` percent-encoded, so that a space, `%`, `#`, `?` or a `:` in
    /// the first segment (which would read as a scheme) cannot change what the reference means.
    package static func uriReference(forPath path: String) -> String {
        var result = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return result
    }
}
