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

    /// The error text of a failed answer: `error_description`, `message`, `error` (string or `{code, message}`),
    /// secrets redacted, control characters escaped, shortened.
    static func errorText(from body: [UInt8]) -> String {
        guard let object = OutsideJSON.object(body) else {
            return "(\(body.count) bytes, not JSON)"
        }
        var parts: [String] = []
        if let error = object["error"]?.string { parts.append(error) }
        if case .object(let error)? = object["error"] {
            parts += [error["code"], error["message"]].compactMap { $0?.string }
        }
        if let description = (object["error_description"] ?? object["message"])?.string {
            parts.append(description)
        }
        return parts.isEmpty ? "(no error details)" : StandardErrorRedaction.redact(parts.joined(separator: ": "))
    }
}
