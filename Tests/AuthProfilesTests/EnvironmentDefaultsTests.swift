// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Testing

@testable import AuthProfiles

/// Issue 11: `workloadIdentity` reads `AZURE_CLIENT_ID` (and `AZURE_TENANT_ID`) when the profile gives none, as
/// Azure Identity's WorkloadIdentityCredential reads what the workload identity webhook injects.
@Suite struct EnvironmentDefaultsTests {
    @Test func aWorkloadIdentityLinkNeedsNoClientID() throws {
        let result = validate(
            """
            version: 1
            profiles:
              aks: { credential: { type: workloadIdentity } }
            """)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let node = try #require(result.graph?.profile(named: "aks")?.credential)
        let settings = try #require(node.settings as? WorkloadIdentitySettings)
        #expect(settings.clientID == .environment(EnvironmentBinding(name: "AZURE_CLIENT_ID")))
        #expect(settings.tokenFile == .environment(EnvironmentBinding(name: "AZURE_FEDERATED_TOKEN_FILE")))
        #expect(node.defaultedFields == ["clientId", "tokenFile"])
    }

    @Test func aWrittenClientIDStillWins() throws {
        let result = validate(
            """
            version: 1
            profiles:
              aks: { credential: { type: workloadIdentity, clientId: \(clientA) } }
            """)
        let node = try #require(result.graph?.profile(named: "aks")?.credential)
        let settings = try #require(node.settings as? WorkloadIdentitySettings)
        #expect(settings.clientID == .literal(clientA))
    }

    @Test func theRegistryDocumentsBothDefaults() throws {
        let definition = CredentialKind.workloadIdentity.definition
        #expect(definition.tenantVariable == "AZURE_TENANT_ID")
        let spec = FormatSpec.credential(.workloadIdentity)
        let clientID = try #require(spec.fields.first { $0.name == "clientId" })
        #expect(!clientID.isRequired)
        #expect(clientID.defaultValue == .environment("AZURE_CLIENT_ID"))
        let tenant = try #require(spec.fields.first { $0.name == "tenant" })
        #expect(tenant.defaultValue?.markdown.contains("{env: AZURE_TENANT_ID}") == true)
        #expect(ProfileSchema.text.contains("Defaults to `{env: AZURE_CLIENT_ID}`."))
    }
}
