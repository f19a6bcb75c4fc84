// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import IdentitySupport

/// What a token service said when it refused: the HTTP status, the endpoint, and the service's own words (the
/// AADSTS codes, the first line of `error_description`, the trace and correlation ids).
///
/// Every refusal from the Entra token endpoint, a managed identity endpoint or the Azure Pipelines OIDC endpoint
/// carries one (``AzureIdentityError/serviceReport``), so a person and a program read the same facts: the message
/// quotes it ("…: AADSTS7000215: Invalid client secret provided. … (invalid_client; HTTP 401 from
/// https://…/token; trace ID …; correlation ID …)"), and the CLI's JSON output lists its fields. Nothing in it is a
/// secret: the service's text has the request's secrets and anything token-shaped removed before it is kept.
public struct ServiceErrorReport: Sendable, Hashable {
    /// The HTTP status of the refusal.
    public var statusCode: Int?
    /// The URL the request went to, without its query or any user information.
    public var endpoint: String?
    /// The service's error body, read into Entra's shape (a managed identity endpoint's `message` becomes the
    /// description), when it sent one.
    public var entraError: EntraErrorResponse?
    /// Identifiers for the service's support that come in headers rather than the body, by header name (Azure
    /// DevOps' `x-vss-e2eid`, `ActivityId` and `x-msedge-ref`), escaped and shortened.
    public var supportHeaders: [String: String]

    /// Creates a report.
    public init(
        statusCode: Int? = nil,
        endpoint: String? = nil,
        entraError: EntraErrorResponse? = nil,
        supportHeaders: [String: String] = [:]
    ) {
        self.statusCode = statusCode
        self.endpoint = endpoint.map(Self.shownEndpoint)
        self.entraError = entraError
        self.supportHeaders = supportHeaders
    }

    /// The service's words and ids as the message shows them, in parentheses: the OAuth error word, the status and
    /// endpoint, the trace and correlation ids, the support headers. Each is escaped and shortened.
    public var details: String {
        var parts: [String] = []
        if let error = entraError?.error, !error.isEmpty {
            parts.append(OutsideText.escaped(error, limit: EntraErrorResponse.shortLimit))
        }
        switch (statusCode, endpoint) {
        case let (status?, endpoint?): parts.append("HTTP \(status) from \(endpoint)")
        case let (status?, nil): parts.append("HTTP \(status)")
        case let (nil, endpoint?): parts.append("from \(endpoint)")
        case (nil, nil): break
        }
        if let trace = entraError?.traceID, !trace.isEmpty {
            parts.append("trace ID \(OutsideText.escaped(trace, limit: EntraErrorResponse.shortLimit))")
        }
        if let correlation = entraError?.correlationID, !correlation.isEmpty {
            parts.append("correlation ID \(OutsideText.escaped(correlation, limit: EntraErrorResponse.shortLimit))")
        }
        for (name, value) in supportHeaders.sorted(by: { $0.key < $1.key }) {
            parts.append("\(name): \(OutsideText.escaped(value, limit: 128))")
        }
        return parts.isEmpty ? "" : "(" + parts.joined(separator: "; ") + ")"
    }

    /// What the service said, for the message: the first line of its description, with the AADSTS codes in front
    /// when the line does not start with them; `nil` when it said nothing.
    public var said: String? {
        guard let entraError else { return nil }
        let codes = entraError.aadstsCodes
        guard let headline = entraError.headline else {
            return codes.isEmpty ? nil : codes.joined(separator: ", ")
        }
        guard let first = codes.first, !headline.hasPrefix(first) else { return headline }
        return codes.joined(separator: ", ") + ": " + headline
    }

    /// `url` without query, fragment or user information, escaped and shortened: an endpoint as a message may show
    /// it. A managed identity URL's query names the resource and identity, and a proxy-style `user:password@` must
    /// never be printed.
    static func shownEndpoint(_ url: String) -> String {
        var text = Substring(url)
        if let cut = text.firstIndex(where: { $0 == "?" || $0 == "#" }) { text = text[..<cut] }
        if let scheme = text.range(of: "://") {
            let authorityEnd = text[scheme.upperBound...].firstIndex(of: "/") ?? text.endIndex
            if let at = text[scheme.upperBound..<authorityEnd].lastIndex(of: "@") {
                text = text[..<scheme.upperBound] + text[text.index(after: at)...]
            }
        }
        return OutsideText.escaped(text, limit: 300)
    }
}
