// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation

/// Gets tokens from Azure PowerShell: `pwsh -NoProfile -NonInteractive -Command <script>`, where the script
/// imports `Az.Accounts` and calls `Get-AzAccessToken -ResourceUrl <resource> [-TenantId <t>]`.
///
/// The resource and tenant are validated, then embedded in the script as single-quoted PowerShell literals. The
/// script prints `{"Token": …, "ExpiresOn": <epoch seconds>}`; a SecureString token (Az.Accounts 2.17+) is
/// converted to plain text inside the script. `Connect-AzAccount` and a missing `Az.Accounts` module are
/// ``AzureIdentityError/Code/credentialUnavailable``.
public struct AzurePowerShellCredential: TokenCredential {
    static let name = "AzurePowerShellCredential"
    private let tool: DeveloperTool

    /// Creates the credential.
    /// - Parameters:
    ///   - tenantID: The tenant to ask for (`-TenantId`); `nil` uses the signed-in context's tenant.
    ///   - processTimeout: How long `pwsh` may run.
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

    /// Gets a token for the request's first scope.
    nonisolated(nonsending) public func getToken(for request: TokenRequest) async throws -> AccessToken {
        let scope = try DeveloperToolInput.firstScope(of: request, credentialName: Self.name)
        let tenant = try tool.tenant(for: request)
        try tool.rejectClaims(request) { claims in
            "Connect-AzAccount -ClaimsChallenge \(claims)" + (tenant.map { " -Tenant \($0)" } ?? "")
        }
        let script = Self.script(resource: DeveloperToolInput.resource(for: scope), tenant: tenant)
        return try await tool.token(
            for: TokenRequest(scopes: [scope], tenantID: request.tenantID),
            tenant: tenant,
            arguments: ["-NoProfile", "-NonInteractive", "-Command", script]
        )
    }

    /// The PowerShell script. `resource` and `tenant` were validated (no quotes), so single quotes are safe.
    static func script(resource: String, tenant: String?) -> String {
        let tenantEntry = tenant.map { "; TenantId = '\($0)'" } ?? ""
        return """
            $ErrorActionPreference = 'Stop'
            $m = Import-Module Az.Accounts -MinimumVersion 2.2.0 -PassThru -ErrorAction SilentlyContinue
            if (-not $m) { Write-Error 'NoAzAccountModule'; exit 3 }
            $params = @{ ResourceUrl = '\(resource)'\(tenantEntry) }
            if ($m.Version -ge [version]'2.17.0' -and $m.Version -lt [version]'5.0.0') {
                $params['AsSecureString'] = $true
            }
            $t = Get-AzAccessToken @params
            $v = $t.Token
            if ($v -is [System.Security.SecureString]) { $v = ConvertFrom-SecureString $v -AsPlainText }
            [pscustomobject]@{ Token = $v; ExpiresOn = $t.ExpiresOn.ToUnixTimeSeconds() } | ConvertTo-Json -Compress
            """
    }

    static let behaviour = DeveloperTool.Behaviour(
        credentialName: name,
        toolName: "Azure PowerShell",
        executable: "pwsh",
        installHint: "Install PowerShell 7 (https://aka.ms/powershell) and the Az.Accounts module.",
        loginHint: "Please run 'Connect-AzAccount' from PowerShell to set up an account.",
        isNotInstalled: { output in
            output.standardError.contains("NoAzAccountModule")
                || output.standardError.contains("'pwsh' is not recognized")
        },
        isNotLoggedIn: { output in
            output.exitCode != 0 && output.standardError.contains("Connect-AzAccount")
                && !output.standardError.contains("AADSTS")
        },
        parse: { output, now in try parse(output.standardOutput, now: now) }
    )

    /// Reads the script's output: other text may precede the JSON (warnings), so the first `{` to the last `}` is
    /// read; `Token`, and `ExpiresOn` as epoch seconds (or an RFC 3339 date), checked as every token answer is
    /// (``TokenAnswer``, ``TokenLifetime``). The entry point the fuzz target drives.
    static func parse(_ text: String, now: Date) throws(TokenResponseError) -> AccessToken {
        guard let start = text.firstIndex(of: "{"), let end = text.lastIndex(of: "}"), start < end,
            let fields = OutsideJSON.object(Array(text[start...end].utf8))
        else { throw .notJSON("a JSON object after any warnings") }
        let token = try TokenAnswer.accessToken(fields["Token"], field: "Token")
        guard let value = fields["ExpiresOn"], !value.isNull else { throw .missing("ExpiresOn") }
        let expiry: Date
        if let text = value.string, let date = ToolDates.rfc3339(text) {
            expiry = try TokenLifetime.expiry(at: date, now: now, field: "ExpiresOn", shown: value.shown)
        } else {
            guard let seconds = try TokenLifetime.seconds(value, field: "ExpiresOn") else {
                throw .missing("ExpiresOn")
            }
            expiry = try TokenLifetime.expiry(
                atEpochSeconds: seconds,
                now: now,
                field: "ExpiresOn",
                shown: value.shown
            )
        }
        return AccessToken(token: token, expiresOn: expiry)
    }
}
