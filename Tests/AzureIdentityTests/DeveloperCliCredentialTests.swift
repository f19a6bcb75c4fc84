// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import Foundation
import Testing

@Suite("AzureDeveloperCliCredential and AzurePowerShellCredential")
struct DeveloperCliCredentialTests {
    @Test("azd gets every scope, --no-prompt and the tenant as argv; RFC 3339 expiry with nanoseconds")
    func azdSuccess() async throws {
        let tools = try FakeTools()
        defer { tools.remove() }
        try FakeDeveloperTools.install(into: tools)
        let credential = try AzureDeveloperCliCredential(tenantID: "t1", options: FakeDeveloperTools.options(tools))
        let token = try await credential.getToken(scopes: ["https://a.example/.default", "https://b.example/x"])
        #expect(token.token.revealedValue() == FakeDeveloperTools.token)
        let expected = try #require(ISO8601DateFormatter().date(from: "2031-02-03T04:05:06Z"))
        #expect(abs(token.expiresOn.timeIntervalSince(expected) - 0.123) < 0.001)
        #expect(
            tools.recordedArguments("azd") == [
                "auth", "token", "--output", "json", "--no-prompt", "--scope", "https://a.example/.default",
                "--scope", "https://b.example/x", "--tenant-id", "t1",
            ]
        )
    }

    @Test("azd: not logged in is unavailable; reauthentication is a failure naming azd; claims are forwarded")
    func azdFailures() async throws {
        let tools = try FakeTools()
        defer { tools.remove() }
        try FakeDeveloperTools.install(into: tools)
        let notLoggedIn = await caught {
            try await AzureDeveloperCliCredential(options: FakeDeveloperTools.options(tools, mode: "not-logged-in"))
                .getToken(scopes: managementScope)
        }
        #expect((notLoggedIn as? AzureIdentityError)?.code == .credentialUnavailable)
        #expect((notLoggedIn as? AzureIdentityError)?.message.contains("azd auth login") == true)
        let reauth = await caught {
            try await AzureDeveloperCliCredential(options: FakeDeveloperTools.options(tools, mode: "reauth"))
                .getToken(scopes: managementScope)
        }
        #expect((reauth as? AzureIdentityError)?.code == .authenticationFailed)
        #expect((reauth as? AzureIdentityError)?.message.contains("azd auth login --scope") == true)

        _ = try await AzureDeveloperCliCredential(options: FakeDeveloperTools.options(tools))
            .getToken(for: TokenRequest(scopes: managementScope, claims: "{}"))
        let arguments = tools.recordedArguments("azd")
        #expect(Array(arguments.suffix(2)) == ["--claims", Data("{}".utf8).base64EncodedString()])

        let empty = try FakeTools()
        defer { empty.remove() }
        let missing = await caught {
            try await AzureDeveloperCliCredential(
                options: CredentialOptions(environment: ["PATH": empty.directory.path])
            )
            .getToken(scopes: managementScope)
        }
        #expect((missing as? AzureIdentityError)?.message.contains("Azure Developer CLI could not be found") == true)
    }

    @Test("pwsh runs non-interactively with Get-AzAccessToken; warnings before the JSON are skipped")
    func powerShellSuccess() async throws {
        let tools = try FakeTools()
        defer { tools.remove() }
        try FakeDeveloperTools.install(into: tools)
        let credential = try AzurePowerShellCredential(tenantID: "t2", options: FakeDeveloperTools.options(tools))
        let token = try await credential.getToken(scopes: ["https://vault.azure.net/.default"])
        #expect(token.token.revealedValue() == FakeDeveloperTools.token)
        #expect(token.expiresOn == Date(timeIntervalSince1970: 1_927_000_000))
        let arguments = tools.recordedArguments("pwsh")
        #expect(Array(arguments.prefix(3)) == ["-NoProfile", "-NonInteractive", "-Command"])
        let script = arguments.dropFirst(3).joined(separator: "\n")
        #expect(script.contains("Get-AzAccessToken @params"))
        #expect(script.contains("ResourceUrl = 'https://vault.azure.net'; TenantId = 't2'"))
    }

    @Test("pwsh: Connect-AzAccount and a missing Az.Accounts module are unavailable")
    func powerShellUnavailable() async throws {
        let tools = try FakeTools()
        defer { tools.remove() }
        try FakeDeveloperTools.install(into: tools)
        for mode in ["not-logged-in", "no-module"] {
            let error = await caught {
                try await AzurePowerShellCredential(options: FakeDeveloperTools.options(tools, mode: mode))
                    .getToken(scopes: managementScope)
            }
            #expect((error as? AzureIdentityError)?.code == .credentialUnavailable, "\(mode)")
        }
        let claims = await caught {
            try await AzurePowerShellCredential(options: FakeDeveloperTools.options(tools))
                .getToken(for: TokenRequest(scopes: managementScope, claims: "{}"))
        }
        #expect((claims as? AzureIdentityError)?.message.contains("Connect-AzAccount -ClaimsChallenge") == true)
    }
}
