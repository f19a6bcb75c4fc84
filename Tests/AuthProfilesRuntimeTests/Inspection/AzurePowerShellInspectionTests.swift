// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfilesRuntime
import Foundation
import Testing

@Suite struct AzurePowerShellInspectionTests {
    static let tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47"
    let directory = try! TemporaryDirectory()

    /// A fake `pwsh` on PATH and an Az.Accounts folder on `PSModulePath`.
    private func context(module: Bool = true) throws -> InspectionContext {
        let bin = try directory.fakeExecutable("pwsh")
        if module { try directory.write("modules/Az.Accounts/4.0.0/Az.Accounts.psd1", "@{}") }
        return directory.context(["PATH": bin, "PSModulePath": directory.path + "/modules"])
    }

    private func writeContext(tenants: String = "") throws {
        let azureContext: [String: Any] = [
            "Account": [
                "Id": "dev@contoso.example", "Type": "User",
                "ExtendedProperties": ["Tenants": tenants, "HomeAccountId": "oid.\(Self.tenant)"],
            ],
            "Tenant": ["Id": Self.tenant],
            "Subscription": ["Id": "sub-1", "Name": "Contoso Dev"],
            "Environment": ["Name": "AzureCloud"],
        ]
        let file: [String: Any] = ["DefaultContextKey": "Dev", "Contexts": ["Dev": azureContext]]
        try directory.write(
            ".Azure/AzureRmContext.json",
            Data([0xEF, 0xBB, 0xBF]) + (try JSONSerialization.data(withJSONObject: file))
        )
    }

    @Test func missingExecutableIsUnavailable() {
        let result = AzurePowerShellInspection.inspect(tenantID: nil, context: directory.context(["PATH": "/none"]))
        #expect(result.verdict == .unavailable)
        #expect(result.detail("executable pwsh") == "not found on PATH")
        #expect(result.hint?.hasPrefix("PowerShell not installed") == true)
    }

    @Test func noSavedContextIsUnavailable() throws {
        let result = AzurePowerShellInspection.inspect(tenantID: nil, context: try context())
        #expect(result.verdict == .unavailable)
        #expect(result.detail("file \(directory.path)/.Azure/AzureRmContext.json") == "records no signed-in account")
        #expect(result.hint == "Run `Connect-AzAccount` in pwsh.")
    }

    @Test func savedContextIsReadyAndReportsAccountTenantAndSubscription() throws {
        try writeContext()
        let result = AzurePowerShellInspection.inspect(tenantID: Self.tenant, context: try context())
        #expect(result.verdict == .ready)
        #expect(result.detail("module Az.Accounts") == "found in \(directory.path)/modules")
        #expect(result.detail("Az account") == "dev@contoso.example (User)")
        #expect(result.detail("Az subscription") == "Contoso Dev (sub-1)")
        #expect(result.detail("Az tenant") == Self.tenant)
        #expect(result.detail("tenant \(Self.tenant)") == "dev@contoso.example is signed in to it")
    }

    @Test func otherTenantIsReadyWhenListedAndUnknownOtherwise() throws {
        let listed = "11111111-2222-3333-4444-555555555555"
        try writeContext(tenants: "\(Self.tenant),\(listed)")
        #expect(AzurePowerShellInspection.inspect(tenantID: listed, context: try context()).verdict == .ready)
        let unlisted = "99999999-0000-0000-0000-000000000000"
        let result = AzurePowerShellInspection.inspect(tenantID: unlisted, context: try context())
        #expect(result.verdict == .unknown)
        #expect(result.status("tenant \(unlisted)") == .missing)
        #expect(result.hint == "Run `Connect-AzAccount -Tenant \(unlisted)` in pwsh.")
    }

    @Test func moduleNotFoundMakesItUnknown() throws {
        try writeContext()
        let result = AzurePowerShellInspection.inspect(tenantID: nil, context: try context(module: false))
        #expect(result.verdict == .unknown)
        #expect(result.status("module Az.Accounts") == .note)
    }

    @Test func processScopedAutosaveMeansSignedOut() throws {
        try writeContext()
        try directory.write(
            ".Azure/AzureRmContextSettings.json",
            #"{"Mode":"Process","ContextFile":"AzureRmContext.json"}"#
        )
        let result = AzurePowerShellInspection.inspect(tenantID: nil, context: try context())
        #expect(result.verdict == .unavailable)
        #expect(
            result.detail("file \(directory.path)/.Azure/AzureRmContextSettings.json")
                == "Mode is Process: contexts are not saved, so a new pwsh is signed out"
        )
    }
}
