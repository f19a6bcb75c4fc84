// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AuthProfilesRuntime
import Testing

/// Issue 11: explain says where a `workloadIdentity` link's client id comes from when the profile does not write it
/// (`AZURE_CLIENT_ID`, by default), and that the link is unavailable because that variable is unset.
@Suite struct WorkloadIdentityDefaultsInspectionTests {
    static let profiles = """
        version: 1
        profiles:
          aks: { tenant: 72f988bf-86f1-41af-91ab-2d7cd011db47, credential: { type: workloadIdentity } }
        """

    static func explain(_ environment: [String: String]) throws -> Explanation {
        let entry = try #require(ProfileCatalog.load(text: profiles).entry(named: "aks"))
        return ProfileExplainer(context: InspectionContext(environment: environment, workingDirectory: "/"))
            .explain(entry)
    }

    @Test(arguments: [[:], ["AZURE_CLIENT_ID": ""]])
    func anUnsetClientIDVariableMakesTheLinkUnavailableAndExplainSaysWhy(_ environment: [String: String]) throws {
        let explanation = try Self.explain(environment.merging(["AZURE_FEDERATED_TOKEN_FILE": "/t"]) { a, _ in a })
        let link = try #require(explanation.links.first)
        #expect(link.verdict == .unavailable)
        #expect(link.evidence.contains(Evidence(.missing, "env AZURE_CLIENT_ID", "not set (clientId, by default)")))
        #expect(link.hint == "Set AZURE_CLIENT_ID, or write `clientId:` in the link.")
        #expect(explanation.conclusion.reasons.contains { $0.contains("env AZURE_CLIENT_ID: not set") })
    }

    @Test func aSetClientIDVariableIsShownAsTheDefaultsSource() throws {
        let explanation = try Self.explain(["AZURE_CLIENT_ID": "2d1a8c9e-0000-4000-8000-000000000001"])
        let link = try #require(explanation.links.first)
        #expect(link.evidence.contains(Evidence(.ok, "env AZURE_CLIENT_ID", "set (clientId, by default)")))
        let origins = explanation.blame.filter { $0.setting == "aks/credential.clientId" }.map(\.origin)
        #expect(origins.contains("default") && origins.contains("env AZURE_CLIENT_ID"), "\(origins)")
        #expect(!explanation.ignoredVariables.contains { $0.name == "AZURE_CLIENT_ID" })
    }
}
