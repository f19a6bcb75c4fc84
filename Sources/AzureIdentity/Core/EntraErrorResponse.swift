// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import IdentitySupport

/// The error body Microsoft Entra ID returns from its token endpoint.
///
/// ```json
/// {"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided. ...",
///  "error_codes":[7000215],"timestamp":"...","trace_id":"...","correlation_id":"..."}
/// ```
public struct EntraErrorResponse: Sendable, Hashable, Codable {
    /// The OAuth error, for example `invalid_client`.
    public var error: String
    /// Entra's explanation, starting with the AADSTS code.
    public var errorDescription: String?
    /// The numeric AADSTS codes, for example `[7000215]`.
    public var errorCodes: [Int]
    /// The server timestamp.
    public var timestamp: String?
    /// Entra's trace id, for support requests.
    public var traceID: String?
    /// The correlation id (echoes `client-request-id`).
    public var correlationID: String?

    /// Creates an error response.
    public init(
        error: String,
        errorDescription: String? = nil,
        errorCodes: [Int] = [],
        timestamp: String? = nil,
        traceID: String? = nil,
        correlationID: String? = nil
    ) {
        self.error = error
        self.errorDescription = errorDescription
        self.errorCodes = errorCodes
        self.timestamp = timestamp
        self.traceID = traceID
        self.correlationID = correlationID
    }

    enum CodingKeys: String, CodingKey {
        case error
        case errorDescription = "error_description"
        case errorCodes = "error_codes"
        case timestamp
        case traceID = "trace_id"
        case correlationID = "correlation_id"
    }

    /// Decodes a body: `error` is required; an optional field that is missing or has the wrong type (an error code
    /// of `1e20`, a numeric timestamp) is left out rather than losing the whole error.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.error = try container.decode(String.self, forKey: .error)
        self.errorDescription = try? container.decodeIfPresent(String.self, forKey: .errorDescription)
        self.errorCodes = (try? container.decodeIfPresent([Int].self, forKey: .errorCodes)) ?? []
        self.timestamp = try? container.decodeIfPresent(String.self, forKey: .timestamp)
        self.traceID = try? container.decodeIfPresent(String.self, forKey: .traceID)
        self.correlationID = try? container.decodeIfPresent(String.self, forKey: .correlationID)
    }

    /// The first AADSTS code as text, for example `AADSTS7000215`.
    public var primaryCode: String? {
        aadstsCodes.first
    }

    /// Every AADSTS code as text (`AADSTS7000215`): `error_codes`, or, when a body has none (a managed identity
    /// endpoint relaying Entra's words in `message`), the codes its description names, in order, at most ten.
    public var aadstsCodes: [String] {
        if !errorCodes.isEmpty { return errorCodes.prefix(Self.codeLimit).map { "AADSTS\($0)" } }
        guard let errorDescription else { return [] }
        var codes: [String] = []
        var rest = Substring(errorDescription)
        while codes.count < Self.codeLimit, let range = rest.range(of: "AADSTS") {
            let digits = rest[range.upperBound...].prefix { $0.isASCII && $0.isNumber }.prefix(12)
            if !digits.isEmpty, !codes.contains("AADSTS\(digits)") { codes.append("AADSTS\(digits)") }
            rest = rest[range.upperBound...]
        }
        return codes
    }

    /// The first non-empty line of `error_description`, escaped and shortened: Entra's own words
    /// (`AADSTS7000215: Invalid client secret provided. …`) without the trace and correlation lines that follow.
    public var headline: String? {
        guard let line = errorDescription?.split(whereSeparator: \.isNewline).first(where: { !$0.isEmpty }) else {
            return nil
        }
        return OutsideText.escaped(line.trimmingCharacters(in: .whitespaces), limit: Self.descriptionLimit)
    }

    /// This body with every occurrence of `values` (the secrets the request carried: a client secret, an assertion,
    /// a password, a refresh token, a code) and anything shaped like a token (a JWT, `client_secret=…`) replaced by
    /// ``Secret/redactionMarker`` in every text field. A service may echo what it was sent; what it echoes must not
    /// reach a message, a log or JSON output.
    package func redacting(_ values: [String]) -> Self {
        let secrets = values.filter { $0.count >= Self.shortestRedactedValue }.sorted { $0.count > $1.count }
        func clean(_ text: String) -> String { SecretScrubbing.scrub(text, values: secrets) }
        var copy = self
        copy.error = clean(error)
        copy.errorDescription = errorDescription.map(clean)
        copy.timestamp = timestamp.map(clean)
        copy.traceID = traceID.map(clean)
        copy.correlationID = correlationID.map(clean)
        return copy
    }

    /// Values shorter than this are not searched for: replacing every `ab` would make the text unreadable, and a
    /// secret that short is not one a service echoes.
    static let shortestRedactedValue = 3
    /// How many AADSTS codes a message or report lists.
    static let codeLimit = 10

    /// `error`, the first line of the description, and the trace and correlation ids, as one line for people.
    ///
    /// The fields are the server's text: each is shortened and has its control characters escaped
    /// (`OutsideText`), so a body such as `{"error": "invalid_request\u001b[2J"}` cannot act on a terminal.
    public var summary: String {
        var text = "error=\(OutsideText.escaped(error, limit: Self.shortLimit))"
        if let firstLine = errorDescription?.split(whereSeparator: \.isNewline).first {
            text += " description=\"\(OutsideText.escaped(firstLine, limit: Self.descriptionLimit))\""
        }
        if let traceID { text += " traceID=\(OutsideText.escaped(traceID, limit: Self.shortLimit))" }
        if let correlationID { text += " correlationID=\(OutsideText.escaped(correlationID, limit: Self.shortLimit))" }
        return text
    }

    /// How much of `error`, the trace id or the correlation id a message quotes.
    static let shortLimit = 100
    /// How much of the description's first line a message quotes.
    static let descriptionLimit = 500
}
