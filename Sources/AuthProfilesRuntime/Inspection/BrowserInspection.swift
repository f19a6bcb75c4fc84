// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import Foundation
import IdentitySupport

/// Checks whether an interactive browser sign-in could open a browser here.
///
/// Mirrors how the interactive browser credential opens one: the first `:`-separated entry of `BROWSER` (its
/// first word is the command), else `xdg-open` from `PATH`. `xdg-open` needs a desktop session (`DISPLAY` or
/// `WAYLAND_DISPLAY`); a `BROWSER` command may open the page elsewhere (VS Code's remote helper does), so a missing
/// display is only noted for it.
package enum BrowserInspection {
    /// Inspects the browser this environment would use.
    /// - Parameter context: The environment (`BROWSER`, `PATH`, `DISPLAY`, `WAYLAND_DISPLAY`).
    /// - Returns: `ready` when a browser command is found (and, for `xdg-open`, a display is set); otherwise
    ///   `unavailable` with a hint to use device code sign-in.
    package static func inspect(context: InspectionContext) -> InspectionResult {
        let deviceCode = "use a deviceCode link where no browser can open"
        // `BROWSER` is read by the sign-in's own reader, so that both pick the same command.
        if let words = BrowserLauncher.browserWords(context.variables) {
            guard let command = words.first else {
                return InspectionResult(
                    verdict: .unavailable,
                    evidence: [Evidence(.problem, "env BROWSER", "names no command")],
                    hint: "Set BROWSER to a browser command, or \(deviceCode)."
                )
            }
            guard let found = ExecutableLookup.resolve(command, path: context.value("PATH")) else {
                return InspectionResult(
                    verdict: .unavailable,
                    evidence: [Evidence(.problem, "env BROWSER", "names \(command), which is not found on PATH")],
                    hint: "Install \(command) or fix BROWSER, or \(deviceCode)."
                )
            }
            var evidence = [Evidence(.ok, "env BROWSER", "opens pages with \(found)")]
            if display(context) == nil {
                evidence.append(
                    Evidence(
                        .note,
                        "display",
                        "neither DISPLAY nor WAYLAND_DISPLAY is set; BROWSER must open the "
                            + "page elsewhere"
                    )
                )
            }
            return InspectionResult(verdict: .ready, evidence: evidence)
        }
        let browser = Evidence(.note, "env BROWSER", "not set")
        let (path, lookup) = InspectionSupport.executable("xdg-open", context: context)
        guard path != nil else {
            return InspectionResult(
                verdict: .unavailable,
                evidence: [browser, lookup],
                hint: "Set BROWSER or install xdg-utils, or \(deviceCode)."
            )
        }
        guard let shown = display(context) else {
            return InspectionResult(
                verdict: .unavailable,
                evidence: [
                    browser, lookup,
                    Evidence(.missing, "display", "neither DISPLAY nor WAYLAND_DISPLAY is set, so no browser can show"),
                ],
                hint: "Sign in from a desktop session, or \(deviceCode)."
            )
        }
        return InspectionResult(
            verdict: .ready,
            evidence: [browser, lookup, Evidence(.ok, "env \(shown.name)", shown.value)]
        )
    }

    /// The display variable that is set, if any.
    private static func display(_ context: InspectionContext) -> (name: String, value: String)? {
        for name in ["WAYLAND_DISPLAY", "DISPLAY"] {
            if let value = context.value(name) { return (name, value) }
        }
        return nil
    }
}
