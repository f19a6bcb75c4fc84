// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import Testing

@Suite("ManagedIdentitySource detection")
struct ManagedIdentitySourceTests {
    static let cases: [([String: String], ManagedIdentitySource.Kind, String)] = [
        ([:], .imds, "http://imds.test/metadata/identity/oauth2/token"),
        (
            ["AZURE_POD_IDENTITY_AUTHORITY_HOST": "http://127.0.0.1:9/"], .imds,
            "http://127.0.0.1:9/metadata/identity/oauth2/token"
        ),
        (["IDENTITY_ENDPOINT": "http://a/msi/token", "IDENTITY_HEADER": "h"], .appService, "http://a/msi/token"),
        (
            ["IDENTITY_ENDPOINT": "https://sf/t", "IDENTITY_HEADER": "h", "IDENTITY_SERVER_THUMBPRINT": "AB"],
            .serviceFabric, "https://sf/t"
        ),
        (["MSI_ENDPOINT": "http://ml/t", "MSI_SECRET": "s"], .azureML, "http://ml/t"),
        (["MSI_ENDPOINT": "http://cs/t"], .cloudShell, "http://cs/t"),
        (
            [
                "IDENTITY_ENDPOINT": "http://localhost:40342/metadata/identity/oauth2/token",
                "IMDS_ENDPOINT": "http://x",
            ],
            .azureArc, "http://127.0.0.1:40342/metadata/identity/oauth2/token"
        ),
        (
            [
                "AZURE_CLIENT_ID": "c", "AZURE_TENANT_ID": "t", "AZURE_FEDERATED_TOKEN_FILE": "/f",
                "IDENTITY_ENDPOINT": "http://a", "IDENTITY_HEADER": "h",
            ],
            .workloadIdentity, ""
        ),
        // App Service wins over Azure ML and Cloud Shell; Cloud Shell over Arc.
        (
            ["IDENTITY_ENDPOINT": "http://a", "IDENTITY_HEADER": "h", "MSI_ENDPOINT": "http://m"], .appService,
            "http://a"
        ),
        (
            ["MSI_ENDPOINT": "http://m", "IDENTITY_ENDPOINT": "http://arc", "IMDS_ENDPOINT": "http://x"], .cloudShell,
            "http://m"
        ),
        // Token exchange needs all three variables.
        (
            ["AZURE_CLIENT_ID": "c", "AZURE_FEDERATED_TOKEN_FILE": "/f"], .imds,
            "http://imds.test/metadata/identity/oauth2/token"
        ),
    ]

    @Test("the environment picks the source in MSAL's order", arguments: cases)
    func detection(environment: [String: String], kind: ManagedIdentitySource.Kind, endpoint: String) {
        let source = ManagedIdentitySource.detect(
            environment: environment,
            imdsBaseURL: "http://imds.test",
            fileExists: { _ in false }
        )
        #expect(source.kind == kind)
        #expect(source.endpoint == endpoint)
    }

    @Test("an installed Arc agent selects Arc's fixed loopback endpoint")
    func arcAgentFile() {
        let source = ManagedIdentitySource.detect(
            environment: [:],
            imdsBaseURL: "http://imds.test",
            arcAgentPath: "/agent/himds",
            fileExists: { $0 == "/agent/himds" }
        )
        #expect(source.kind == .azureArc)
        #expect(source.endpoint == "http://127.0.0.1:40342/metadata/identity/oauth2/token")
    }

    @Test("a client id given in code counts for token exchange")
    func workloadClientID() {
        let environment = ["AZURE_TENANT_ID": "t", "AZURE_FEDERATED_TOKEN_FILE": "/f"]
        let source = ManagedIdentitySource.detect(
            environment: environment,
            workloadClientID: "c",
            imdsBaseURL: "http://i"
        )
        #expect(source.kind == .workloadIdentity)
    }

    @Test("exactly one user-assigned id")
    func exactlyOneID() throws {
        #expect(try ManagedIdentityID(clientID: "c") == .clientID("c"))
        #expect(try ManagedIdentityID(resourceID: "/r") == .resourceID("/r"))
        #expect(try ManagedIdentityID(objectID: "o") == .objectID("o"))
        #expect(try ManagedIdentityID() == .systemAssigned)
        #expect(throws: AzureIdentityError.self) { try ManagedIdentityID(clientID: "c", objectID: "o") }
    }
}
