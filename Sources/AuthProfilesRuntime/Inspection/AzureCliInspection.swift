// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation

/// Checks whether the Azure CLI is installed and signed in, from its files alone (`az` is never run).
///
/// The CLI keeps its accounts in `azureProfile.json` in its configuration directory (`AZURE_CONFIG_DIR`, else
/// `~/.azure`), written with a UTF-8 byte order mark. Each entry of `subscriptions` is one account: a subscription
/// (or, after `az login --allow-no-subscriptions`, a tenant-level entry) with `id`, `name`, `tenantId`,
/// `isDefault` and `user` (`name`, `type`). Tokens live elsewhere (`msal_token_cache.*`) and are never read.
///
/// `az account get-access-token` uses the default account, or with `--subscription` the account whose id or name
/// matches (ignoring case); with `--tenant` it asks for a token in that tenant with the default account's
/// identity, which only works if that identity belongs to the tenant (and may need a new sign-in), so that case
/// is `unknown` unless the identity already has an account in the tenant.
package enum AzureCliInspection {
    /// Inspects the Azure CLI's sign-in state.
    /// - Parameters:
    ///   - tenantID: The tenant the link asks for (`--tenant`), if any.
    ///   - subscription: The subscription name or id the link asks for (`--subscription`), if any.
    ///   - context: The environment (`PATH`, `AZURE_CONFIG_DIR`, `HOME`) and file system.
    /// - Returns: `ready` when az is installed and signed in to what the link asks for; `unavailable` when az is
    ///   missing or not signed in; `misconfigured` when the request cannot work (unknown subscription, both a tenant
    ///   and a subscription, an unreadable profile); `unknown` when only running az could tell.
    package static func inspect(
        tenantID: String?,
        subscription: String?,
        context: InspectionContext
    )
        -> InspectionResult
    {
        let (executable, lookup) = InspectionSupport.executable("az", context: context)
        guard executable != nil else {
            return InspectionResult(
                verdict: .unavailable,
                evidence: [lookup],
                hint: "Azure CLI not installed: install it from https://aka.ms/azure-cli, then run `az login`."
            )
        }
        var evidence = [lookup]
        if let tenantID, let subscription {
            evidence.append(
                Evidence(
                    .problem,
                    "az arguments",
                    "both --tenant \(tenantID) and --subscription \(subscription); "
                        + "az account get-access-token accepts only one"
                )
            )
            return InspectionResult(
                verdict: .misconfigured,
                evidence: evidence,
                hint: "Give the link a subscription or a tenant, not both."
            )
        }
        let profile: AzureCliProfile
        switch AzureCliProfile.load(context: context) {
        case .failure(let failure):
            let result = failure.result
            return InspectionResult(verdict: result.verdict, evidence: evidence + result.evidence, hint: result.hint)
        case .success(let loaded):
            profile = loaded
        }
        guard !profile.accounts.isEmpty else {
            evidence.append(Evidence(.missing, "file \(profile.path)", "holds no accounts (not signed in)"))
            return InspectionResult(verdict: .unavailable, evidence: evidence, hint: "Run `az login`.")
        }
        if let subscription {
            return select(subscription: subscription, in: profile, evidence: evidence)
        }
        guard let account = profile.accounts.first(where: \.isDefault) else {
            evidence.append(Evidence(.missing, "az default subscription", "none of the accounts is the default"))
            return InspectionResult(
                verdict: .unavailable,
                evidence: evidence,
                hint: "Run `az account set --subscription <id or name>`."
            )
        }
        evidence += describe(account)
        guard let tenantID else { return InspectionResult(verdict: .ready, evidence: evidence) }
        return check(tenant: tenantID, account: account, in: profile, evidence: evidence)
    }

    private static func select(
        subscription: String,
        in profile: AzureCliProfile,
        evidence: [Evidence]
    )
        -> InspectionResult
    {
        var evidence = evidence
        let matches = profile.accounts.filter { account in
            [account.id, account.name].contains { $0.caseInsensitiveCompare(subscription) == .orderedSame }
        }
        guard let account = matches.first else {
            let names = profile.accounts.filter { !$0.isTenantLevel }.map(\.name)
            let known = names.isEmpty ? "only tenant-level accounts" : "subscriptions \(names.joined(separator: ", "))"
            evidence.append(
                Evidence(.problem, "az subscription \(subscription)", "not among the signed-in accounts (\(known))")
            )
            return InspectionResult(
                verdict: .misconfigured,
                evidence: evidence,
                hint: "Run `az login` with an account that can see \(subscription), or fix the subscription."
            )
        }
        guard matches.count == 1 else {
            evidence.append(
                Evidence(.problem, "az subscription \(subscription)", "matches \(matches.count) subscriptions")
            )
            return InspectionResult(
                verdict: .misconfigured,
                evidence: evidence,
                hint: "Name the subscription by its id."
            )
        }
        return InspectionResult(verdict: .ready, evidence: evidence + describe(account))
    }

    private static func check(
        tenant: String,
        account: AzureCliProfile.Account,
        in profile: AzureCliProfile,
        evidence: [Evidence]
    ) -> InspectionResult {
        var evidence = evidence
        let sameIdentity = profile.accounts.filter { $0.userName == account.userName }
        if sameIdentity.contains(where: { InspectionSupport.sameTenant($0.tenantID, tenant) }) {
            evidence.append(Evidence(.ok, "tenant \(tenant)", "\(account.userName) is signed in to it"))
            return InspectionResult(verdict: .ready, evidence: evidence)
        }
        let tenants = Array(Set(sameIdentity.map(\.tenantID))).sorted().joined(separator: ", ")
        if account.isManagedIdentity {
            evidence.append(
                Evidence(
                    .problem,
                    "tenant \(tenant)",
                    "az is signed in with a managed identity of tenant \(tenants), "
                        + "which cannot get tokens for another tenant"
                )
            )
            return InspectionResult(
                verdict: .misconfigured,
                evidence: evidence,
                hint: "Remove the tenant from the link."
            )
        }
        evidence.append(
            Evidence(
                .missing,
                "tenant \(tenant)",
                "signed in, but to tenants \(tenants); az can only tell by asking "
                    + "whether \(account.userName) may get a token there"
            )
        )
        return InspectionResult(verdict: .unknown, evidence: evidence, hint: "Run `az login --tenant \(tenant)`.")
    }

    private static func describe(_ account: AzureCliProfile.Account) -> [Evidence] {
        [
            Evidence(.ok, "az account", "\(account.userName) (\(account.userType))"),
            Evidence(
                .ok,
                "az subscription",
                account.isTenantLevel ? "none (tenant-level account)" : "\(account.name) (\(account.id))"
            ),
            Evidence(.ok, "az tenant", account.tenantID),
        ]
    }
}
