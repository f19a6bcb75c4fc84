// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

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

    /// One diagnostic with its source excerpt, then each related location as a compiler prints a note:
    /// `file:line:col: note: first defined here` with its own excerpt when it is in the same file.
    ///
    /// The source line is the masked one (``SourceText/displayedLine(_:)``): a value in a secret's place, a value
    /// under an unknown key or anything that looks like a credential shows as `[redacted]`. The file name, like
    /// the rest, has its control characters escaped.
    package func render(_ diagnostic: Diagnostic, source: SourceText) -> String {
        let location = OutsideText.escapingControlCharacters(diagnostic.location.description)
        var output =
            "\(style.bold(location + ":")) \(severity(diagnostic))[\(diagnostic.code.rawValue)]: "
            + "\(diagnostic.message)\n"
        let pad = String(repeating: " ", count: String(diagnostic.location.line).count)
        output += excerpt(at: diagnostic.location, source: source, isSensitive: diagnostic.isSensitive)
        if let hint = diagnostic.hint { output += " \(pad) = \(style.cyan("help:")) \(hint)\n" }
        for related in diagnostic.related {
            let place = OutsideText.escapingControlCharacters(related.location.description)
            output += "\(style.bold(place + ":")) \(style.cyan("note:")) \(related.message)\n"
            // A note at the diagnostic's own place (libyaml's raw text) does not repeat the source line.
            if related.location.file == source.path, related.location != diagnostic.location {
                output += excerpt(at: related.location, source: source, isSensitive: diagnostic.isSensitive)
            }
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

    /// The source line of a location with a caret under its column, or why it is not shown.
    private func excerpt(at location: SourceLocation, source: SourceText, isSensitive: Bool) -> String {
        let pad = String(repeating: " ", count: String(location.line).count)
        if !source.text.isEmpty, let line = source.displayedLine(location.line, around: location.column),
            !isSensitive || line.isMasked(at: location.column)
        {
            return " \(location.line) | \(line.text)\n"
                + " \(pad) | \(String(repeating: " ", count: line.column(for: location.column) - 1))^\n"
        } else if isSensitive {
            return " \(pad) | (source line not shown: it may contain a secret)\n"
        }
        return ""
    }
}
