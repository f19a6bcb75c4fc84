// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Testing

/// The README's fake Entra ID example, verbatim apart from the assertions and cleanup.
@Suite struct ReadmeExampleTests {
    @Test func fakeEntraIDExample() async throws {
        let fake = try await FakeEntraID.started()
        fake.register(FakeApplication(clientID: "app", tenantID: "tenant", secrets: ["s3cret"]))
        let transport = try AsyncHTTPClientTransport(
            configuration: TransportConfiguration(additionalTrustRootsPEM: [fake.caCertificatePEM])
        )
        let credential = try ClientSecretCredential(
            tenantID: "tenant",
            clientID: "app",
            secret: Secret("s3cret"),
            options: CredentialOptions(authorityHost: fake.authorityHost, transport: transport, environment: [:])
        )
        let token = await Result(catching: {
            try await credential.getToken(scopes: ["https://management.azure.com/.default"])
        })
        try await fake.shutdown()
        try await transport.shutdown()
        #expect(fake.tokenRequests.first?.form["grant_type"] == "client_credentials")
        #expect(fake.verifiedClaims(of: try token.get().token.revealedValue())?["appid"] as? String == "app")
    }
}
