// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import IdentitySupport

/// GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=…::message`), which show as
/// annotations on the changed lines of a pull request.
package struct GitHubRenderer: DiagnosticRenderer {
    /// Creates the renderer.
    package init() {}

    package func render(_ report: ValidationReport) -> String {
        var output = ""
        for diagnostic in report.diagnostics {
            let command =
                switch diagnostic.severity {
                case .error: "error"
                case .warning: "warning"
                case .note: "notice"
                }
            let properties = [
                // Messages come sanitized from the validator; the file name is escaped here.
                "file=" + escapeProperty(OutsideText.escapingControlCharacters(diagnostic.location.file)),
                "line=\(diagnostic.location.line)",
                "col=\(diagnostic.location.column)",
                "title=" + escapeProperty("\(diagnostic.code.rawValue) \(diagnostic.code.name)"),
            ].joined(separator: ",")
            var message = diagnostic.message
            if let hint = diagnostic.hint { message += "\nhelp: \(hint)" }
            output += "::\(command) \(properties)::\(escapeData(message))\n"
        }
        return output
    }

    private func escapeData(_ text: String) -> String {
        text.replacing("%", with: "%25").replacing("\r", with: "%0D").replacing("\n", with: "%0A")
    }

    private func escapeProperty(_ text: String) -> String {
        escapeData(text).replacing(":", with: "%3A").replacing(",", with: "%2C")
    }
}
