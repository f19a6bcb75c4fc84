// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AuthProfilesRuntime
import AzureIdentity
import Foundation
import IdentitySupport

/// `explain --live`: each link's real outcome, latency, cache hit and the token's principal — never the token.
enum LiveTraceRenderer {
    static func text(_ attempts: [LinkAttempt]) -> String {
        var lines = ["live:"]
        for (index, attempt) in attempts.enumerated() {
            let indent = String(repeating: "  ", count: attempt.depth + 1)
            var line = "\(indent)\(attempt.displayName)  \(attempt.outcome.rawValue)"
            if attempt.outcome != .notTried { line += "  \(milliseconds(attempt.latency))" }
            if let hit = attempt.cacheHit {
                line += hit ? "  cache hit" + (attempt.cacheSource.map { " (\($0.rawValue))" } ?? "") : "  cache miss"
            }
            lines.append(line)
            if let reason = LinkAttempt.shownReason(at: index, in: attempts) {
                lines.append("\(indent)  reason: \(OutsideText.escapingControlCharacters(reason))")
            }
            if let principal = attempt.principal { lines.append("\(indent)  principal: \(describe(principal))") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Whether the live run confirmed the dry run's conclusion, in one line.
    static func comparison(_ explanation: Explanation, _ attempts: [LinkAttempt]) -> String {
        let live = attempts.last { $0.outcome == .authenticated && $0.requests != nil }?.displayName
        let predicted = explanation.conclusion.winner
        switch (predicted, live) {
        case let (predicted?, live?) where predicted == live:
            return "dry run confirmed: \(live) authenticated"
        case let (_, live?):
            return "dry run \(predicted.map { "predicted \($0)" } ?? "could not tell"); live: \(live) authenticated"
        case let (predicted?, nil):
            return "dry run predicted \(predicted); live: no link authenticated"
        case (nil, nil):
            return "live: no link authenticated"
        }
    }

    /// The principal's claims in one line. They come from the token's issuer, so they are escaped here as well as
    /// where they were read: a `TokenPrincipal` can also be made by other code.
    static func describe(_ principal: TokenPrincipal) -> String {
        var parts: [String] = []
        for (name, value) in [
            ("tid", principal.tenantID), ("oid", principal.objectID),
            ("appid", principal.applicationID), ("upn", principal.userPrincipalName),
        ] {
            if let value { parts.append("\(name)=\(OutsideText.escapingControlCharacters(value))") }
        }
        if let exp = principal.expiresOn { parts.append("exp=\(UnixTime.shown(exp))") }
        return parts.isEmpty ? "(the token is not a JWT)" : parts.joined(separator: " ")
    }

    static func milliseconds(_ duration: Duration) -> String {
        let ms = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        return String(format: "%.1f ms", ms)
    }

    /// Whole microseconds, saturating instead of overflowing.
    static func microseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        let (whole, overflow) = Int(clamping: seconds).multipliedReportingOverflow(by: 1_000_000)
        guard !overflow else { return seconds < 0 ? .min : .max }
        let (total, overflowTotal) = whole.addingReportingOverflow(Int(attoseconds / 1_000_000_000_000))
        return overflowTotal ? (seconds < 0 ? .min : .max) : total
    }

    static func json(_ attempts: [LinkAttempt]) -> JSONValue {
        .array(
            attempts.map { attempt in
                var fields: [(String, JSONValue)] = [
                    ("path", .string(attempt.path)), ("kind", .string(attempt.kind)),
                    ("depth", .int(attempt.depth)), ("outcome", .string(attempt.outcome.rawValue)),
                    ("reason", attempt.reason.map(JSONValue.string) ?? .null),
                    ("latencyMicroseconds", .int(microseconds(attempt.latency))),
                    ("cacheHit", attempt.cacheHit.map(JSONValue.bool) ?? .null),
                ]
                if let source = attempt.cacheSource { fields.append(("cacheSource", .string(source.rawValue))) }
                if let report = attempt.serviceReport {
                    fields.append(("serviceError", ServiceErrorJSON.render(report)))
                }
                if let principal = attempt.principal {
                    fields.append(
                        (
                            "principal",
                            .object([
                                ("tid", principal.tenantID.map(JSONValue.string) ?? .null),
                                ("oid", principal.objectID.map(JSONValue.string) ?? .null),
                                ("appid", principal.applicationID.map(JSONValue.string) ?? .null),
                                ("upn", principal.userPrincipalName.map(JSONValue.string) ?? .null),
                                (
                                    "exp",
                                    principal.expiresOn.flatMap(UnixTime.init).flatMap { Int(exactly: $0.seconds) }
                                        .map(JSONValue.int) ?? .null
                                ),
                            ])
                        ))
                }
                return .object(fields)
            })
    }
}
