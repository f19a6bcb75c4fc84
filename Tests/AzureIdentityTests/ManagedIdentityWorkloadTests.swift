// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

@Suite("ManagedIdentityCredential: workload identity token exchange")
struct ManagedIdentityWorkloadTests {
    static let appID = "fedfedfe-0000-0000-0000-00000000000a"
    static let subject = "system:serviceaccount:default:mi"

    @Test("AZURE_FEDERATED_TOKEN_FILE + tenant + client id exchange the file's token at Entra, reusing one credential")
    func tokenExchange() async throws {
        try await withFake { env in
            let issuer = FakeFederatedIssuer(issuer: "https://oidc.cluster.example/mi")
            env.fake.register(issuer)
            env.fake.register(
                FakeApplication(
                    clientID: Self.appID,
                    tenantID: FakeEnvironment.tenant,
                    federatedCredentials: [FakeFederatedCredential(issuer: issuer.issuer, subject: Self.subject)]
                )
            )
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("sa-\(UUID().uuidString)")
            try Data(issuer.mintToken(subject: Self.subject).utf8).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let environment = ["AZURE_TENANT_ID": FakeEnvironment.tenant, "AZURE_FEDERATED_TOKEN_FILE": file.path]
            let (credential, transport) = try MIFixtures.credential(
                env,
                identity: .clientID(Self.appID),
                environment: environment
            )
            #expect(credential.source.kind == .workloadIdentity)
            let token = try await credential.getToken(scopes: managementScope)
            let claims = try #require(env.fake.verifiedClaims(of: token.token.revealedValue()))
            #expect(claims["appid"] as? String == Self.appID)
            _ = try await credential.getToken(scopes: managementScope)
            #expect(env.fake.tokenRequests.count == 1, "the exchanged token is cached by the one inner credential")
            #expect(MIFixtures.requests(env).isEmpty)
            #expect(transport.refused.isEmpty)
        }
    }
}
