// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import IdentitySupport

/// The parts of the Azure CLI's `azureProfile.json` an inspection needs (no token is ever in that file).
struct AzureCliProfile {
    /// One entry of `subscriptions`.
    struct Account {
        var id: String
        var name: String
        var tenantID: String
        var isDefault: Bool
        var userName: String
        var userType: String

        /// An entry made by `az login --allow-no-subscriptions` for a tenant without subscriptions.
        var isTenantLevel: Bool { name == "N/A(tenant level account)" }

        /// An entry made by `az login --identity`.
        var isManagedIdentity: Bool { ["systemAssignedIdentity", "userAssignedIdentity"].contains(userName) }
    }

    /// The file the accounts were read from.
    var path: String
    var accounts: [Account]

    /// Reads the profile from `AZURE_CONFIG_DIR`, else `$HOME/.azure`.
    static func load(context: InspectionContext) -> Result<AzureCliProfile, InspectionFailure> {
        let directory: String
        if let configured = context.value("AZURE_CONFIG_DIR") {
            switch context.path(configured) {
            case .success(let resolved): directory = resolved
            case .failure(let problem):
                return .failure(
                    InspectionFailure(
                        InspectionSupport.unresolvable(
                            problem, subject: "env AZURE_CONFIG_DIR")))
            }
        } else if let home = context.homeDirectory {
            directory = InspectionSupport.join(home, ".azure")
        } else {
            return .failure(
                InspectionFailure(
                    InspectionResult(
                        verdict: .unknown,
                        evidence: [Evidence(.missing, "env HOME", "not set, and neither is AZURE_CONFIG_DIR")],
                        hint: "Set HOME or AZURE_CONFIG_DIR."
                    )
                )
            )
        }
        let path = InspectionSupport.join(directory, "azureProfile.json")
        let data: [UInt8]
        switch context.read(path, limit: 4 << 20) {
        case .failure(let problem):
            let (verdict, evidence) = InspectionSupport.unreadable(problem, subject: "file \(path)")
            let hint = problem.isMissing ? "Run `az login`." : "Make \(path) readable, or run `az login` again."
            return .failure(InspectionFailure(InspectionResult(verdict: verdict, evidence: [evidence], hint: hint)))
        case .success(let contents):
            data = contents.bytes
        }
        guard let object = InspectionSupport.jsonObject(data) else {
            return .failure(
                InspectionFailure(
                    InspectionResult(
                        verdict: .misconfigured,
                        evidence: [Evidence(.problem, "file \(path)", "is not a JSON object")],
                        hint: "Run `az login` to rewrite it."
                    )
                )
            )
        }
        let entries = object["subscriptions"] as? [[String: Any]] ?? []
        let accounts = entries.compactMap { entry -> Account? in
            guard let id = entry["id"] as? String, let tenant = entry["tenantId"] as? String else { return nil }
            let user = entry["user"] as? [String: Any] ?? [:]
            return Account(
                id: id,
                name: entry["name"] as? String ?? id,
                tenantID: tenant,
                isDefault: entry["isDefault"] as? Bool ?? false,
                userName: user["name"] as? String ?? "unknown user",
                userType: user["type"] as? String ?? "unknown type"
            )
        }
        return .success(AzureCliProfile(path: path, accounts: accounts))
    }
}
