// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import IdentitySupport

/// Checks whether the Azure Developer CLI is installed and signed in, from its files alone (`azd` is never run).
///
/// azd keeps its settings in its configuration directory (`AZD_CONFIG_DIR`, else `~/.azd`). `azd auth login`
/// records who is signed in under `auth.account.currentUser` in `auth.json` there (older versions used
/// `config.json`): a user's MSAL `homeAccountId` (`<object id>.<home tenant id>`), a service principal's `clientId`
/// and `tenantId` (its secret is kept elsewhere and never read), or `managedIdentity`. A user's refresh token lives in
/// the MSAL cache under `auth/msal`, which is only looked at for being non-empty. `auth.useAzCliAuth` in
/// `config.json` hands sign-in to the Azure CLI, and `AZD_AUTH_ENDPOINT` with `AZD_AUTH_KEY` to an external host
/// (an IDE).
package enum AzureDeveloperCliInspection {
    /// Inspects azd's sign-in state.
    /// - Parameters:
    ///   - tenantID: The tenant the link asks for (`--tenant-id`), if any.
    ///   - context: The environment (`PATH`, `AZD_CONFIG_DIR`, `HOME`, `AZD_AUTH_ENDPOINT`) and file system.
    /// - Returns: `ready` when azd is installed and signed in (in the tenant asked for); `unavailable` when azd is
    ///   missing or nobody is signed in; `unknown` when only running azd could tell (an external auth host, another
    ///   tenant, an empty token cache); the Azure CLI's verdict when azd delegates to it.
    package static func inspect(tenantID: String?, context: InspectionContext) -> InspectionResult {
        let (executable, lookup) = InspectionSupport.executable("azd", context: context)
        guard executable != nil else {
            return InspectionResult(
                verdict: .unavailable,
                evidence: [lookup],
                hint: "Azure Developer CLI not installed: install it from https://aka.ms/azure-dev/install, then run "
                    + "`azd auth login`."
            )
        }
        var evidence = [lookup]
        if context.value("AZD_AUTH_ENDPOINT") != nil, context.value("AZD_AUTH_KEY") != nil {
            evidence.append(
                Evidence(.note, "env AZD_AUTH_ENDPOINT", "set: azd asks an external host (an IDE) for tokens")
            )
            return InspectionResult(verdict: .unknown, evidence: evidence)
        }
        guard let directory = configDirectory(context) else {
            evidence.append(Evidence(.missing, "env HOME", "not set, and neither is AZD_CONFIG_DIR"))
            return InspectionResult(verdict: .unknown, evidence: evidence, hint: "Set HOME or AZD_CONFIG_DIR.")
        }
        let configPath = InspectionSupport.join(directory, "config.json")
        let config = object(at: configPath, context: context)
        if let flag = value(config, ["auth", "useAzCliAuth"]), ["1", "t", "true"].contains(flag.lowercased()) {
            let cli = AzureCliInspection.inspect(tenantID: tenantID, subscription: nil, context: context)
            let note = Evidence(
                .note,
                "file \(configPath)",
                "auth.useAzCliAuth is true: azd signs in with the Azure CLI"
            )
            return InspectionResult(verdict: cli.verdict, evidence: evidence + [note] + cli.evidence, hint: cli.hint)
        }
        let authPath = InspectionSupport.join(directory, "auth.json")
        let key = ["auth", "account", "currentUser"]
        let found = [authPath, configPath].lazy.compactMap { path in
            (self.object(at: path, context: context).flatMap { nested($0, key) }).map { (path: path, user: $0) }
        }.first
        guard let found else {
            evidence.append(Evidence(.missing, "file \(authPath)", "records no signed-in account"))
            return InspectionResult(verdict: .unavailable, evidence: evidence, hint: "Run `azd auth login`.")
        }
        return judge(found.user, recordedIn: found.path, directory: directory, tenantID: tenantID, evidence: evidence)
    }

    private static func judge(
        _ user: [String: Any],
        recordedIn path: String,
        directory: String,
        tenantID: String?,
        evidence: [Evidence]
    ) -> InspectionResult {
        var evidence = evidence
        let relogin = "Run `azd auth login" + (tenantID.map { " --tenant-id \($0)" } ?? "") + "`."
        let tenant: String?
        if let home = user["homeAccountId"] as? String, !home.isEmpty {
            tenant = home.split(separator: ".").dropFirst().first.map(String.init)
            let broker = user["fromOneAuth"] as? Bool == true ? " through the system broker" : ""
            evidence.append(
                Evidence(.ok, "azd account", "a user\(broker), home tenant \(tenant ?? "not recorded")")
            )
            let cache = InspectionSupport.join(directory, "auth/msal")
            switch DirectoryWalk.list(cache) {
            case .failure(let problem) where broker.isEmpty && !problem.isMissing:
                // A cache that cannot be read is said so, not taken for an empty one.
                evidence.append(Evidence(.problem, "dir \(cache)", problem.description))
                return InspectionResult(verdict: .unknown, evidence: evidence, hint: relogin)
            case .success(let listing) where !listing.entries.isEmpty:
                break
            default:
                if broker.isEmpty {
                    evidence.append(Evidence(.missing, "dir \(cache)", "holds no cached sign-in"))
                    return InspectionResult(verdict: .unknown, evidence: evidence, hint: relogin)
                }
            }
        } else if let client = user["clientId"] as? String, let home = user["tenantId"] as? String {
            tenant = home
            evidence.append(Evidence(.ok, "azd account", "service principal \(client) in tenant \(home)"))
        } else if user["managedIdentity"] as? Bool == true {
            tenant = nil
            evidence.append(Evidence(.ok, "azd account", "a managed identity"))
        } else {
            evidence.append(Evidence(.problem, "file \(path)", "auth.account.currentUser is not understood"))
            return InspectionResult(verdict: .unknown, evidence: evidence, hint: relogin)
        }
        guard let tenantID else { return InspectionResult(verdict: .ready, evidence: evidence) }
        if let tenant, InspectionSupport.sameTenant(tenant, tenantID) {
            evidence.append(Evidence(.ok, "tenant \(tenantID)", "the account's home tenant"))
            return InspectionResult(verdict: .ready, evidence: evidence)
        }
        evidence.append(
            Evidence(
                .missing,
                "tenant \(tenantID)",
                "not the account's home tenant; only azd can tell whether the "
                    + "account may get a token there"
            )
        )
        return InspectionResult(verdict: .unknown, evidence: evidence, hint: relogin)
    }

    private static func configDirectory(_ context: InspectionContext) -> String? {
        if let configured = context.value("AZD_CONFIG_DIR") { return try? context.path(configured).get() }
        return context.homeDirectory.map { InspectionSupport.join($0, ".azd") }
    }

    private static func object(at path: String, context: InspectionContext) -> [String: Any]? {
        guard case .success(let contents) = context.read(path) else { return nil }
        return InspectionSupport.jsonObject(contents.bytes)
    }

    private static func nested(_ object: [String: Any], _ keys: [String]) -> [String: Any]? {
        var current: Any = object
        for key in keys {
            guard let next = (current as? [String: Any])?[key] else { return nil }
            current = next
        }
        return current as? [String: Any]
    }

    private static func value(_ object: [String: Any]?, _ keys: [String]) -> String? {
        guard let object, let parent = nested(object, Array(keys.dropLast())) else { return nil }
        let value = parent[keys[keys.count - 1]]
        return (value as? String) ?? (value as? Bool).map { $0 ? "true" : "false" }
    }
}
