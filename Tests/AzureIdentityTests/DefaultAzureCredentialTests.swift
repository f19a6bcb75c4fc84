// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

@Suite("DefaultAzureCredential: which credential wins")
struct DefaultAzureCredentialTests {
    @Test("client secret in the environment → EnvironmentCredential")
    func environmentWins() async throws {
        try await withFake { env in
            let harness = try DefaultCredentialHarness(env)
            defer { harness.tools.remove() }
            let credential = try harness.make(
                environment: [
                    "AZURE_TENANT_ID": FakeEnvironment.tenant, "AZURE_CLIENT_ID": FakeEnvironment.clientID,
                    "AZURE_CLIENT_SECRET": FakeEnvironment.secret,
                ],
                installTools: true
            )
            _ = try await credential.getToken(scopes: managementScope)
            #expect(credential.lastSuccessfulMember == .environment)
            #expect(env.fake.tokenRequests.first?.form["grant_type"] == "client_credentials")
            #expect(harness.tools.recordedArguments("az").isEmpty)
        }
    }

    @Test("managed identity answers → ManagedIdentityCredential, after a passing probe")
    func managedIdentityWins() async throws {
        try await withFake { env in
            MIFixtures.register(env)
            let harness = try DefaultCredentialHarness(env)
            defer { harness.tools.remove() }
            let credential = try harness.make(imdsAnswers: true, installTools: true)
            let token = try await credential.getToken(scopes: managementScope)
            #expect(credential.lastSuccessfulMember == .managedIdentity)
            #expect(
                env.fake.verifiedClaims(of: token.token.revealedValue())?["appid"] as? String
                    == MIFixtures.system.clientID
            )
            #expect(harness.tools.recordedArguments("az").isEmpty)
            #expect(harness.transport.refused.isEmpty)
        }
    }

    @Test("AZURE_CLIENT_ID alone makes the managed identity slot ask for that user-assigned identity")
    func clientIDSelectsUserAssigned() async throws {
        try await withFake { env in
            MIFixtures.register(env)
            let harness = try DefaultCredentialHarness(env)
            defer { harness.tools.remove() }
            let credential = try harness.make(
                environment: ["AZURE_CLIENT_ID": MIFixtures.user.clientID],
                imdsAnswers: true
            )
            _ = try await credential.getToken(scopes: managementScope)
            #expect(MIFixtures.requests(env).last?.query["client_id"] == MIFixtures.user.clientID)
        }
    }

    @Test("nothing deployed, az signed in → AzureCliCredential (MI probe fails fast on a closed port)")
    func azureCliWins() async throws {
        try await withFake { env in
            let harness = try DefaultCredentialHarness(env)
            defer { harness.tools.remove() }
            let credential = try harness.make(installTools: true) { $0.tenantID = "contoso.example" }
            let token = try await credential.getToken(scopes: managementScope)
            #expect(token.token.revealedValue() == FakeDeveloperTools.token)
            #expect(credential.lastSuccessfulMember == .azureCli)
            #expect(harness.tools.recordedArguments("az").suffix(2) == ["--tenant", "contoso.example"])
            #expect(harness.transport.refused.isEmpty)
            #expect(env.time.sleeps.isEmpty, "no managed identity retries after the probe failed")
        }
    }

    @Test("a developer tool that fails passes to the next one; az not signed in → pwsh")
    func developerCredentialsContinue() async throws {
        try await withFake { env in
            let harness = try DefaultCredentialHarness(env)
            defer { harness.tools.remove() }
            try FakeDeveloperTools.install(into: harness.tools)
            try harness.tools.install("az", "echo 'ERROR: AADSTS50173: grant revoked' >&2; exit 1")
            let credential = try harness.make()
            _ = try await credential.getToken(scopes: managementScope)
            #expect(credential.lastSuccessfulMember == .azurePowerShell)
        }
    }

    @Test("a deployed credential that tried and failed stops the chain")
    func deployedFailureStops() async throws {
        try await withFake { env in
            let harness = try DefaultCredentialHarness(env)
            defer { harness.tools.remove() }
            let credential = try harness.make(
                environment: [
                    "AZURE_TENANT_ID": FakeEnvironment.tenant, "AZURE_CLIENT_ID": FakeEnvironment.clientID,
                    "AZURE_CLIENT_SECRET": "wrong-secret-value",
                ],
                installTools: true
            )
            let error = try #require(
                await caught { try await credential.getToken(scopes: managementScope) } as? ChainError
            )
            #expect(error.attempts.first?.credentialName == "EnvironmentCredential")
            #expect(error.attempts.map(\.outcome) == [.failed] + Array(repeating: .notTried, count: 6))
            #expect(!error.description.contains("wrong-secret-value"))
            #expect(harness.tools.recordedArguments("az").isEmpty)
        }
    }

    @Test("federated token file + tenant + client id → WorkloadIdentityCredential")
    func workloadIdentityWins() async throws {
        try await withFake { env in
            let issuer = FakeFederatedIssuer(issuer: "https://oidc.cluster.example/dac")
            let app = "fedfedfe-0000-0000-0000-0000000000dc"
            env.fake.register(issuer)
            env.fake.register(
                FakeApplication(
                    clientID: app,
                    tenantID: FakeEnvironment.tenant,
                    federatedCredentials: [FakeFederatedCredential(issuer: issuer.issuer, subject: "system:sa:dac")]
                )
            )
            let harness = try DefaultCredentialHarness(env)
            defer { harness.tools.remove() }
            let file = harness.tools.file("sa-token")
            try Data(issuer.mintToken(subject: "system:sa:dac").utf8).write(to: file)
            let credential = try harness.make(
                environment: [
                    "AZURE_TENANT_ID": FakeEnvironment.tenant, "AZURE_CLIENT_ID": app,
                    "AZURE_FEDERATED_TOKEN_FILE": file.path,
                ],
                installTools: true
            )
            let token = try await credential.getToken(scopes: managementScope)
            #expect(credential.lastSuccessfulMember == .workloadIdentity)
            #expect(env.fake.verifiedClaims(of: token.token.revealedValue())?["appid"] as? String == app)
            #expect(harness.transport.sent.allSatisfy { !$0.contains("/metadata/identity") }, "no IMDS probe needed")
        }
    }

    @Test("AZURE_TOKEN_CREDENTIALS=AzureDeveloperCliCredential → only azd runs")
    func azdSelected() async throws {
        try await withFake { env in
            let harness = try DefaultCredentialHarness(env)
            defer { harness.tools.remove() }
            let credential = try harness.make(
                environment: ["AZURE_TOKEN_CREDENTIALS": "AzureDeveloperCliCredential"],
                installTools: true
            )
            _ = try await credential.getToken(scopes: managementScope)
            #expect(credential.lastSuccessfulMember == .azureDeveloperCli)
            #expect(harness.tools.recordedArguments("az").isEmpty)
            #expect(harness.transport.sent.isEmpty)
        }
    }
}
