// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfilesRuntime
import AzureIdentityTesting
import Foundation
import Testing

@Suite struct AzureDeveloperCliInspectionTests {
    static let tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47"
    let directory = try! TemporaryDirectory()

    private func context(_ environment: [String: String] = [:]) throws -> InspectionContext {
        let bin = try directory.fakeExecutable("azd")
        return directory.context(["PATH": bin].merging(environment) { _, new in new })
    }

    private func writeJSON(_ name: String, _ object: [String: Any]) throws {
        try directory.write(name, try JSONSerialization.data(withJSONObject: object))
    }

    private func currentUser(_ user: [String: Any]) -> [String: Any] {
        ["auth": ["account": ["currentUser": user]]]
    }

    @Test func missingExecutableIsUnavailable() {
        let result = AzureDeveloperCliInspection.inspect(tenantID: nil, context: directory.context(["PATH": "/none"]))
        #expect(result.verdict == .unavailable)
        #expect(result.detail("executable azd") == "not found on PATH")
        #expect(result.hint?.hasPrefix("Azure Developer CLI not installed") == true)
    }

    @Test func nobodySignedInIsUnavailable() throws {
        let result = AzureDeveloperCliInspection.inspect(tenantID: nil, context: try context())
        #expect(result.verdict == .unavailable)
        #expect(result.detail("file \(directory.path)/.azd/auth.json") == "records no signed-in account")
        #expect(result.hint == "Run `azd auth login`.")
    }

    @Test func signedInUserWithTokenCacheIsReadyInItsHomeTenant() throws {
        try writeJSON(".azd/auth.json", currentUser(["homeAccountId": "0000-oid.\(Self.tenant)"]))
        try directory.write(".azd/auth/msal/cache.bin", "opaque")
        let plain = AzureDeveloperCliInspection.inspect(tenantID: nil, context: try context())
        #expect(plain.verdict == .ready)
        #expect(plain.detail("azd account") == "a user, home tenant \(Self.tenant)")
        let home = AzureDeveloperCliInspection.inspect(tenantID: Self.tenant.uppercased(), context: try context())
        #expect(home.verdict == .ready)
        let other = "11111111-2222-3333-4444-555555555555"
        let elsewhere = AzureDeveloperCliInspection.inspect(tenantID: other, context: try context())
        #expect(elsewhere.verdict == .unknown)
        #expect(elsewhere.status("tenant \(other)") == .missing)
        #expect(elsewhere.hint == "Run `azd auth login --tenant-id \(other)`.")
    }

    @Test func userWithoutTokenCacheIsUnknown() throws {
        try writeJSON(".azd/auth.json", currentUser(["homeAccountId": "oid.\(Self.tenant)"]))
        let result = AzureDeveloperCliInspection.inspect(tenantID: nil, context: try context())
        #expect(result.verdict == .unknown)
        #expect(result.detail("dir \(directory.path)/.azd/auth/msal") == "holds no cached sign-in")
    }

    @Test func aTokenCacheThatCannotBeListedIsSaidSoNotTakenForEmpty() throws {
        try writeJSON(".azd/auth.json", currentUser(["homeAccountId": "oid.\(Self.tenant)"]))
        try FileManager.default.createDirectory(
            atPath: directory.path + "/.azd/auth", withIntermediateDirectories: true)
        try SpecialFiles.makeFIFO(at: directory.path + "/.azd/auth/msal")
        let result = AzureDeveloperCliInspection.inspect(tenantID: nil, context: try context())
        #expect(result.verdict == .unknown)
        #expect(result.detail("dir \(directory.path)/.azd/auth/msal") == "is not a directory")
    }

    @Test func legacyConfigAndConfigDirectoryVariableAreHonoured() throws {
        try writeJSON("azd-config/config.json", currentUser(["clientId": "app-1", "tenantId": Self.tenant]))
        let result = AzureDeveloperCliInspection.inspect(
            tenantID: nil,
            context: try context(["AZD_CONFIG_DIR": "azd-config"])
        )
        #expect(result.verdict == .ready)
        #expect(result.detail("azd account") == "service principal app-1 in tenant \(Self.tenant)")
    }

    @Test func externalAuthHostIsUnknown() throws {
        let result = AzureDeveloperCliInspection.inspect(
            tenantID: nil,
            context: try context(["AZD_AUTH_ENDPOINT": "http://127.0.0.1:1", "AZD_AUTH_KEY": "k-123"])
        )
        #expect(result.verdict == .unknown)
        #expect(result.detail("env AZD_AUTH_ENDPOINT") == "set: azd asks an external host (an IDE) for tokens")
        #expect(!result.allText.contains("k-123"))
    }

    @Test func delegationToTheAzureCliUsesItsVerdict() throws {
        try writeJSON(".azd/config.json", ["auth": ["useAzCliAuth": "true"]])
        let result = AzureDeveloperCliInspection.inspect(tenantID: nil, context: try context())
        #expect(result.verdict == .unavailable)
        #expect(
            result.detail("file \(directory.path)/.azd/config.json")
                == "auth.useAzCliAuth is true: azd signs in with the Azure CLI"
        )
        #expect(result.detail("executable az") == "not found on PATH")
    }
}
