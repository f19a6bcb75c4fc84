// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AzureIdentity
import Foundation
import IdentitySupport

extension ExplainWalk {
    /// Which managed identity source the environment selects, as ManagedIdentityCredential would detect it.
    ///
    /// An endpoint named by the environment is taken as present (the platform sets the variables only where the
    /// endpoint exists); IMDS, the fallback, answers only on Azure machines and is never probed by a dry run.
    /// The source is detected, and its variables checked, by the credential's own code over the walk's recording
    /// environment, so the variables it reads are known from the reads themselves.
    func inspectManagedIdentity(selector: ManagedIdentitySelector?, node: CredentialNode?) -> InspectionResult {
        var parts: [InspectionResult] = []
        var workloadClientID: String?
        switch selector {
        case .clientID(let value)?:
            if let node {
                let (resolved, result) = self.value(value, field: "clientId", node: node)
                workloadClientID = resolved
                parts.append(result)
            }
        case .resourceID(let value)?:
            if let node { parts.append(self.value(value, field: "resourceId", node: node).1) }
        case .objectID(let value)?:
            if let node { parts.append(self.value(value, field: "objectId", node: node).1) }
        case .systemAssigned?, nil:
            parts.append(
                InspectionResult(
                    verdict: .ready,
                    evidence: [
                        Evidence(
                            .note, "identity",
                            selector == nil ? "AZURE_CLIENT_ID or system-assigned" : "system-assigned")
                    ]))
        }
        let source = ManagedIdentitySource.detect(
            environment: context.variables, workloadClientID: workloadClientID,
            imdsBaseURL: ManagedIdentityOptions.defaultIMDSBaseURL)
        // A variable the run would refuse before sending anything (an endpoint that is not a URL, a header value
        // with a line break) fails the link there; the dry run says so rather than calling it ready.
        if let problem = ManagedIdentityCredential.configurationProblem(
            source: source, environment: context.variables, imdsBaseURL: nil)
        {
            parts.append(
                InspectionResult(
                    verdict: .misconfigured, evidence: [Evidence(.problem, "source", problem.message)],
                    hint: "Fix the managed identity variables, or unset them where no managed identity is available."))
            return .inOrder(parts)
        }
        switch source.kind {
        case .workloadIdentity:
            parts.append(
                InspectionResult(
                    verdict: .ready,
                    evidence: [
                        Evidence(.ok, "source", "workload identity (AZURE_TENANT_ID, AZURE_FEDERATED_TOKEN_FILE set)")
                    ]))
            // The run makes a workload identity credential in AZURE_TENANT_ID's tenant, refusing a malformed one.
            let tenant = context.value("AZURE_TENANT_ID")
            if let tenant, !TenantSyntax.isValid(tenant) {
                parts.append(
                    InspectionResult(
                        verdict: .misconfigured,
                        evidence: [
                            Evidence(
                                .problem, "env AZURE_TENANT_ID",
                                "not a valid tenant id: \(TenantSyntax.rule)")
                        ],
                        hint: "Set AZURE_TENANT_ID to a tenant id (a GUID or a domain)."))
            }
            if let file = context.value("AZURE_FEDERATED_TOKEN_FILE") {
                parts.append(TokenFileInspection.inspect(path: file, context: context))
            }
        case .imds:
            let overridden = context.value("AZURE_POD_IDENTITY_AUTHORITY_HOST") != nil
            parts.append(
                InspectionResult(
                    verdict: .unknown,
                    evidence: [
                        Evidence(
                            .note, "source",
                            "IMDS at \(source.endpoint)"
                                + (overridden ? " (AZURE_POD_IDENTITY_AUTHORITY_HOST)" : "")
                                + "; no managed identity variables are set"),
                        Evidence(.note, "IMDS", "a dry run does not probe it; it answers only on Azure machines"),
                    ],
                    hint: "Run with --live to probe it."))
        case .azureArc where context.value("IDENTITY_ENDPOINT") == nil:
            parts.append(
                InspectionResult(
                    verdict: .ready,
                    evidence: [
                        Evidence(
                            .ok, "source",
                            "Azure Arc (agent installed at \(ManagedIdentityOptions.defaultArcAgentPath))")
                    ]))
        default:
            let variable =
                context.value("MSI_ENDPOINT") != nil && context.value("IDENTITY_ENDPOINT") == nil
                ? "MSI_ENDPOINT" : "IDENTITY_ENDPOINT"
            parts.append(
                InspectionResult(
                    verdict: .ready,
                    evidence: [
                        Evidence(.ok, "source", "\(source.kind) endpoint \(source.endpoint) (from \(variable))")
                    ]))
        }
        return .inOrder(parts)
    }
}
