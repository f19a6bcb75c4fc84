// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation

/// Gets tokens from the Azure CLI: `az account get-access-token --output json --resource <r> [--tenant <t>]
/// [--subscription <s>]`.
///
/// The arguments are passed as argv (never through a shell) and validated first. `az` is looked up on the `PATH`
/// of ``CredentialOptions/environment`` and run with that environment; it is killed (with everything it started)
/// after `processTimeout`. Not installed and not signed in are ``AzureIdentityError/Code/credentialUnavailable``
/// with the CLI's hint; other failures are ``AzureIdentityError/Code/authenticationFailed`` with the redacted
/// standard error. `expires_on` (epoch seconds, CLI 2.54+) is preferred over the zone-less local `expiresOn`.
/// Tokens are cached per resource, tenant and subscription.
public struct AzureCliCredential: TokenCredential {
    static let name = "AzureCliCredential"
    private let tool: DeveloperTool
    private let subscription: String?

    /// Creates the credential.
    /// - Parameters:
    ///   - tenantID: The tenant to ask `az` for (`--tenant`); `nil` uses the CLI's current account.
    ///   - subscription: A subscription name or id (`--subscription`).
    ///   - processTimeout: How long `az` may run.
    ///   - options: The transport, clock, environment, logger and process runner (``CredentialOptions``).
    /// - Throws: ``AzureIdentityError/Code/invalidConfiguration`` for an invalid tenant or subscription.
    public init(
        tenantID: String? = nil,
        subscription: String? = nil,
        processTimeout: Duration = .seconds(10),
        options: CredentialOptions = CredentialOptions()
    ) throws {
        if let subscription { try DeveloperToolInput.validateSubscription(subscription, credentialName: Self.name) }
        self.subscription = subscription
        self.tool = try DeveloperTool(
            behaviour: Self.behaviour(timeZone: .current),
            tenantID: tenantID,
            processTimeout: processTimeout,
            options: options
        )
    }

    /// Gets a token for the request's single scope (only the first scope is used, as Azure Identity does).
    nonisolated(nonsending) public func getToken(for request: TokenRequest) async throws -> AccessToken {
        let scope = try DeveloperToolInput.firstScope(of: request, credentialName: Self.name)
        let tenant = try tool.tenant(for: request)
        try tool.rejectClaims(request) { claims in
            "az login --claims-challenge \(claims) --scope \(scope)" + (tenant.map { " --tenant \($0)" } ?? "")
        }
        var arguments = [
            "account", "get-access-token", "--output", "json", "--resource", DeveloperToolInput.resource(for: scope),
        ]
        if let tenant { arguments += ["--tenant", tenant] }
        if let subscription { arguments += ["--subscription", subscription] }
        return try await tool.token(
            for: TokenRequest(scopes: [scope], tenantID: request.tenantID),
            tenant: tenant,
            account: subscription ?? "",
            arguments: arguments
        )
    }

    static func behaviour(timeZone: TimeZone) -> DeveloperTool.Behaviour {
        DeveloperTool.Behaviour(
            credentialName: name,
            toolName: "Azure CLI",
            executable: "az",
            installHint: "Install it from https://aka.ms/azure-cli and run 'az login'.",
            loginHint: "Please run 'az login' to set up an account.",
            isNotInstalled: { output in
                let error = output.standardError
                return error.range(of: #"az:(.*)not found"#, options: .regularExpression) != nil
                    || error.hasPrefix("'az' is not recognized")
            },
            isNotLoggedIn: { output in
                let error = output.standardError
                guard output.exitCode != 0, !error.contains("AADSTS") else { return false }
                return (error.contains("az login") && !error.contains("az login --scope"))
                    || error.contains("az account set")
            },
            parse: { output, now in try parse(output.standardOutput, timeZone: timeZone, now: now) }
        )
    }

    /// Reads `az account get-access-token` JSON: `accessToken`, then `expires_on` (epoch seconds), else the
    /// zone-less local `expiresOn`, checked as every token answer is (``TokenAnswer``, ``TokenLifetime``). The entry
    /// point the fuzz target drives.
    static func parse(_ text: String, timeZone: TimeZone, now: Date) throws(TokenResponseError) -> AccessToken {
        guard let object = OutsideJSON.object(Array(text.utf8)) else { throw .notJSON() }
        let token = try TokenAnswer.accessToken(object["accessToken"], field: "accessToken")
        let expiry: Date
        if let value = object["expires_on"], !value.isNull {
            guard let seconds = try TokenLifetime.seconds(value, field: "expires_on") else {
                throw .missing("expires_on")
            }
            expiry = try TokenLifetime.expiry(
                atEpochSeconds: seconds,
                now: now,
                field: "expires_on",
                shown: value.shown
            )
        } else if let value = object["expiresOn"], !value.isNull {
            guard let date = value.string.flatMap({ ToolDates.azureCLILocal($0, timeZone: timeZone) }) else {
                throw TokenResponseError(
                    .notANumber,
                    field: "expiresOn",
                    "expiresOn \(value.shown) is not a date such as 2026-11-23 12:34:56.123456"
                )
            }
            expiry = try TokenLifetime.expiry(at: date, now: now, field: "expiresOn", shown: value.shown)
        } else {
            throw .missing("expires_on")
        }
        return AccessToken(
            token: token,
            expiresOn: expiry,
            tokenType: try TokenAnswer.tokenType(object["tokenType"], field: "tokenType")
        )
    }
}
