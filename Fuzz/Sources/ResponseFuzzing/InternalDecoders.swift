// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation

@testable import AzureIdentity

/// The package's internal decoders, called directly (hence `@testable`): each must turn any bytes into a value
/// or an error without trapping. What a caller finally gets is checked on the public path (``Check``), because a
/// decoder may leave a check to its caller.
///
/// Every internal name the harness depends on is in this file, so a rename in `AzureIdentity` is fixed here. Only
/// entry points whose shape the issue 9 fixes keep are called: `TokenResponse` (being rewritten on the `numbers`
/// branch as `TokenResponse(body:issuedAt:)`) is reached through `TokenEndpointClient`, its only caller, on every
/// `200` answer of the token-endpoint, azure-pipelines, device-code and workload identity paths.
enum InternalDecoders {
    /// `EntraErrorResponse`, as the token endpoint client decodes every non-`200` body.
    static func tokenEndpointBody(_ body: [UInt8]) {
        if let error = try? JSONDecoder().decode(EntraErrorResponse.self, from: Data(body)) {
            _ = error.summary + (error.primaryCode ?? "") + (error.headline ?? "")
            _ =
                ServiceErrorReport(statusCode: 400, endpoint: "https://x/t", entraError: error.redacting(["secret"]))
                .details
        }
    }

    /// `ManagedIdentityResponse`: the token (every source shares the body shape) and the error text.
    static func managedIdentityBody(_ body: [UInt8], now: Date) {
        _ = try? ManagedIdentityResponse.token(from: body, now: now)
        if let error = ManagedIdentityResponse.errorResponse(from: body) {
            _ = ServiceErrorReport(statusCode: 500, endpoint: "http://x/t", entraError: error).details
        }
    }

    /// `RetryPolicy.serverDelay(in:now:)`: `retry-after-ms`, `x-ms-retry-after-ms`, `Retry-After`.
    static func serverDelay(headers: [(name: String, value: String)], now: Date) -> Duration? {
        RetryPolicy.default.serverDelay(in: TransportResponse(status: 429, headers: headers), now: now)
    }

    /// The three tools' parsers, `ToolDates` on the first lines, and standard error's redaction.
    static func developerToolOutput(_ output: ProcessOutput, now: Date) {
        let utc = TimeZone(identifier: "UTC") ?? .current
        for behaviour in [
            AzureCliCredential.behaviour(timeZone: utc), AzureDeveloperCliCredential.behaviour,
            AzurePowerShellCredential.behaviour,
        ] {
            _ = try? behaviour.parse(output, now)
            _ = behaviour.isNotInstalled(output) || behaviour.isNotLoggedIn(output)
        }
        // Each call builds a formatter (slow on Linux): the first two lines are where the fuzzer puts dates.
        for line in output.standardOutput.split(separator: "\n").prefix(2) {
            _ = ToolDates.rfc3339(String(line))
            _ = ToolDates.azureCLILocal(String(line), timeZone: utc)
        }
        _ = StandardErrorRedaction.redact(output.standardError, environment: ["HOME": "/home/fuzz"])
    }

    /// `AzurePipelinesOIDCClient.parse(_:)`: Azure DevOps' answer to the OIDC token request.
    static func pipelinesOIDCAnswer(_ response: ScriptedResponse, options: CredentialOptions) throws {
        let client: AzurePipelinesOIDCClient
        do {
            client = try AzurePipelinesOIDCClient(
                requestURI: "https://dev.fuzz.invalid/oidctoken",
                serviceConnectionID: "5a4b3c2d-0000-4000-8000-000000000006",
                systemAccessToken: Secret("fuzz-system-access-token"),
                options: options
            )
        } catch {
            throw HarnessViolation("azure-pipelines: the fixed OIDC client could not be built: \(error)")
        }
        do {
            _ = try client.parse(
                TransportResponse(status: response.status, headers: response.headers, body: response.body)
            )
        } catch {
            try Check.error(error, context: "azure-pipelines OIDC answer")
        }
    }

    /// `AuthenticationRecord.from(idToken:…)`: the account of a signed-in user, from id token claims.
    static func accountRecord(idToken: String) -> AuthenticationRecord? {
        AuthenticationRecord.from(
            idToken: idToken,
            accessToken: Secret(idToken),
            authority: Fixtures.authority,
            clientID: "3c2b1a09-0000-4000-8000-000000000002"
        )
    }
}
