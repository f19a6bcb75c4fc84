// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Testing

@Suite struct DiscoveryTests {
    @Test func noDiscoveryRoundTripByDefault() async throws {
        try await withFake { env in
            let credential = try ClientSecretCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: FakeEnvironment.clientID,
                secret: Secret(FakeEnvironment.secret),
                options: env.options()
            )
            _ = try await credential.getToken(scopes: managementScope)
            #expect(env.fake.requests.count == 1)
            #expect(env.fake.requests.allSatisfy { $0.isTokenRequest })
        }
    }

    @Test func discoveryReadsTheTokenEndpointOncePerTenant() async throws {
        try await withFake { env in
            var options = env.options()
            options.authorityHost = try AuthorityHost(env.fake.authorityURL, allowLoopback: true, discovery: true)
            let credential = try ClientSecretCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: FakeEnvironment.clientID,
                secret: Secret(FakeEnvironment.secret),
                options: options
            )
            _ = try await credential.getToken(scopes: managementScope)
            _ = try await credential.getToken(scopes: ["https://vault.azure.net/.default"])
            let paths = env.fake.requests.map(\.path)
            #expect(
                paths == [
                    "/\(FakeEnvironment.tenant)/v2.0/.well-known/openid-configuration",
                    "/\(FakeEnvironment.tenant)/oauth2/v2.0/token",
                    "/\(FakeEnvironment.tenant)/oauth2/v2.0/token",
                ]
            )
        }
    }

    @Test func discoveryForAnUnknownTenantFails() async throws {
        try await withFake { env in
            var options = env.options()
            options.authorityHost = try AuthorityHost(env.fake.authorityURL, allowLoopback: true, discovery: true)
            let credential = try ClientSecretCredential(
                tenantID: "unknown-tenant",
                clientID: FakeEnvironment.clientID,
                secret: Secret(FakeEnvironment.secret),
                options: options
            )
            let error = try #require(
                await caught { try await credential.getToken(scopes: managementScope) } as? AzureIdentityError
            )
            #expect(error.code == .authenticationFailed)
            #expect(error.entraError?.errorCodes == [90002])
            #expect(env.fake.tokenRequests.isEmpty)
        }
    }

    @Test func wellKnownCloudsNeverDiscover() throws {
        #expect(!(try AuthorityHost("https://login.microsoftonline.com", discovery: true)).usesDiscovery)
        #expect(try AuthorityHost("https://login.private.example", discovery: true).usesDiscovery)
    }
}
