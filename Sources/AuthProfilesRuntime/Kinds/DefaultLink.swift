// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AzureIdentity

/// The members a `default` link runs, in DefaultAzureCredential's order, how each is built (`makeDefaultMember`) and
/// what the dry run predicts for each (`inspectDefaultMember`), side by side as a leaf kind's binding and
/// inspection are (`LeafLink`); the evaluator and the dry run run the members as a chain with each member's
/// DefaultAzureCredential policy.
///
/// The profile's `credentials:` wins; without it `AZURE_TOKEN_CREDENTIALS` selects, as in Azure Identity. `exclude`
/// removes members either way.
struct DefaultMembers: Sendable {
    struct Member: Sendable, Hashable {
        /// The profile format's name (`azureCli`).
        let name: String
        let member: DefaultAzureCredentialMember
        /// How the `default` link treats the member: DefaultAzureCredential's own policy for it.
        var policy: ChainPolicy { member.chainPolicy }
    }

    /// The profile format's member names with AzureIdentity's members, matched by the Azure Identity class each
    /// kind's definition names.
    static let names: [(String, DefaultAzureCredentialMember)] = {
        let members: [DefaultAzureCredentialMember] = [
            .environment, .workloadIdentity, .managedIdentity, .visualStudioCode, .azureCli, .azurePowerShell,
            .azureDeveloperCli,
        ]
        return DefaultCredentialSettings.allMembers.compactMap { kind in
            members.first { $0.description == kind.azureIdentityName }.map { (kind.rawValue, $0) }
        }
    }()

    let members: [Member]
    /// Whether exactly one member was selected by `AZURE_TOKEN_CREDENTIALS` (no IMDS probe then).
    let single: Bool
    /// Where the selection came from, for explain.
    let selectedBy: String

    static func resolve(
        _ settings: DefaultCredentialSettings, resolver: ValueResolver
    )
        -> Result<DefaultMembers, ValueProblem>
    {
        if settings.credentials != nil {
            let members = settings.members.compactMap { name in
                names.first { $0.0 == name }.map { Member(name: $0.0, member: $0.1) }
            }
            return .success(
                DefaultMembers(
                    members: members, single: members.count == 1,
                    selectedBy: "the profile's `credentials: \(settings.credentials!)`"))
        }
        let raw = resolver.variable("AZURE_TOKEN_CREDENTIALS")
        do {
            let (selected, single) = try DefaultAzureCredentialMember.selection(
                fromEnvironmentValue: raw, brokerEnabled: false)
            let members = selected.compactMap { member in
                names.first { $0.1 == member }.map { Member(name: $0.0, member: $0.1) }
            }.filter { !settings.excluded.contains($0.name) }
            let source = raw.map { "AZURE_TOKEN_CREDENTIALS=\($0)" } ?? "all members (AZURE_TOKEN_CREDENTIALS unset)"
            return .success(DefaultMembers(members: members, single: single, selectedBy: source))
        } catch let error as AzureIdentityError {
            return .failure(ValueProblem(isMissing: false, message: error.message, hint: nil))
        } catch {
            return .failure(ValueProblem(isMissing: false, message: "\(error)", hint: nil))
        }
    }
}

extension CredentialBinder {
    /// Builds one member of a `default` link with DefaultAzureCredential's rules for ids.
    func makeDefaultMember(
        _ member: DefaultMembers.Member, settings: DefaultCredentialSettings, single: Bool, node: CredentialNode,
        in scope: LinkScope
    ) throws -> any TokenCredential {
        let options = try credentialOptions(for: node, in: scope)
        let tenantID = try tenant(for: node, in: scope)
        let processTimeout =
            try settings.processTimeout.map { value throws(ValueProblem) in
                try resolver.resolve(value, field: "processTimeout", parse: ProfileDuration.parse).get().0
            } ?? DefaultCredentialSettings.standardProcessTimeout
        switch member.member {
        case .environment:
            return EnvironmentCredential(options: options)
        case .workloadIdentity:
            let clientID =
                try optionalText(settings.workloadIdentityClientID, "workloadIdentityClientId")
                ?? resolver.variable("AZURE_CLIENT_ID")
            return try WorkloadIdentityCredential(tenantID: tenantID, clientID: clientID, options: options)
        case .managedIdentity:
            var managed = self.options.managedIdentity
            if let selector = settings.managedIdentity {
                managed.identity = try identity(selector)
            } else if let clientID = resolver.variable("AZURE_CLIENT_ID") {
                managed.identity = .clientID(clientID)
            }
            if managed.probeTimeout == nil, !single { managed.probeTimeout = .seconds(1) }
            if single { managed.probeTimeout = nil }
            return try ManagedIdentityCredential(managedIdentity: managed, options: options)
        case .visualStudioCode:
            return try VisualStudioCodeCredential(tenantID: tenantID, options: options)
        case .azureCli:
            return try AzureCliCredential(tenantID: tenantID, processTimeout: processTimeout, options: options)
        case .azurePowerShell:
            return try AzurePowerShellCredential(tenantID: tenantID, processTimeout: processTimeout, options: options)
        default:
            return try AzureDeveloperCliCredential(tenantID: tenantID, processTimeout: processTimeout, options: options)
        }
    }
}

