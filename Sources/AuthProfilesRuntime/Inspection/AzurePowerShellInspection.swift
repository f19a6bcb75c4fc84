// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import IdentitySupport

/// Checks whether Azure PowerShell is installed and signed in, from its files alone (`pwsh` is never run).
///
/// Az.Accounts keeps its settings in `~/.Azure` (`$HOME/.Azure` on Linux). `AzureRmContextSettings.json` there
/// says whether contexts are saved at all (`Mode`: `CurrentUser`, or `Process` after `Disable-AzContextAutosave`,
/// in which case every new `pwsh` starts signed out) and where (`ContextDirectory`, `ContextFile`, by default
/// `AzureRmContext.json` beside it). The context file maps names to contexts (`Contexts`) and names the current one
/// (`DefaultContextKey`); a context has an `Account` (`Id`, `Type`, `ExtendedProperties.Tenants`), a `Tenant` (`Id`)
/// and a `Subscription` (`Id`, `Name`). Only those fields are read; tokens are kept elsewhere and never read.
///
/// Whether `Import-Module Az.Accounts` succeeds is judged from the usual module folders (`PSModulePath`,
/// `~/.local/share/powershell/Modules`, `/usr/local/share/powershell/Modules`, `$PSHOME/Modules`); when it is not
/// found there only pwsh could tell, so the verdict is `unknown`.
package enum AzurePowerShellInspection {
    /// Inspects Azure PowerShell's sign-in state.
    /// - Parameters:
    ///   - tenantID: The tenant the link asks for (`-TenantId`), if any.
    ///   - context: The environment (`PATH`, `HOME`, `PSModulePath`) and file system.
    /// - Returns: `ready` when pwsh and Az.Accounts are installed and a saved context is signed in (to the tenant
    ///   asked for); `unavailable` when pwsh is missing, context saving is off or nobody is signed in; `unknown`
    ///   when only running pwsh could tell (Az.Accounts elsewhere, another tenant).
    package static func inspect(tenantID: String?, context: InspectionContext) -> InspectionResult {
        let (executable, lookup) = InspectionSupport.executable("pwsh", context: context)
        guard let executable else {
            return InspectionResult(
                verdict: .unavailable,
                evidence: [lookup],
                hint: "PowerShell not installed: install PowerShell 7 (https://aka.ms/powershell) and the Az.Accounts "
                    + "module, then run `Connect-AzAccount`."
            )
        }
        var evidence = [lookup]
        guard let home = context.homeDirectory else {
            evidence.append(Evidence(.missing, "env HOME", "not set, so Azure PowerShell's context cannot be found"))
            return InspectionResult(verdict: .unknown, evidence: evidence, hint: "Set HOME.")
        }
        let module = moduleEvidence(executable: executable, home: home, context: context)
        evidence.append(module)
        let directory = InspectionSupport.join(home, ".Azure")
        let settingsPath = InspectionSupport.join(directory, "AzureRmContextSettings.json")
        let settings = object(at: settingsPath, context: context)
        if (settings?["Mode"] as? String)?.caseInsensitiveCompare("Process") == .orderedSame {
            evidence.append(
                Evidence(
                    .missing,
                    "file \(settingsPath)",
                    "Mode is Process: contexts are not saved, so a new pwsh is "
                        + "signed out"
                )
            )
            return InspectionResult(
                verdict: .unavailable,
                evidence: evidence,
                hint: "Run `Enable-AzContextAutosave -Scope CurrentUser`, then `Connect-AzAccount`, in pwsh."
            )
        }
        let contextPath = InspectionSupport.join(
            settings?["ContextDirectory"] as? String ?? directory,
            settings?["ContextFile"] as? String ?? "AzureRmContext.json"
        )
        let signIn = "Run `Connect-AzAccount" + (tenantID.map { " -Tenant \($0)" } ?? "") + "` in pwsh."
        guard let file = object(at: contextPath, context: context),
            let key = file["DefaultContextKey"] as? String,
            let current = (file["Contexts"] as? [String: Any])?[key] as? [String: Any],
            let account = current["Account"] as? [String: Any], let accountID = account["Id"] as? String
        else {
            evidence.append(Evidence(.missing, "file \(contextPath)", "records no signed-in account"))
            return InspectionResult(verdict: .unavailable, evidence: evidence, hint: signIn)
        }
        let tenant = (current["Tenant"] as? [String: Any])?["Id"] as? String
        let subscription = current["Subscription"] as? [String: Any]
        evidence.append(Evidence(.ok, "Az account", "\(accountID) (\(account["Type"] as? String ?? "unknown type"))"))
        if let name = subscription?["Name"] as? String, let id = subscription?["Id"] as? String {
            evidence.append(Evidence(.ok, "Az subscription", "\(name) (\(id))"))
        }
        if let tenant { evidence.append(Evidence(.ok, "Az tenant", tenant)) }
        let moduleVerdict: Verdict = module.status == .ok ? .ready : .unknown
        guard let tenantID else { return InspectionResult(verdict: moduleVerdict, evidence: evidence) }
        let listed =
            ((account["ExtendedProperties"] as? [String: Any])?["Tenants"] as? String)?
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } ?? []
        if ([tenant].compactMap { $0 } + listed).contains(where: { InspectionSupport.sameTenant($0, tenantID) }) {
            evidence.append(Evidence(.ok, "tenant \(tenantID)", "\(accountID) is signed in to it"))
            return InspectionResult(verdict: moduleVerdict, evidence: evidence)
        }
        evidence.append(
            Evidence(
                .missing,
                "tenant \(tenantID)",
                "not among the account's tenants; only pwsh can tell whether "
                    + "\(accountID) may get a token there"
            )
        )
        return InspectionResult(verdict: .unknown, evidence: evidence, hint: signIn)
    }

    /// Where Az.Accounts was found, or a note that it was not.
    private static func moduleEvidence(executable: String, home: String, context: InspectionContext) -> Evidence {
        let psHome = (URL(fileURLWithPath: executable).resolvingSymlinksInPath().path as NSString)
            .deletingLastPathComponent
        let configured = (context.value("PSModulePath") ?? "").split(separator: ":").map(String.init)
        let folders =
            configured + [
                InspectionSupport.join(home, ".local/share/powershell/Modules"), "/usr/local/share/powershell/Modules",
                InspectionSupport.join(psHome, "Modules"),
            ]
        for folder in folders {
            let candidate = InspectionSupport.join(folder, "Az.Accounts")
            if UserFile.kind(of: candidate) == .directory {
                return Evidence(.ok, "module Az.Accounts", "found in \(folder)")
            }
        }
        return Evidence(.note, "module Az.Accounts", "not found in the usual module folders; only pwsh can tell")
    }

    private static func object(at path: String, context: InspectionContext) -> [String: Any]? {
        guard case .success(let contents) = context.read(path, limit: 4 << 20) else { return nil }
        return InspectionSupport.jsonObject(contents.bytes)
    }
}
