// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

@Suite struct FederatedCredentialTests {
    static let appID = "fedfedfe-0000-0000-0000-000000000002"
    static let subject = "system:serviceaccount:default:workload"

    private func setUp(_ env: FakeEnvironment) -> FakeFederatedIssuer {
        let issuer = FakeFederatedIssuer(issuer: "https://oidc.cluster.example/abc")
        env.fake.register(issuer)
        env.fake.register(
            FakeApplication(
                clientID: Self.appID,
                tenantID: FakeEnvironment.tenant,
                federatedCredentials: [FakeFederatedCredential(issuer: issuer.issuer, subject: Self.subject)]
            )
        )
        return issuer
    }

    @Test func clientAssertionCallbackIsSentAsIs() async throws {
        try await withFake { env in
            let issuer = setUp(env)
            let assertion = issuer.mintToken(subject: Self.subject)
            let credential = try ClientAssertionCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: Self.appID,
                options: env.options()
            ) {
                Secret(assertion)
            }
            _ = try await credential.getToken(scopes: managementScope)
            let request = try #require(env.fake.tokenRequests.first)
            #expect(request.form["client_assertion"] == assertion)
            #expect(request.form["client_assertion_type"] == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
            #expect(request.form["grant_type"] == "client_credentials")
        }
    }

    @Test func wrongSubjectAndUnknownIssuerAreRejected() async throws {
        try await withFake { env in
            let issuer = setUp(env)
            let wrongSubject = try ClientAssertionCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: Self.appID,
                options: env.options()
            ) {
                Secret(issuer.mintToken(subject: "system:serviceaccount:default:other"))
            }
            let subjectError = try #require(
                await caught { try await wrongSubject.getToken(scopes: managementScope) } as? AzureIdentityError
            )
            #expect(subjectError.entraError?.errorCodes == [700213])

            let rogue = FakeFederatedIssuer(issuer: "https://rogue.example")
            let unknownIssuer = try ClientAssertionCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: Self.appID,
                options: env.options()
            ) {
                Secret(rogue.mintToken(subject: Self.subject))
            }
            let issuerError = try #require(
                await caught { try await unknownIssuer.getToken(scopes: managementScope) } as? AzureIdentityError
            )
            #expect(issuerError.entraError?.errorCodes == [700211])
        }
    }

    @Test func workloadIdentityReadsTheFileFromTheEnvironmentAndRereadsOnChange() async throws {
        try await withFake { env in
            let issuer = setUp(env)
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            // An expired token first: Entra answers AADSTS700024, as after an hour without re-reading the file.
            let stale = issuer.mintToken(subject: Self.subject, issuedAt: Date().addingTimeInterval(-7200))
            let path = try directory.write("token", stale)
            let environment = [
                "AZURE_TENANT_ID": FakeEnvironment.tenant, "AZURE_CLIENT_ID": Self.appID,
                "AZURE_FEDERATED_TOKEN_FILE": path,
            ]
            let credential = try WorkloadIdentityCredential(options: env.options(environment: environment))
            let error = try #require(
                await caught { try await credential.getToken(scopes: managementScope) } as? AzureIdentityError
            )
            #expect(error.entraError?.errorCodes == [700024])

            let fresh = issuer.mintToken(subject: Self.subject)
            _ = try directory.write("token", fresh + "\n")
            _ = try await credential.getToken(scopes: managementScope)
            #expect(env.fake.tokenRequests.last?.form["client_assertion"] == fresh)
        }
    }

    @Test func workloadIdentityRereadsAfterFiveMinutes() async throws {
        try await withFake { env in
            let issuer = setUp(env)
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let clock = ManualTimeSource()
            let first = issuer.mintToken(subject: Self.subject)
            let path = try directory.write("token", first)
            let fixedDate = Date(timeIntervalSince1970: 1_700_000_000)
            try FileManager.default.setAttributes([.modificationDate: fixedDate], ofItemAtPath: path)
            let credential = try WorkloadIdentityCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: Self.appID,
                tokenFilePath: path,
                options: env.options(timeSource: clock)
            )
            _ = try await credential.getToken(scopes: managementScope)
            // Same size and (second-resolution) modification time: only the age rule can notice this change.
            let second = issuer.mintToken(subject: Self.subject)
            _ = try directory.write("token", second)
            try FileManager.default.setAttributes([.modificationDate: fixedDate], ofItemAtPath: path)
            _ = try await credential.getToken(scopes: ["https://vault.azure.net/.default"])
            #expect(env.fake.tokenRequests.last?.form["client_assertion"] == first)
            clock.advance(by: 301)
            _ = try await credential.getToken(scopes: ["https://storage.azure.com/.default"])
            #expect(env.fake.tokenRequests.last?.form["client_assertion"] == second)
        }
    }

    @Test func workloadIdentityIsUnavailableWithoutConfiguration() throws {
        let error = #expect(throws: AzureIdentityError.self) {
            try WorkloadIdentityCredential(options: CredentialOptions(environment: ["AZURE_TENANT_ID": "t"]))
        }
        #expect(error?.code == .credentialUnavailable)
        #expect(error?.message.contains("AZURE_CLIENT_ID") == true)
    }

    @Test func emptyTokenFileIsUnavailable() async throws {
        try await withFake { env in
            _ = setUp(env)
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = try directory.write("token", "  \n")
            let credential = try WorkloadIdentityCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: Self.appID,
                tokenFilePath: path,
                options: env.options()
            )
            let error = try #require(
                await caught { try await credential.getToken(scopes: managementScope) } as? AzureIdentityError
            )
            #expect(error.code == .credentialUnavailable)
            #expect(env.fake.tokenRequests.isEmpty)
        }
    }
}
