// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

/// `AuthorityHost` and `TenantID` apply the rules the profile validator applies (issue 9 items 13 and 14).
@Suite struct AuthorityAndTenantRuleTests {
    @Test func httpOnAnAllowedLoopbackHostIsAccepted() throws {
        #expect(try AuthorityHost("http://127.0.0.1:8400", allowLoopback: true).url == "http://127.0.0.1:8400")
        #expect(try AuthorityHost("http://localhost", allowLoopback: true).host == "localhost")
        #expect(throws: AzureIdentityError.self) { try AuthorityHost("http://127.0.0.1:8400") }
        #expect(throws: AzureIdentityError.self) {
            try AuthorityHost("http://login.contoso.example", allowLoopback: true)
        }
    }

    @Test(arguments: [
        "https://2130706433", "https://0x7f000001", "https://0.0.0.0", "https://127.1",
        "https://[::ffff:127.0.0.1]", "https://[::]", "2130706433:8443",
    ])
    func numericLoopbackFormsNeedAllowLoopback(_ text: String) throws {
        let error = try #require(throws: AzureIdentityError.self) { try AuthorityHost(text) }
        #expect(error.code == .invalidConfiguration)
        #expect(error.message.contains("loopback"))
        // With permission, the URL requests go to is the canonical address that was checked.
        let host = try AuthorityHost(text, allowLoopback: true)
        #expect(!host.url.contains("2130706433") && !host.url.contains("0x7f"))
    }

    @Test func aNameThatStartsWith127IsNotLoopback() throws {
        #expect(try AuthorityHost("https://127.evil.example").url == "https://127.evil.example")
    }

    @Test(arguments: [
        "https://user:hunter2-p4ss@login.contoso.example", "https://login.contoso.example/x?y=hunter2-p4ss",
        "https://login.contoso.example#hunter2-p4ss", "https://login.contoso.example/../hunter2-p4ss",
    ])
    func userInfoQueryFragmentAndDotSegmentsAreRefusedWithoutQuotingThem(_ text: String) throws {
        let error = try #require(throws: AzureIdentityError.self) { try AuthorityHost(text) }
        #expect(error.code == .invalidConfiguration)
        #expect(!error.message.contains("hunter2") && !"\(error)".contains("hunter2"))
    }

    @Test(arguments: [".", "..", "a..b", ".contoso.com", "contoso.com."])
    func dotSegmentTenantsAreRefused(_ tenant: String) throws {
        #expect(throws: AzureIdentityError.self) { try TenantID.validate(tenant) }
        #expect(throws: AzureIdentityError.self) {
            try ClientSecretCredential(
                tenantID: tenant, clientID: "c", secret: Secret("s"),
                options: CredentialOptions(environment: [:]))
        }
        // The developer tools pass the tenant on a command line: the same rule.
        #expect(throws: AzureIdentityError.self) {
            try AzureCliCredential(tenantID: tenant, options: CredentialOptions(environment: [:]))
        }
        #expect(throws: AzureIdentityError.self) {
            try AzureDeveloperCliCredential(tenantID: tenant, options: CredentialOptions(environment: [:]))
        }
    }

    @Test func aRequestedDotSegmentTenantIsRefusedBeforeAnyRequest() async throws {
        try await withFake { env in
            let credential = try ClientSecretCredential(
                tenantID: FakeEnvironment.tenant, clientID: FakeEnvironment.clientID,
                secret: Secret(FakeEnvironment.secret), options: env.options(allowedTenants: ["*"]))
            for tenant in ["..", "."] {
                let error = await caught {
                    try await credential.getToken(for: TokenRequest(scopes: managementScope, tenantID: tenant))
                }
                #expect((error as? AzureIdentityError)?.code == .invalidConfiguration, "\(tenant)")
            }
            #expect(env.fake.requests.isEmpty)
        }
    }

    @Test func aTokenRequestGoesOverHTTPToAnAllowedLoopbackAuthority() async throws {
        try await withFake { env in
            // The fake's plain-HTTP listener: the request must be sent there (it used to be refused before sending).
            var options = env.options(retry: RetryPolicy(maxRetries: 0))
            options.authorityHost = try AuthorityHost(env.fake.managedIdentityURL, allowLoopback: true)
            let credential = try ClientSecretCredential(
                tenantID: FakeEnvironment.tenant, clientID: FakeEnvironment.clientID,
                secret: Secret(FakeEnvironment.secret), options: options)
            _ = await caught { try await credential.getToken(scopes: managementScope) }
            let request = try #require(env.fake.requests.first)
            #expect(request.method == "POST")
            #expect(request.path == "/\(FakeEnvironment.tenant)/oauth2/v2.0/token")
        }
    }
}
