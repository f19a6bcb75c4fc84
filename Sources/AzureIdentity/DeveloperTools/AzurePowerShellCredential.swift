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
        parse: { output, _ in
            // Other text may precede the JSON (warnings): use the first `{…}` fragment with a Token field.
            let text = output.standardOutput
            guard let start = text.firstIndex(of: "{"), let end = text.lastIndex(of: "}"), start < end,
                let object = try? JSONSerialization.jsonObject(with: Data(text[start...end].utf8)),
                let fields = object as? [String: Any]
            else { throw DeveloperToolOutputError(description: "no JSON object") }
            guard let token = fields["Token"] as? String, !token.isEmpty else {
                throw DeveloperToolOutputError(description: "no Token")
            }
            let expiry =
                ToolDates.epochSeconds(fields["ExpiresOn"])
                ?? (fields["ExpiresOn"] as? String).flatMap(ToolDates.rfc3339)
            guard let expiry else { throw DeveloperToolOutputError(description: "ExpiresOn is not readable") }
            return AccessToken(token: Secret(token), expiresOn: expiry)
        }
    )
}
