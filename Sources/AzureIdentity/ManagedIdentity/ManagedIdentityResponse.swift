import Foundation

/// Reads managed identity endpoint answers (all sources share the shape).
enum ManagedIdentityResponse {
    /// Tokens living longer than this are refreshed at half-life.
    static let halfLifeThreshold: TimeInterval = 7200

    /// `access_token` plus `expires_on` (epoch number, numeric string or ISO 8601 date), else `expires_in`; sets
    /// `refreshOn` to half the lifetime when the token lives longer than two hours.
    static func token(from body: [UInt8], now: Date) throws -> AccessToken {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
            let token = object["access_token"] as? String, !token.isEmpty
        else {
            throw DeveloperToolOutputError(description: "no access_token in a JSON object")
        }
        let expiresOn =
            ToolDates.epochSeconds(object["expires_on"])
            ?? (object["expires_on"] as? String).flatMap(ToolDates.rfc3339)
            ?? (object["expires_on"] as? String).flatMap(Self.usDate)
            ?? ToolDates.epochSeconds(object["expires_in"]).map { now.addingTimeInterval($0.timeIntervalSince1970) }
        guard let expiresOn else { throw DeveloperToolOutputError(description: "no expires_on or expires_in") }
        let refreshOn =
            ToolDates.epochSeconds(object["refresh_on"])
            ?? {
                let lifetime = expiresOn.timeIntervalSince(now)
                return lifetime > halfLifeThreshold ? now.addingTimeInterval(lifetime / 2) : nil
            }()
        return AccessToken(
            token: Secret(token),
            expiresOn: expiresOn,
            refreshOn: refreshOn,
            tokenType: (object["token_type"] as? String) ?? "Bearer"
        )
    }

    /// App Service's old `MM/dd/yyyy HH:mm:ss +00:00` form.
    private static func usDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "MM/dd/yyyy HH:mm:ss xxx"
        return formatter.date(from: text)
    }

    /// The error text of a failed answer: `error_description`, `message`, `error` (string or `{code, message}`).
    static func errorText(from body: [UInt8]) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            return "(\(body.count) bytes, not JSON)"
        }
        var parts: [String] = []
        if let error = object["error"] as? String { parts.append(error) }
        if let error = object["error"] as? [String: Any] {
            parts += [error["code"], error["message"]].compactMap { $0 as? String }
        }
        if let description = (object["error_description"] ?? object["message"]) as? String {
            parts.append(description)
        }
        return parts.isEmpty ? "(no error details)" : StandardErrorRedaction.redact(parts.joined(separator: ": "))
    }
}
