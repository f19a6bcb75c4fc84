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
                    ("artifactLocation", .object([("uri", .string(location.file))])),
                    ("region", .object([("startLine", .int(location.line)), ("startColumn", .int(location.column))])),
                ])
            ))
        if let message { members.append(("message", .object([("text", .string(message))]))) }
        return .object(members)
    }
}
