// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

extension AzureIdentityError {
    /// The service's report of this failure, when a token service answered with a refusal: the status, the
    /// endpoint and its words. `nil` for failures that never reached a service (configuration, transport).
    public var serviceReport: ServiceErrorReport? {
        guard statusCode != nil || endpoint != nil || entraError != nil || !supportHeaders.isEmpty else { return nil }
        return ServiceErrorReport(
            statusCode: statusCode, endpoint: endpoint, entraError: entraError, supportHeaders: supportHeaders)
    }

    /// The one way a credential reports that a token service refused: `lead` (who failed and what it means), then
    /// the service's own words and ids (``ServiceErrorReport/said`` and ``ServiceErrorReport/details``), so every
    /// message, chain error, `explain --live` trace and CLI error names the AADSTS code, the HTTP status, the
    /// endpoint and the trace and correlation ids.
    ///
    /// `report.entraError` must already be redacted (``EntraErrorResponse/redacting(_:)``) by the caller, which
    /// alone knows what secrets the request carried.
    package static func refused(
        _ code: Code = .authenticationFailed,
        credentialName: String,
        lead: String,
        report: ServiceErrorReport,
        underlying: (any Error & Sendable)? = nil
    ) -> AzureIdentityError {
        var message = lead
        if let said = report.said { message += ": " + said }
        let details = report.details
        if !details.isEmpty { message += " " + details }
        var error = AzureIdentityError(
            code: code,
            message: message,
            credentialName: credentialName,
            entraError: report.entraError,
            statusCode: report.statusCode,
            underlying: underlying
        )
        error.endpoint = report.endpoint
        error.supportHeaders = report.supportHeaders
        error.messageQuotesService = true
        return error
    }
}
