// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

@Suite("DefaultAzureCredential: AZURE_TOKEN_CREDENTIALS and the aggregate error")
struct DefaultAzureCredentialSelectionTests {
    @Test(
        "the selection values",
        arguments: [
            (
                nil,
                [
                    "EnvironmentCredential", "WorkloadIdentityCredential", "ManagedIdentityCredential",
                    "VisualStudioCodeCredential", "AzureCliCredential",
                    "AzurePowerShellCredential", "AzureDeveloperCliCredential",
                ]
            ),
            (
                " DEV ",
                [
                    "VisualStudioCodeCredential", "AzureCliCredential", "AzurePowerShellCredential",
                    "AzureDeveloperCliCredential",
                ]
            ),
            ("prod", ["EnvironmentCredential", "WorkloadIdentityCredential", "ManagedIdentityCredential"]),
            ("azuredeveloperclicredential", ["AzureDeveloperCliCredential"]),
        ] as [(String?, [String])]
    )
    func selection(value: String?, expected: [String]) throws {
        let members = try DefaultAzureCredentialMember.selection(fromEnvironmentValue: value, brokerEnabled: false)
        #expect(members.members.map(\.description) == expected)
        let withBroker = try DefaultAzureCredentialMember.selection(fromEnvironmentValue: value, brokerEnabled: true)
        #expect(withBroker.members.last == (value == nil || value == " DEV " ? .broker : members.members.last))
    }

    @Test("anything else is an error listing every valid value")
    func invalidValue() {
        let error = #expect(throws: AzureIdentityError.self) {
            try DefaultAzureCredential(options: CredentialOptions(environment: ["AZURE_TOKEN_CREDENTIALS": "laptop"]))
        }
        #expect(error?.code == .invalidConfiguration)
        for valid in [
            "'dev'", "'prod'", "'ManagedIdentityCredential'", "'AzureCliCredential'", "'EnvironmentCredential'",
        ] {
            #expect(error?.message.contains(valid) == true)
        }
    }

    @Test("dev skips deployed credentials even when the environment is configured")
    func devOnly() async throws {
        try await withFake { env in
            let harness = try DefaultCredentialHarness(env)
            defer { harness.tools.remove() }
            let credential = try harness.make(
                environment: [
                    "AZURE_TOKEN_CREDENTIALS": "dev", "AZURE_TENANT_ID": FakeEnvironment.tenant,
                    "AZURE_CLIENT_ID": FakeEnvironment.clientID, "AZURE_CLIENT_SECRET": FakeEnvironment.secret,
                ],
                installTools: true
            )
            _ = try await credential.getToken(scopes: managementScope)
            #expect(credential.lastSuccessfulMember == .azureCli)
            #expect(env.fake.tokenRequests.isEmpty)
        }
    }

    @Test("ManagedIdentityCredential alone: no probe, and the options' managed identity id is kept")
    func managedIdentityAlone() async throws {
        try await withFake { env in
            MIFixtures.register(env)
            let harness = try DefaultCredentialHarness(env)
            defer { harness.tools.remove() }
            let credential = try harness.make(
                environment: ["AZURE_TOKEN_CREDENTIALS": "ManagedIdentityCredential"],
                imdsAnswers: true
            ) { $0.managedIdentityClientID = MIFixtures.user.clientID }
            #expect(credential.members == [.managedIdentity])
            _ = try await credential.getToken(scopes: managementScope)
            let requests = MIFixtures.requests(env)
            #expect(requests.count == 1, "no probe request")
            #expect(requests.first?.query["client_id"] == MIFixtures.user.clientID)
        }
    }

    @Test("nothing available: the error names every credential tried, in order, with its reason")
    func aggregateError() async throws {
        try await withFake { env in
            let harness = try DefaultCredentialHarness(env)
            defer { harness.tools.remove() }
            let credential = try harness.make()
            let error = try #require(
                await caught { try await credential.getToken(scopes: managementScope) } as? ChainError
            )
            #expect(
                error.attempts.map(\.credentialName) == [
                    "EnvironmentCredential", "WorkloadIdentityCredential", "ManagedIdentityCredential",
                    "VisualStudioCodeCredential", "AzureCliCredential", "AzurePowerShellCredential",
                    "AzureDeveloperCliCredential",
                ]
            )
            #expect(error.allLinksUnavailable)
            let text = error.description
            #expect(text.hasPrefix("DefaultAzureCredential failed to get a token (7 of 7 credential(s) attempted):"))
            for fragment in [
                "AZURE_CLIENT_SECRET", "tenantID is required", "IMDS at http://127.0.0.1:",
                "no authentication record from VS Code",
                "Azure CLI could not be found",
                "Azure PowerShell could not be found", "Azure Developer CLI could not be found",
            ] {
                #expect(text.contains(fragment), "\(fragment)")
            }
            #expect(harness.transport.refused.isEmpty)
            #expect(harness.transport.sent.count == 1, "one probe, no token request")
        }
    }

    @Test("invalid options throw at construction")
    func invalidOptions() {
        #expect(throws: AzureIdentityError.self) {
            try DefaultAzureCredential(
                DefaultAzureCredentialOptions(tenantID: "bad tenant"),
                options: CredentialOptions(environment: [:])
            )
        }
        #expect(throws: AzureIdentityError.self) {
            try DefaultAzureCredential(
                DefaultAzureCredentialOptions(managedIdentityClientID: "c", managedIdentityResourceID: "/r"),
                options: CredentialOptions(environment: [:])
            )
        }
    }

    @Test("managed identity that answered but kept failing stops the chain; az is not tried")
    func managedIdentityFailureStops() async throws {
        try await withFake { env in
            MIFixtures.register(env)
            env.fake.inject(FakeFault(.status(500), count: 10, pathContains: "/metadata/identity"))
            let harness = try DefaultCredentialHarness(env)
            defer { harness.tools.remove() }
            let credential = try harness.make(imdsAnswers: true, installTools: true)
            let error = try #require(
                await caught { try await credential.getToken(scopes: managementScope) } as? ChainError
            )
            // Every member is listed; those after the failure were not tried.
            #expect(error.attempts.map(\.credentialName)[2] == "ManagedIdentityCredential")
            #expect(
                error.attempts.map(\.outcome) == [
                    .unavailable, .unavailable, .failed, .notTried, .notTried, .notTried, .notTried,
                ])
            #expect(error.attempts[3].reason == "link 3 stopped the chain")
            #expect(env.time.sleeps.count == 5, "the default five retries ran, without waiting for real")
            #expect(harness.tools.recordedArguments("az").isEmpty)
        }
    }
}