extension ExplainWalk {
    /// One member of a `default` link, with DefaultAzureCredential's rules.
    func inspectDefaultMember(
        _ name: String, settings: DefaultCredentialSettings, node: CredentialNode, in scope: LinkScope, single: Bool
    ) -> InspectionResult {
        // The run resolves the cloud's authority host, the tenant and `processTimeout` for every member before
        // building it, in that order, so a setting it cannot resolve stops each member; the dry run says so for
        // each too.
        if let problem = authorityHostProblem(for: node, in: scope) { return problem }
        if case .failure(let problem) = resolver.tenantID(for: node, in: scope) {
            return InspectionResult(
                verdict: problem.isMissing ? .unavailable : .misconfigured,
                evidence: [Evidence(problem.isMissing ? .missing : .problem, "tenant", problem.message)],
                hint: problem.hint)
        }
        if let processTimeout = settings.processTimeout {
            let result = typed(processTimeout, field: "processTimeout") {
                resolver.duration($0, field: "processTimeout")
            }
            if result.verdict != .ready { return result }
        }
        switch name {
        case "environment":
            return inspectEnvironmentCredential()
        case "workloadIdentity":
            var parts: [InspectionResult] = []
            if let clientID = settings.workloadIdentityClientID {
                parts.append(value(clientID, field: "workloadIdentityClientId", node: node).1)
            } else {
                parts.append(implicitVariable("AZURE_CLIENT_ID", field: "client id"))
            }
            if scope.tenant(for: node) == nil {
                parts.append(implicitVariable("AZURE_TENANT_ID", field: "tenant"))
            } else {
                let (resolved, result) = self.tenant(for: node, in: scope)
                parts += [result, tenantCheck(resolved)]
            }
            parts.append(implicitVariable("AZURE_FEDERATED_TOKEN_FILE", field: "federated token file"))
            if let file = context.value("AZURE_FEDERATED_TOKEN_FILE") {
                parts.append(TokenFileInspection.inspect(path: file, context: context))
            }
            return .inOrder(parts)
        case "managedIdentity":
            var result = inspectManagedIdentity(selector: settings.managedIdentity, node: node)
            if !single, result.verdict == .unknown {
                result.evidence.append(Evidence(.note, "IMDS probe", "DefaultAzureCredential gives it 1s"))
            }
            return result
        case "visualStudioCode":
            let (tenant, result) = self.tenant(for: node, in: scope)
            return .inOrder([result, tenantCheck(tenant), VisualStudioCodeInspection.inspect(context: context)])
        case "azureCli":
            let (tenant, result) = self.tenant(for: node, in: scope)
            return .inOrder([
                result, tenantCheck(tenant),
                AzureCliInspection.inspect(tenantID: tenant, subscription: nil, context: context),
            ])
        case "azurePowerShell":
            let (tenant, result) = self.tenant(for: node, in: scope)
            return .inOrder([
                result, tenantCheck(tenant),
                AzurePowerShellInspection.inspect(tenantID: tenant, context: context),
            ])
        default:
            let (tenant, result) = self.tenant(for: node, in: scope)
            return .inOrder([
                result, tenantCheck(tenant),
                AzureDeveloperCliInspection.inspect(tenantID: tenant, context: context),
            ])
        }
    }
}
