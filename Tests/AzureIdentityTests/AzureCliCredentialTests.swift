// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

@Suite("AzureCliCredential")
struct AzureCliCredentialTests {
    @Test("runs az with argv, prefers expires_on, caches the token")
    func success() async throws {
        let tools = try FakeTools()
        defer { tools.remove() }
        try FakeDeveloperTools.install(into: tools)
        let credential = try AzureCliCredential(
            tenantID: "contoso.onmicrosoft.com",
            subscription: "My Subscription",
            options: FakeDeveloperTools.options(tools)
        )
        let token = try await credential.getToken(scopes: ["https://vault.azure.net/.default"])
        #expect(token.token.revealedValue() == FakeDeveloperTools.token)
        #expect(token.expiresOn == Date(timeIntervalSince1970: 1_924_991_999))
        #expect(
            tools.recordedArguments("az") == [
                "account", "get-access-token", "--output", "json", "--resource", "https://vault.azure.net",
                "--tenant", "contoso.onmicrosoft.com", "--subscription", "My Subscription",
            ]
        )
        try FileManager.default.removeItem(at: tools.file("az.args"))
        _ = try await credential.getToken(scopes: ["https://vault.azure.net/.default"])
        #expect(tools.recordedArguments("az").isEmpty, "second call is served from the cache")
    }

    @Test("falls back to the zone-less expiresOn, read as local time")
    func legacyExpiresOn() async throws {
        let tools = try FakeTools()
        defer { tools.remove() }
        try FakeDeveloperTools.install(into: tools)
        let credential = try AzureCliCredential(options: FakeDeveloperTools.options(tools, mode: "legacy"))
        let token = try await credential.getToken(scopes: managementScope)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        let expected = try #require(
            calendar.date(from: DateComponents(year: 2031, month: 2, day: 3, hour: 4, minute: 5, second: 6))
        )
        #expect(abs(token.expiresOn.timeIntervalSince(expected) - 0.123) < 0.001)
        #expect(!tools.recordedArguments("az").contains("--tenant"))
    }

    @Test("not installed and not logged in are unavailable with the CLI's hint")
    func unavailable() async throws {
        let tools = try FakeTools()
        defer { tools.remove() }
        try FakeDeveloperTools.install(into: tools)
        let notLoggedIn = await caught {
            try await AzureCliCredential(options: FakeDeveloperTools.options(tools, mode: "not-logged-in"))
                .getToken(scopes: managementScope)
        }
        let error = try #require(notLoggedIn as? AzureIdentityError)
        #expect(error.code == .credentialUnavailable)
        #expect(error.message.contains("az login"))

        let shellNotFound = await caught {
            try await AzureCliCredential(options: FakeDeveloperTools.options(tools, mode: "not-found"))
                .getToken(scopes: managementScope)
        }
        #expect((shellNotFound as? AzureIdentityError)?.code == .credentialUnavailable)

        let empty = try FakeTools()
        defer { empty.remove() }
        let missing = await caught {
            try await AzureCliCredential(options: CredentialOptions(environment: ["PATH": empty.directory.path]))
                .getToken(scopes: managementScope)
        }
        let missingError = try #require(missing as? AzureIdentityError)
        #expect(missingError.code == .credentialUnavailable)
        #expect(missingError.message.contains("Azure CLI could not be found"))
    }

    @Test("other failures carry standard error with tokens and secrets redacted")
    func redactedFailure() async throws {
        let tools = try FakeTools()
        defer { tools.remove() }
        try FakeDeveloperTools.install(into: tools)
        let leak = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJsZWFrIn0.c2lnbmF0dXJl"
        let secret = "super-secret-client-value"
        let options = FakeDeveloperTools.options(
            tools,
            mode: "aadsts",
            extra: ["FAKE_LEAK": leak, "AZURE_CLIENT_SECRET": secret]
        )
        let error = try #require(
            await caught { try await AzureCliCredential(options: options).getToken(scopes: managementScope) }
                as? AzureIdentityError
        )
        #expect(error.code == .authenticationFailed)
        #expect(error.message.contains("AADSTS70043"))
        #expect(!error.description.contains(leak))
        #expect(!error.description.contains(secret))
        #expect(error.description.contains(Secret.redactionMarker))
    }

    @Test("unreadable output is an invalid response that does not echo the output")
    func garbage() async throws {
        let tools = try FakeTools()
        defer { tools.remove() }
        try FakeDeveloperTools.install(into: tools)
        let error = await caught {
            try await AzureCliCredential(options: FakeDeveloperTools.options(tools, mode: "garbage"))
                .getToken(scopes: managementScope)
        }
        #expect((error as? AzureIdentityError)?.code == .invalidResponse)
        #expect(!"\(String(describing: error))".contains("this is not json"))
    }

    @Test("a slow az is killed at the process timeout", .timeLimit(.minutes(1)))
    func timeout() async throws {
        let tools = try FakeTools()
        defer { tools.remove() }
        try FakeDeveloperTools.install(into: tools)
        let credential = try AzureCliCredential(
            processTimeout: .milliseconds(300),
            options: FakeDeveloperTools.options(tools, mode: "slow")
        )
        let started = ContinuousClock.now
        let error = try #require(
            await caught { try await credential.getToken(scopes: managementScope) } as? AzureIdentityError
        )
        #expect(ContinuousClock.now - started < HangGuard.limit, "a hang guard only: the message shows the kill")
        #expect(error.message.contains("did not answer within"))
        #expect((error.underlying as? ProcessError)?.code == .timedOut)
    }

    @Test(
        "tenant, scope and subscription are validated before anything runs",
        arguments: [
            ("bad tenant!", nil, "https://management.azure.com/.default"),
            (nil, "sub;rm", "https://management.azure.com/.default"),
            (nil, nil, "https://management.azure.com/.default --debug"),
            (nil, nil, "--output=tsv"),
        ] as [(String?, String?, String)]
    )
    func validation(tenant: String?, subscription: String?, scope: String) async throws {
        let tools = try FakeTools()
        defer { tools.remove() }
        try FakeDeveloperTools.install(into: tools)
        let error = await caught {
            try await AzureCliCredential(
                tenantID: tenant,
                subscription: subscription,
                options: FakeDeveloperTools.options(tools)
            ).getToken(scopes: [scope])
        }
        #expect((error as? AzureIdentityError)?.code == .invalidConfiguration)
        #expect(!FileManager.default.fileExists(atPath: tools.file("az.args").path))
    }

    @Test("claims challenges are refused with the re-login command; other tenants need allowing")
    func claimsAndTenants() async throws {
        let tools = try FakeTools()
        defer { tools.remove() }
        try FakeDeveloperTools.install(into: tools)
        let credential = try AzureCliCredential(tenantID: "home", options: FakeDeveloperTools.options(tools))
        let claims = await caught {
            try await credential.getToken(for: TokenRequest(scopes: managementScope, claims: #"{"access_token":{}}"#))
        }
        #expect((claims as? AzureIdentityError)?.code == .credentialUnavailable)
        #expect((claims as? AzureIdentityError)?.message.contains("az login --claims-challenge") == true)
        let other = await caught {
            try await credential.getToken(for: TokenRequest(scopes: managementScope, tenantID: "other"))
        }
        #expect((other as? AzureIdentityError)?.code == .credentialUnavailable)
        var options = FakeDeveloperTools.options(tools)
        options.additionallyAllowedTenants = ["other"]
        _ = try await AzureCliCredential(tenantID: "home", options: options)
            .getToken(for: TokenRequest(scopes: managementScope, tenantID: "other"))
        #expect(Array(tools.recordedArguments("az").suffix(2)) == ["--tenant", "other"])
    }
}
