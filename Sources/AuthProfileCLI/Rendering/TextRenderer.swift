import AuthProfiles

/// Compiler-style text: `file:line:col: error[CODE]: message`, the source line with a caret, the hint.
public struct TextRenderer: DiagnosticRenderer {
    /// Creates the renderer.
    public init() {}

    public func render(_ report: ValidationReport) -> String {
        var output = ""
        for result in report.results {
            for diagnostic in result.diagnostics {
                output += render(diagnostic, source: result.source)
            }
        }
        let errors = report.count(.error)
        let warnings = report.count(.warning)
        if errors == 0 && warnings == 0 {
            output += "ok: \(report.results.count.counted("file")), \(report.profileCount.counted("profile")), no problems\n"
        } else {
            output += "\(report.results.count.counted("file")) checked: \(errors.counted("error")), "
                + "\(warnings.counted("warning"))\n"
        }
        return output
    }

    /// One diagnostic with its source excerpt.
    public func render(_ diagnostic: Diagnostic, source: SourceText) -> String {
        var output = "\(diagnostic.location): \(diagnostic.severity.rawValue)[\(diagnostic.code.rawValue)]: "
            + "\(diagnostic.message)\n"
        let gutter = String(diagnostic.location.line).count
        let pad = String(repeating: " ", count: gutter)
        if diagnostic.isSensitive {
            output += " \(pad) | (source line not shown: it may contain a secret)\n"
        } else if !source.text.isEmpty, let line = source.line(diagnostic.location.line) {
            let shown = line.replacingTabs()
            output += " \(diagnostic.location.line) | \(shown)\n"
            let prefix = line.unicodeScalars.prefix(max(0, diagnostic.location.column - 1))
            let indent = String(String.UnicodeScalarView(prefix)).replacingTabs().map { _ in " " }.joined()
            output += " \(pad) | \(indent)^\n"
        }
        if let hint = diagnostic.hint { output += " \(pad) = help: \(hint)\n" }
        for related in diagnostic.related { output += " \(pad) = note: \(related.location): \(related.message)\n" }
        return output
    }
}

extension StringProtocol {
    fileprivate func replacingTabs() -> String {
        String(map { $0 == "\t" ? " " : $0 })
    }
}
