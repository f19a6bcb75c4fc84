// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AuthProfilesRuntime
import AzureIdentity
import IdentitySupport

/// The JSON of what a token service said when it refused a link, and of a `token` failure: the same facts the
/// text shows (``ServiceErrorReport/details``), one key each, so a program does not parse the message.
enum ServiceErrorJSON {
    /// `{"status", "endpoint", "error", "codes", "description", "traceId", "correlationId", "timestamp",
    /// "headers"}`: every text is the service's, escaped and shortened as in the message; absent facts are `null`.
    static func render(_ report: ServiceErrorReport) -> JSONValue {
        let entra = report.entraError
        func text(_ value: String?, limit: Int = 100) -> JSONValue {
            guard let value, !value.isEmpty else { return .null }
            return .string(OutsideText.escaped(value, limit: limit))
        }
        return .object([
            ("status", report.statusCode.map(JSONValue.int) ?? .null),
            ("endpoint", report.endpoint.map(JSONValue.string) ?? .null),
            ("error", text(entra?.error)),
            ("codes", .array((entra?.aadstsCodes ?? []).map(JSONValue.string))),
            ("description", entra?.headline.map(JSONValue.string) ?? .null),
            ("traceId", text(entra?.traceID)),
            ("correlationId", text(entra?.correlationID)),
            ("timestamp", text(entra?.timestamp)),
            (
                "headers",
                .object(report.supportHeaders.sorted { $0.key < $1.key }.map { ($0.key, text($0.value, limit: 128)) })
            ),
        ])
    }

    /// `token --format json`'s error document on stderr: `{"error": {"code", "message", "profile", "attempts"}}`,
    /// the attempts in `explain --live --format json`'s shape.
    static func tokenFailure(_ error: AuthProfileError) -> String {
        JSONValue.object([
            (
                "error",
                .object([
                    ("code", .string(error.code.description)),
                    ("message", .string(error.message)),
                    ("profile", error.profile.map(JSONValue.string) ?? .null),
                    ("attempts", LiveTraceRenderer.json(error.attempts)),
                ])
            )
        ]).rendered()
    }
}
