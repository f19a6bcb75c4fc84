// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import IdentitySupport

/// The error thrown by every credential in this module.
///
/// Branch on ``code``; the message is for people. No secret (client secret, password, assertion, token)
/// ever appears in an `AzureIdentityError`.
public struct AzureIdentityError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public var code: Code
    /// A human-readable explanation, free of secrets.
    ///
    /// Messages quote servers and child processes (an Entra `error`, a tool's standard error), so control
    /// characters are escaped whenever a message is set (`\u{1B}` for ESC, `\n` for a newline): printing an
    /// `AzureIdentityError` never acts on a terminal.
    public var message: String {
        get { escapedMessage }
        set { escapedMessage = OutsideText.escapingControlCharacters(newValue) }
    }
    private var escapedMessage: String
    /// The credential that failed, for example `ClientSecretCredential`.
    public var credentialName: String?
    /// The refusing service's error body in Entra's shape (Entra's own; a managed identity endpoint's or Azure
    /// DevOps' words read into it), redacted of the request's secrets. See ``serviceReport``.
    public var entraError: EntraErrorResponse?
    /// The HTTP status of the failing response, if there was one.
    public var statusCode: Int?
    /// The endpoint that refused, without its query or user information, when a token service refused.
    public var endpoint: String?
    /// Support identifiers a service sent in headers (Azure DevOps' `x-vss-e2eid`), by header name.
    public var supportHeaders: [String: String] = [:]
    /// Whether ``message`` already quotes the service's words and ids (made by
    /// `refused(_:credentialName:lead:report:underlying:)`), so ``description`` does not repeat them.
    var messageQuotesService = false
    /// The lower-level error that caused this one, if any.
    public var underlying: (any Error & Sendable)?

    /// Creates an error.
    public init(
        code: Code,
        message: String,
        credentialName: String? = nil,
        entraError: EntraErrorResponse? = nil,
        statusCode: Int? = nil,
        underlying: (any Error & Sendable)? = nil
    ) {
        self.code = code
        self.escapedMessage = OutsideText.escapingControlCharacters(message)
        self.credentialName = credentialName
        self.entraError = entraError
        self.statusCode = statusCode
        self.underlying = underlying
    }

    /// Whether a ``ChainedTokenCredential`` should try its next credential after this error.
    public var allowsChainToContinue: Bool {
        code == .credentialUnavailable || code == .authenticationRequired
    }

    /// A one-line description with the code, credential, message and Entra details (once: a message made by
    /// `refused(_:credentialName:lead:report:underlying:)` quotes them already).
    public var description: String {
        var parts = ["AzureIdentityError.\(code)"]
        if let credentialName { parts.append("[\(credentialName)]") }
        var text = parts.joined(separator: " ") + ": " + message
        guard !messageQuotesService else { return text }
        if let statusCode { text += " (HTTP \(statusCode))" }
        if let entraError { text += " " + entraError.summary }
        return text
    }

    /// A short description for metrics: the code and the AADSTS codes only.
    public var shortDescription: String {
        let codes = entraError?.aadstsCodes.joined(separator: ",") ?? ""
        return codes.isEmpty ? "\(code)" : "\(code) \(codes)"
    }
}

extension AzureIdentityError: Equatable {
    /// Errors compare equal when their codes match.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.code == rhs.code
    }
}
