// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfilesRuntime
import Foundation
import Testing

@Suite struct AzureCliInspectionTests {
    static let tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47"
    static let other = "11111111-2222-3333-4444-555555555555"
    let directory = try! TemporaryDirectory()

    /// A context with a fake `az` on PATH.
    private func context(_ environment: [String: String] = [:]) throws -> InspectionContext {
        let bin = try directory.fakeExecutable("az")
        return directory.context(["PATH": bin].merging(environment) { _, new in new })
    }

    private func account(
        id: String,
        name: String,
        tenant: String,
        isDefault: Bool,
        user: String = "dev@contoso.example"
    ) -> [String: Any] {
        [
            "id": id, "name": name, "state": "Enabled", "tenantId": tenant, "isDefault": isDefault,
            "environmentName": "AzureCloud", "user": ["name": user, "type": "user"],
        ]
    }

    /// Writes `azureProfile.json` with a byte order mark, as az does.
    private func writeProfile(_ accounts: [[String: Any]], at directoryName: String = ".azure") throws {
        let json = try JSONSerialization.data(withJSONObject: ["installationId": "x", "subscriptions": accounts])
        try directory.write("\(directoryName)/azureProfile.json", Data([0xEF, 0xBB, 0xBF]) + json)
    }

    @Test func missingExecutableIsUnavailable() {
        let result = AzureCliInspection.inspect(
            tenantID: nil,
            subscription: nil,
            context: directory.context(["PATH": directory.path + "/empty"])
        )
        #expect(result.verdict == .unavailable)
        #expect(result.detail("executable az") == "not found on PATH")
        #expect(result.hint?.hasPrefix("Azure CLI not installed") == true)
    }

    @Test func noProfileMeansNotSignedIn() throws {
        let result = AzureCliInspection.inspect(tenantID: nil, subscription: nil, context: try context())
        #expect(result.verdict == .unavailable)
        #expect(result.detail("file \(directory.path)/.azure/azureProfile.json") == "does not exist")
        #expect(result.hint == "Run `az login`.")
    }

    @Test func emptyProfileMeansNotSignedIn() throws {
        try writeProfile([])
        let result = AzureCliInspection.inspect(tenantID: nil, subscription: nil, context: try context())
        #expect(result.verdict == .unavailable)
        #expect(result.detail("file \(directory.path)/.azure/azureProfile.json") == "holds no accounts (not signed in)")
        #expect(result.hint == "Run `az login`.")
    }

    @Test func signedInProfileWithByteOrderMarkIsReady() throws {
        try writeProfile([account(id: "sub-1", name: "Contoso Dev", tenant: Self.tenant, isDefault: true)])
        let result = AzureCliInspection.inspect(tenantID: nil, subscription: nil, context: try context())
        #expect(result.verdict == .ready)
        #expect(result.detail("executable az") == "found at \(directory.path)/bin/az")
        #expect(result.detail("az account") == "dev@contoso.example (user)")
        #expect(result.detail("az subscription") == "Contoso Dev (sub-1)")
        #expect(result.detail("az tenant") == Self.tenant)
    }

    @Test func configDirectoryComesFromAzureConfigDir() throws {
        try writeProfile([account(id: "sub-1", name: "S", tenant: Self.tenant, isDefault: true)], at: "custom")
        let result = AzureCliInspection.inspect(
            tenantID: nil,
            subscription: nil,
            context: try context(["AZURE_CONFIG_DIR": "custom"])
        )
        #expect(result.verdict == .ready)
        #expect(result.detail("az account") == "dev@contoso.example (user)")
    }

    @Test func tenantOfTheSignedInIdentityIsReadyAndAnotherIsUnknown() throws {
        try writeProfile([
            account(id: "sub-1", name: "Dev", tenant: Self.tenant, isDefault: true),
            account(id: Self.other, name: "N/A(tenant level account)", tenant: Self.other, isDefault: false),
        ])
        let inTenant = AzureCliInspection.inspect(tenantID: Self.other, subscription: nil, context: try context())
        #expect(inTenant.verdict == .ready)
        #expect(inTenant.detail("tenant \(Self.other)") == "dev@contoso.example is signed in to it")
        let elsewhere = "99999999-0000-0000-0000-000000000000"
        let result = AzureCliInspection.inspect(tenantID: elsewhere, subscription: nil, context: try context())
        #expect(result.verdict == .unknown)
        #expect(
            result.detail("tenant \(elsewhere)")
                == "signed in, but to tenants \(Self.other), \(Self.tenant); az can only tell by asking whether "
                + "dev@contoso.example may get a token there"
        )
        #expect(result.hint == "Run `az login --tenant \(elsewhere)`.")
    }

    @Test func subscriptionMustMatchAnAccountByIdOrName() throws {
        try writeProfile([
            account(id: "sub-1", name: "Contoso Dev", tenant: Self.tenant, isDefault: true),
            account(id: "sub-2", name: "Contoso Prod", tenant: Self.tenant, isDefault: false),
        ])
        let byName = AzureCliInspection.inspect(tenantID: nil, subscription: "contoso prod", context: try context())
        #expect(byName.verdict == .ready)
        #expect(byName.detail("az subscription") == "Contoso Prod (sub-2)")
        let unknown = AzureCliInspection.inspect(tenantID: nil, subscription: "Fabrikam", context: try context())
        #expect(unknown.verdict == .misconfigured)
        #expect(
            unknown.detail("az subscription Fabrikam")
                == "not among the signed-in accounts (subscriptions Contoso Dev, Contoso Prod)"
        )
    }

    @Test func tenantAndSubscriptionTogetherAreMisconfigured() throws {
        let result = AzureCliInspection.inspect(tenantID: Self.tenant, subscription: "sub-1", context: try context())
        #expect(result.verdict == .misconfigured)
        #expect(result.hint == "Give the link a subscription or a tenant, not both.")
    }

    @Test func profileWithoutDefaultAccountNeedsAccountSet() throws {
        try writeProfile([account(id: "sub-1", name: "Dev", tenant: Self.tenant, isDefault: false)])
        let result = AzureCliInspection.inspect(tenantID: nil, subscription: nil, context: try context())
        #expect(result.verdict == .unavailable)
        #expect(result.detail("az default subscription") == "none of the accounts is the default")
        #expect(result.hint == "Run `az account set --subscription <id or name>`.")
    }

    @Test func corruptProfileIsMisconfigured() throws {
        try directory.write(".azure/azureProfile.json", "{not json")
        let result = AzureCliInspection.inspect(tenantID: nil, subscription: nil, context: try context())
        #expect(result.verdict == .misconfigured)
        #expect(result.detail("file \(directory.path)/.azure/azureProfile.json") == "is not a JSON object")
    }
}
