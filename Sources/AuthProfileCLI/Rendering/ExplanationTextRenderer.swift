// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AuthProfilesRuntime
import IdentitySupport

/// `explain --format text`: the profile, each link as a tree with its verdict, evidence and the chain's decision,
/// then the conclusion and the ignored variables. Colour when ``Colouring`` says so.
struct ExplanationTextRenderer {
    var colour: Bool
    var blame: Bool

    func render(_ explanation: Explanation) -> String {
        var lines: [String] = []
        let description = explanation.description.map { " — \(shown($0))" } ?? ""
        lines.append("profile \(bold(shown(explanation.profile))) (\(shown(explanation.location)))\(description)")
        for fact in explanation.context {
            lines.append("  \(shown(fact.subject)): \(shown(fact.detail))")
        }
        lines.append("")
        for link in explanation.links {
            let indent = String(repeating: "  ", count: link.depth + 1)
            let place = link.location.map { "  \(shown($0))" } ?? ""
            let reached = link.reached ? "" : "  (not reached)"
            lines.append("\(indent)\(shown(link.displayName))  \(verdict(link.verdict))\(reached)\(place)")
            for evidence in link.evidence {
                let status = marker(evidence.status)
                lines.append("\(indent)  \(status) \(shown(evidence.subject)): \(shown(evidence.detail))")
            }
            if let hint = link.hint, link.verdict != .ready { lines.append("\(indent)  hint: \(shown(hint))") }
            if let decision = link.decision { lines.append("\(indent)  → \(shown(decision))") }
        }
        lines.append("")
        lines.append("conclusion: \(shown(explanation.conclusion.summary))")
        if !explanation.conclusion.reasons.isEmpty {
            lines.append(explanation.conclusion.winner == nil ? "  because:" : "  earlier links would not:")
            for reason in explanation.conclusion.reasons { lines.append("    \(shown(reason))") }
        }
        if !explanation.ignoredVariables.isEmpty {
            lines.append("")
            lines.append("ignored environment:")
            for variable in explanation.ignoredVariables {
                lines.append("  \(shown(variable.name)): \(shown(variable.note))")
            }
        }
        if blame {
            lines.append("")
            lines.append("blame:")
            for entry in explanation.blame {
                let location = entry.location.map { " (\(shown($0)))" } ?? ""
                lines.append("  \(shown(entry.setting)) ← \(shown(entry.origin))" + location)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Text in an explanation may quote a file, a tool's output or a token's claims: its control characters are
    /// escaped before it reaches the terminal (this renderer's own colours are added afterwards).
    private func shown(_ text: some CustomStringConvertible) -> String {
        OutsideText.escapingControlCharacters(text.description)
    }

    private func verdict(_ verdict: Verdict) -> String {
        let text = "[\(verdict.rawValue)]"
        let code =
            switch verdict {
            case .ready: "32"
            case .unavailable: "33"
            case .misconfigured: "31"
            case .unknown: "36"
            }
        return style.apply(code, text)
    }

    private func bold(_ text: String) -> String { style.bold(text) }

    private var style: TextStyle { TextStyle(enabled: colour) }

    private func marker(_ status: Evidence.Status) -> String {
        switch status {
        case .ok: "✓"
        case .missing: "✗"
        case .problem: "!"
        case .note: "·"
        }
    }
}

/// `explain --format json`: version 1, stable keys, value-free (no secret, no token, no variable's value).
enum ExplanationJSONRenderer {
    static func render(_ explanation: Explanation, blame: Bool, live: [LinkAttempt]?) -> String {
        var object: [(String, JSONValue)] = [
            ("version", 1),
            ("profile", .string(explanation.profile)),
            ("location", .string(explanation.location.description)),
            ("context", .array(explanation.context.map(json))),
            ("links", .array(explanation.links.map(json))),
            (
                "conclusion",
                .object([
                    ("result", .string(explanation.conclusion.result.rawValue)),
                    ("winner", explanation.conclusion.winner.map(JSONValue.string) ?? .null),
                    ("contingentOn", .array(explanation.conclusion.contingentOn.map(JSONValue.string))),
                    ("summary", .string(explanation.conclusion.summary)),
                    ("reasons", .array(explanation.conclusion.reasons.map(JSONValue.string))),
                ])
            ),
            (
                "ignoredVariables",
                .array(
                    explanation.ignoredVariables.map {
                        .object([("name", .string($0.name)), ("note", .string($0.note))])
                    })
            ),
        ]
        if blame {
            object.append(
                (
                    "blame",
                    .array(
                        explanation.blame.map {
                            .object([
                                ("setting", .string($0.setting)), ("origin", .string($0.origin)),
                                ("location", $0.location.map { .string($0.description) } ?? .null),
                            ])
                        })
                ))
        }
        if let live { object.append(("live", LiveTraceRenderer.json(live))) }
        return JSONValue.object(object).rendered() + "\n"
    }

    static func json(_ evidence: Evidence) -> JSONValue {
        .object([
            ("status", .string(evidence.status.rawValue)), ("subject", .string(evidence.subject)),
            ("detail", .string(evidence.detail)),
        ])
    }

    static func json(_ link: LinkExplanation) -> JSONValue {
        .object([
            ("path", .string(link.path)),
            ("kind", .string(link.kind)),
            ("location", link.location.map { .string($0.description) } ?? .null),
            ("depth", .int(link.depth)),
            ("verdict", .string(link.verdict.rawValue)),
            ("reached", .bool(link.reached)),
            ("decision", link.decision.map(JSONValue.string) ?? .null),
            ("evidence", .array(link.evidence.map(json))),
            ("hint", link.hint.map(JSONValue.string) ?? .null),
        ])
    }
}
