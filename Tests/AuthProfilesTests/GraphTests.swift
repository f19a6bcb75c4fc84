// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

@testable import AuthProfiles

/// The validated graph: inheritance, resolution, defaults and where each setting came from.
@Suite struct GraphTests {
    static let team = """
        version: 1
        clouds:
          sovereign: { authorityHost: https://login.sovereign.contoso.example }
        tenants:
          corp: { id: contoso.onmicrosoft.com, additionallyAllowed: [fabrikam.onmicrosoft.com] }
          gov: { id: contoso.onmicrosoft.us, cloud: sovereign }
        profiles:
          base:
            tenant: corp
            environment: production
            credential:
              type: chain
              policy: { onUnavailable: next, onFailed: next }
              deadline: 10s
              links:
                - { type: workloadIdentity, clientId: { env: AZURE_CLIENT_ID } }
                - { type: managedIdentity, clientId: \(clientB), timeout: 2s, onFailed: stop }
          prod:
            extends: base
          gov:
            extends: base
            tenant: gov
            credential: { type: profile, name: prod }
          dev:
            extends: base
            environment: development
            credential:
              type: chain
              links:
                - { type: azureCli, tenant: 72f988bf-86f1-41af-91ab-2d7cd011db47 }
                - { type: profile, name: prod }
        """

    @Test func extendsInheritsSettingsAndRecordsOrigins() throws {
        let result = validate(Self.team)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let graph = try #require(result.graph)
        let prod = try #require(graph.profile(named: "prod"))
        #expect(prod.parent == "base")
        #expect(prod.isProduction)
        #expect(prod.tenant?.literalID == "contoso.onmicrosoft.com")
        #expect(prod.cloud == "public")
        #expect(prod.additionallyAllowedTenants == ["fabrikam.onmicrosoft.com"])
        #expect(prod.credential.kind == .chain)
        #expect(prod.credential.path == "prod/credential")
        guard case .inherited(let from, let location)? = prod.origins[.credential] else {
            Issue.record("credential should be inherited")
            return
        }
        #expect(from == "base")
        #expect(location.line == 12)
        guard case .tenant(let tenantName, _)? = prod.origins[.additionallyAllowedTenants] else {
            Issue.record("allowed tenants should come from the tenant")
            return
        }
        #expect(tenantName == "corp")
        // Tenant `corp` names no cloud: the profile is in the public cloud by default, not by its tenant's choice
        // (so `environment` and `default` links honour AZURE_AUTHORITY_HOST there, issue 11).
        #expect(prod.origins[.cloud] == .default)
        #expect(!prod.namesCloud)
        let gov = try #require(graph.profile(named: "gov"))
        #expect(gov.cloud == "sovereign")
        #expect(gov.origins[.cloud] == .tenant(name: "gov", SourceLocation(file: "test.yaml", line: 6, column: 3)))
        #expect(gov.namesCloud)
    }

    @Test func chainPolicyDefaultsApplyPerLink() throws {
        let graph = try #require(validate(Self.team).graph)
        let chain = try #require(graph.profile(named: "base")?.credential.settings as? ChainSettings)
        let (links, deadline) = (chain.links, chain.deadline)
        #expect(deadline == .literal(.seconds(10)))
        #expect(links.map(\.onUnavailable) == [.next, .next])
        #expect(links.map(\.onFailed) == [.next, .stop])
        #expect(links[1].timeout == .literal(.seconds(2)))
        #expect(links[1].displayName == "base/credential/links[1]:managedIdentity")
        let workload = try #require(links[0].settings as? WorkloadIdentitySettings)
        let (clientID, tokenFile) = (workload.clientID, workload.tokenFile)
        #expect(clientID == .environment(EnvironmentBinding(name: "AZURE_CLIENT_ID")))
        #expect(tokenFile == .environment(EnvironmentBinding(name: "AZURE_FEDERATED_TOKEN_FILE")))
        #expect(links[0].defaultedFields == ["tokenFile"])
    }

    @Test func tenantDecidesTheCloudAndLinksMayOverrideTheTenant() throws {
        let graph = try #require(validate(Self.team).graph)
        #expect(graph.profile(named: "gov")?.cloud == "sovereign")
        #expect(
            graph.cloud(for: try #require(graph.profile(named: "gov")))?.authorityHost
                == .literal("https://login.sovereign.contoso.example"))
        let links = try #require(graph.profile(named: "dev")?.credential.links)
        #expect(links[0].tenant == .literal("72f988bf-86f1-41af-91ab-2d7cd011db47"))
        #expect(graph.profile(named: "dev")?.isProduction == false)
    }

    @Test func productionPolicyFollowsReferences() {
        let yaml = Self.team.replacingOccurrences(of: "environment: development", with: "description: dev box")
        let diagnostics = validate(yaml).diagnostics
        let developer = diagnostics.filter { $0.code == .developerCredentialInProduction }
        #expect(developer.count == 1)
        #expect(developer.first?.location.line == 30)
    }

