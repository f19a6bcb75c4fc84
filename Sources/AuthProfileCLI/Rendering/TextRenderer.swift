package import AuthProfiles
import IdentitySupport

/// Compiler-style text: `file:line:col: error[CODE]: message`, the source line with a caret, the hint.
///
/// With colour (see ``Colouring``) it looks like a compiler's on a terminal: the location bold, `error` red,
/// `warning` yellow, `note` and the `help`/`note` lines cyan. Colour is added around text already escaped.
package struct TextRenderer: DiagnosticRenderer {
    private let style: TextStyle

    /// Creates the renderer; `colour` adds ANSI colours.
    package init(colour: Bool = false) {
        style = TextStyle(enabled: colour)
    }

    package func render(_ report: ValidationReport) -> String {
        var output = ""
        for result in report.results {
            for diagnostic in result.diagnostics {
                output += render(diagnostic, source: result.source)
            }
        }
        let errors = report.count(.error)
        let warnings = report.count(.warning)
        if errors == 0 && warnings == 0 {
            output +=
                "ok: \(report.results.count.counted("file")), \(report.profileCount.counted("profile")), no problems\n"
        } else {
            output +=
                "\(report.results.count.counted("file")) checked: \(errors.counted("error")), "
                + "\(warnings.counted("warning"))\n"
        }
        return output
    }

    /// One diagnostic with its source excerpt.
    ///
    /// The source line is the masked one (``SourceText/displayedLine(_:)``): a value in a secret's place, a value
    /// under an unknown key or anything that looks like a credential shows as `[redacted]`. The file name, like
    /// the rest, has its control characters escaped.
    package func render(_ diagnostic: Diagnostic, source: SourceText) -> String {
        let location = OutsideText.escapingControlCharacters(diagnostic.location.description)
        var output =
            "\(style.bold(location + ":")) \(severity(diagnostic))[\(diagnostic.code.rawValue)]: "
            + "\(diagnostic.message)\n"
        let gutter = String(diagnostic.location.line).count
        let pad = String(repeating: " ", count: gutter)
        let column = diagnostic.location.column
        if !source.text.isEmpty, let line = source.displayedLine(diagnostic.location.line),
            !diagnostic.isSensitive || line.isMasked(at: column)
        {
            output += " \(diagnostic.location.line) | \(line.text)\n"
            output += " \(pad) | \(String(repeating: " ", count: line.column(for: column) - 1))^\n"
        } else if source.isTooLongToDisplay(diagnostic.location.line) {
            output +=
                " \(pad) | (source line not shown: it is longer than "
                + "\(SourceText.maximumDisplayedLineLength) bytes)\n"
        } else if diagnostic.isSensitive {
            output += " \(pad) | (source line not shown: it may contain a secret)\n"
        }
        if let hint = diagnostic.hint { output += " \(pad) = \(style.cyan("help:")) \(hint)\n" }
        for related in diagnostic.related {
            let place = OutsideText.escapingControlCharacters(related.location.description)
            output += " \(pad) = \(style.cyan("note:")) \(place): \(related.message)\n"
        }
        return output
    }

    private func severity(_ diagnostic: Diagnostic) -> String {
        let word = diagnostic.severity.rawValue
        switch diagnostic.severity {
        case .error: return style.red(word)
        case .warning: return style.yellow(word)
        case .note: return style.cyan(word)
        }
    }
}
