// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import IdentitySupport

/// Reads managed identity endpoint answers (all sources share the shape).
enum ManagedIdentityResponse {
    /// Tokens living longer than this are refreshed at half-life.
    static let halfLifeThreshold: TimeInterval = 7200

    /// `access_token` plus `expires_on` (epoch seconds as a number or numeric string, an ISO 8601 date, or App
    /// Service's old `MM/dd/yyyy HH:mm:ss +00:00`), else `expires_in`; `refresh_on` when sent, else half the
    /// lifetime when the token lives longer than two hours. The entry point the fuzz target drives.
    ///
    /// Every field follows the package's rules (``TokenAnswer``, ``TokenLifetime``): an `expires_on` of `"1e300"`,
    /// `"inf"` or `"nan"`, one in the past, or an unreadable one (even with a valid `expires_in` beside it) is a
    /// ``TokenResponseError`` naming the field.
    static func token(from body: [UInt8], now: Date) throws(TokenResponseError) -> AccessToken {
        guard let object = OutsideJSON.object(body) else { throw .notJSON() }
        let token = try TokenAnswer.accessToken(object["access_token"], field: "access_token")
        let expiresOn: Date
        if let value = object["expires_on"], !value.isNull {
            expiresOn = try expiry(value, field: "expires_on", now: now)
        } else if let seconds = try TokenLifetime.seconds(object["expires_in"], field: "expires_in") {
            expiresOn = try TokenLifetime.expiry(
                inSeconds: seconds,
                after: now,
                field: "expires_in",
                shown: object["expires_in"]?.shown
            )
        } else {
            throw .missing("expires_on")
        }
        var refreshOn: Date?
        if let value = object["refresh_on"], !value.isNull {
            refreshOn = try expiry(value, field: "refresh_on", now: now)
        } else {
            let lifetime = expiresOn.timeIntervalSince(now)
            refreshOn = lifetime > halfLifeThreshold ? now.addingTimeInterval(lifetime / 2) : nil
        }
        return AccessToken(
            token: token,
            expiresOn: expiresOn,
            refreshOn: TokenLifetime.refresh(refreshOn, before: expiresOn),
            tokenType: try TokenAnswer.tokenType(object["token_type"], field: "token_type")
        )
    }

    /// An absolute moment: epoch seconds (number or numeric string), else an RFC 3339 date, else App Service's
    /// old US form.
    private static func expiry(_ value: OutsideJSON, field: String, now: Date) throws(TokenResponseError) -> Date {
        if case .string(let text) = value, OutsideNumber.decimal(text.trimmingCharacters(in: .whitespaces)) == nil {
            guard let date = ToolDates.rfc3339(text) ?? usDate(text) else {
                throw TokenResponseError(
                    .notANumber,
                    field: field,
                    "\(field) \(value.shown) is neither epoch seconds nor a date"
                )
            }
            return try TokenLifetime.expiry(at: date, now: now, field: field, shown: value.shown)
        }
        guard let seconds = try TokenLifetime.seconds(value, field: field) else { throw .missing(field) }
        return try TokenLifetime.expiry(atEpochSeconds: seconds, now: now, field: field, shown: value.shown)
    }

    /// App Service's old `MM/dd/yyyy HH:mm:ss +00:00` form.
    private static func usDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "MM/dd/yyyy HH:mm:ss xxx"
        return formatter.date(from: text)
    }

    /// The error body of a failed answer in Entra's shape, whichever source sent it: `error` (a string, or
    /// `{code, message}`), `error_description` or `message`, `error_codes`, `trace_id`, `correlation_id` or App
    /// Service's `correlationId`, `timestamp`. A body that is not JSON becomes a description saying so (its bytes
    /// are not quoted); `nil` for an empty body. Not yet redacted or escaped: ``EntraErrorResponse`` shows it.
    static func errorResponse(from body: [UInt8]) -> EntraErrorResponse? {
        guard !body.isEmpty else { return nil }
        guard let object = OutsideJSON.object(body) else {
            return EntraErrorResponse(error: "", errorDescription: "(\(body.count) bytes, not JSON)")
        }
        var error = object["error"]?.string ?? ""
        var description = (object["error_description"] ?? object["message"])?.string
        if case .object(let nested)? = object["error"] {
            error = nested["code"]?.string ?? ""
            description = description ?? nested["message"]?.string
        }
        var codes: [Int] = []
        if case .array(let values)? = object["error_codes"] {
            codes = values.compactMap { $0.number.flatMap { Int(exactly: $0) } }.filter { $0 >= 0 }
        }
        // App Service relays Entra's description in `message`, whose later lines hold the trace and correlation ids.
        return EntraErrorResponse(
            error: error,
            errorDescription: description,
            errorCodes: codes,
            timestamp: object["timestamp"]?.string,
            traceID: object["trace_id"]?.string ?? description.flatMap { line("Trace ID:", in: $0) },
            correlationID: (object["correlation_id"] ?? object["correlationId"])?.string
                ?? description.flatMap { line("Correlation ID:", in: $0) }
        )
    }

    /// The rest of the line of `text` that starts with `label` (`Trace ID: <id>`), trimmed; `nil` when none does.
    private static func line(_ label: String, in text: String) -> String? {
        for line in text.split(whereSeparator: \.isNewline) where line.hasPrefix(label) {
            let value = line.dropFirst(label.count).trimmingCharacters(in: .whitespaces)
            if !value.isEmpty { return value }
        }
        return nil
    }
}