    @Test func referencesToProductionFromDevelopmentAreFine() {
        #expect(validate(Self.team).diagnostics.isEmpty)
    }

    @Test func jsonAndYamlGiveTheSameGraph() throws {
        let json = """
            {"version": 1, "tenants": {"corp": {"id": "contoso.onmicrosoft.com"}},
             "profiles": {"app": {"tenant": "corp", "credential": {"type": "chain", "links": [
               {"type": "workloadIdentity", "clientId": "\(clientA)"},
               {"type": "managedIdentity", "timeout": "2s"}]}}}}
            """
        let yaml = """
            version: 1
            tenants: { corp: { id: contoso.onmicrosoft.com } }
            profiles:
              app:
                tenant: corp
                credential:
                  type: chain
                  links: [{ type: workloadIdentity, clientId: \(clientA) }, { type: managedIdentity, timeout: 2s }]
            """
        let fromJSON = try #require(ProfileValidator().validate(text: json, path: "a.json").graph)
        let fromYAML = try #require(validate(yaml).graph)
        func shape(_ graph: CredentialGraph) -> [String] {
            var kinds: [String] = []
            graph.profiles[0].credential.forEachNode {
                kinds.append("\($0.path):\($0.kind):\($0.timeout.map { "\($0)" } ?? "-")")
            }
            return kinds
        }
        #expect(shape(fromJSON) == shape(fromYAML))
    }

    @Test func everyProblemIsReportedInOneRun() {
        let yaml = """
            version: 1
            profiles:
              a:
                tenant: nowhere
                credential:
                  type: chain
                  links:
                    - { type: clientSecret, clientId: nope, clientSecret: { env: S } }
                    - { type: managedIdentity, objectId: x, colour: blue }
                    - { type: profile, name: missing }
            """
        #expect(codes(yaml) == ["AP401", "AP301", "AP307", "AP200", "AP402"])
    }

    @Test func graphIsWithheldWhenThereAreErrorsButNotWarnings() {
        let warning = "version: 1\ntenants: { t: { id: x.com } }\nprofiles:\n  a:\n    credential: { type: azureCli }\n"
        #expect(validate(warning).graph != nil)
        #expect(validate(warning).diagnostics.map(\.code) == [.unusedDefinition])
        #expect(validate(warning + "    tenant: y\n").graph == nil)
    }
}

/// Rules found by review: each once accepted something that could not work.
@Suite struct ReviewedRulesTests {
    let header =
        "version: 1\ntenants:\n  pub: { id: contoso.onmicrosoft.com }\n  gov: { id: contoso.onmicrosoft.us, cloud: usgov }\n"

    @Test func environmentDefaultsMustBePlainValues() {
        #expect(
            codes(
                header
                    + "profiles:\n  a:\n    tenant: { env: T, default: { env: U } }\n    credential: { type: azureCli }\n"
            )
            .contains("AP202"))
    }

    @Test func listItemsAreLiteral() {
        let yaml =
            header + "profiles:\n  a:\n    tenant: pub\n    additionallyAllowedTenants: [{ env: EXTRA }]\n"
            + "    credential: { type: azureCli }\n"
        #expect(codes(yaml).contains("AP202"))
    }

    @Test func allowLoopbackIsLiteral() {
        let yaml =
            "version: 1\nclouds:\n  local: { authorityHost: https://127.0.0.1:8443, allowLoopback: { env: A } }\n"
            + "profiles:\n  a:\n    cloud: local\n    tenant: t.example\n    credential: { type: azureCli }\n"
        #expect(codes(yaml).contains("AP202"))
    }

    @Test func aLinksTenantMustLiveInTheProfilesCloud() {
        let yaml =
            header + "profiles:\n  a:\n    tenant: pub\n    credential:\n      type: chain\n      links:\n"
            + "        - { type: azureCli, tenant: gov }\n"
        #expect(codes(yaml) == ["AP406"])
    }

    @Test func productionDefaultOfOnlyDeveloperToolsIsAnError() {
        let yaml =
            header + "  unused: { id: x.example }\nprofiles:\n  a:\n    tenant: pub\n    environment: production\n"
            + "    credential: { type: default, credentials: dev }\n  b:\n    tenant: gov\n    credential: { type: azureCli }\n"
        #expect(codes(yaml).contains("AP500"))
        #expect(!codes(yaml).contains("AP503"))
    }

    @Test func defaultWithNoMembersLeftIsAnError() {
        let yaml =
            header + "profiles:\n  a:\n    tenant: pub\n"
            + "    credential: { type: default, credentials: managedIdentity, exclude: [managedIdentity] }\n"
            + "  b:\n    tenant: gov\n    credential: { type: azureCli }\n"
        #expect(codes(yaml) == ["AP206"])
    }

    @Test func zeroDurationsAreInvalid() {
        #expect(
            codes(
                header + "profiles:\n  a:\n    tenant: pub\n    credential: { type: azureCli, timeout: 0ms }\n"
                    + "  b:\n    tenant: gov\n    credential: { type: azureCli }\n") == ["AP207"])
    }
}
