// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation

/// Gets tokens from the Azure Developer CLI: `azd auth token --output json --no-prompt --scope <s>…
/// [--tenant-id <t>]`.
///
/// Every scope is passed (`--scope` repeated). `--no-prompt` keeps azd from waiting for input. Claims challenges
/// are forwarded as `--claims <base64>`; when azd answers that re-authentication is needed, the error names the
/// `azd auth login` command to run. Otherwise it behaves like ``AzureCliCredential``.
public struct AzureDeveloperCliCredential: TokenCredential {
    static let name = "AzureDeveloperCliCredential"
    private let tool: DeveloperTool

    /// Creates the credential.
    /// - Parameters:
    ///   - tenantID: The tenant to ask azd for (`--tenant-id`); `nil` uses azd's default.
    ///   - processTimeout: How long `azd` may run.
    ///   - options: The transport, clock, environment, logger and process runner (``CredentialOptions``).
    public init(
        tenantID: String? = nil,
        processTimeout: Duration = .seconds(10),
        options: CredentialOptions = CredentialOptions()
    ) throws {
        self.tool = try DeveloperTool(
            behaviour: Self.behaviour,
            tenantID: tenantID,
            processTimeout: processTimeout,
            options: options
        )
    }

    /// Gets a token for all of the request's scopes.
    nonisolated(nonsending) public func getToken(for request: TokenRequest) async throws -> AccessToken {
        guard !request.scopes.isEmpty else {
            throw AzureIdentityError(
                code: .invalidConfiguration,
                message: "\(Self.name): at least one scope is required.",
                credentialName: Self.name
            )
        }
        for scope in request.scopes { try DeveloperToolInput.validateScope(scope, credentialName: Self.name) }
        let tenant = try tool.tenant(for: request)
        var arguments = ["auth", "token", "--output", "json", "--no-prompt"]
        for scope in request.scopes { arguments += ["--scope", scope] }
        if let tenant { arguments += ["--tenant-id", tenant] }
        if let claims = request.claims, !claims.isEmpty {
            arguments += ["--claims", Data(claims.utf8).base64EncodedString()]
        }
        do {
            return try await tool.token(for: request, tenant: tenant, arguments: arguments)
        } catch var error as AzureIdentityError
            where error.code == .authenticationFailed
            && (error.message.contains("reauthentication required")
                || error.message.contains("must use multi-factor authentication"))
        {
            let scopes = request.scopes.map { "--scope \($0)" }.joined(separator: " ")
            error.message += " To re-authenticate, run: azd auth login \(scopes)"
            throw error
        }
    }

    static let behaviour = DeveloperTool.Behaviour(
        credentialName: name,
        toolName: "Azure Developer CLI",
        executable: "azd",
        installHint: "Install it from https://aka.ms/azure-dev/install and run 'azd auth login'.",
        loginHint: "Please run 'azd auth login' to set up an account.",
        isNotInstalled: { output in
            output.standardError.range(of: #"azd:(.*)not found"#, options: .regularExpression) != nil
                || output.standardError.hasPrefix("'azd' is not recognized")
        },
        isNotLoggedIn: { output in
            output.exitCode != 0
                && (output.standardError.contains("not logged in, run `azd login` to login")
                    || output.standardError.contains("not logged in, run `azd auth login` to login"))
        },
        parse: { output, now in try parse(output.standardOutput, now: now) }
    )

    /// Reads `azd auth token --output json`: `token` and the RFC 3339 `expiresOn`, checked as every token answer is
    /// (``TokenAnswer``, ``TokenLifetime``). The entry point the fuzz target drives.
    static func parse(_ text: String, now: Date) throws(TokenResponseError) -> AccessToken {
        guard let fields = OutsideJSON.object(Array(text.utf8)) else { throw .notJSON() }
        let token = try TokenAnswer.accessToken(fields["token"], field: "token")
        guard let value = fields["expiresOn"], !value.isNull else { throw .missing("expiresOn") }
        guard let date = value.string.flatMap(ToolDates.rfc3339) else {
            throw TokenResponseError(
                .notANumber,
                field: "expiresOn",
                "expiresOn \(value.shown) is not an RFC 3339 date"
            )
        }
        let expiry = try TokenLifetime.expiry(at: date, now: now, field: "expiresOn", shown: value.shown)
        return AccessToken(token: token, expiresOn: expiry)
    }
}
