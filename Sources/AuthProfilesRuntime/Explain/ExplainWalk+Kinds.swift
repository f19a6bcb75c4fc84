// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AzureIdentity
import Foundation
import IdentitySupport

extension ExplainWalk {
    /// What a leaf link needs, part by part in the order the binder resolves them (``InspectionResult/inOrder(_:)``):
    /// the run stops at the first setting that is absent or wrong, and the dry run's verdict is that setting's.
    func inspectLeaf(_ node: CredentialNode, in scope: LinkScope) -> InspectionResult {
        // The binder resolves the link's authority host before anything of the link's own.
        if let problem = authorityHostProblem(for: node, in: scope) { return problem }
        let settings = inspectLeafSettings(node, in: scope)
        guard let authority = authorityEvidence(for: node, in: scope) else { return settings }
        return InspectionResult(
            verdict: settings.verdict, evidence: [authority] + settings.evidence, hint: settings.hint)
    }

    /// Which authority host a link of a kind that honours `AZURE_AUTHORITY_HOST` (`environment`, `workloadIdentity`,
    /// `default`) would use, and why; `nil` for the other kinds (the profile's `cloud` line says theirs) and when the host cannot be
    /// resolved (``authorityHostProblem(for:in:)`` says why).
    func authorityEvidence(for node: CredentialNode, in scope: LinkScope) -> Evidence? {
        guard node.definition.readsAuthorityHostVariable else { return nil }
        let choice = resolver.authority(for: node, in: scope)
        guard case .success(let host) = choice.host else { return nil }
        return Evidence(.ok, "authority host", "\(host.url) (\(choice.reason))")
    }

    /// The run checks a tenant id when it makes the credential: after binding the link's other inputs (a secret,
    /// a certificate file, an assertion reference) and before anything only a request or a process meets (a token
    /// file's contents, a tool on PATH). This part, at that place in a kind's parts, makes the link misconfigured
    /// for a tenant id the run refuses (``checkedTenant(_:)`` shows why).
    func tenantCheck(_ tenant: String?) -> InspectionResult {
        guard let tenant, !TenantSyntax.isValid(tenant) else { return InspectionResult(verdict: .ready, evidence: []) }
        return InspectionResult(
            verdict: .misconfigured, evidence: [],
            hint: "Set the tenant's variable to a tenant id (a GUID or a domain).")
    }

    /// The link's authority host as the binder resolves it for every link (``ValueResolver/authority(for:in:)``),
    /// when it cannot be resolved: a bad `AZURE_AUTHORITY_HOST` makes the link unavailable, a bad cloud
    /// misconfigured.
    func authorityHostProblem(for node: CredentialNode, in scope: LinkScope) -> InspectionResult? {
        let choice = resolver.authority(for: node, in: scope)
        guard case .failure(let problem) = choice.host else { return nil }
        return InspectionResult(
            verdict: problem.isMissing ? .unavailable : .misconfigured,
            evidence: [
                Evidence(
                    problem.isMissing && choice.source != .variable ? .missing : .problem, choice.subject,
                    problem.message)
            ],
            hint: problem.hint)
    }

    /// A leaf's own parts, inspected by its kind (`Kinds/<Kind>Link.swift`) beside its binding.
    private func inspectLeafSettings(_ node: CredentialNode, in scope: LinkScope) -> InspectionResult {
        guard let leaf = node.leaf else { return InspectionResult(verdict: .unknown, evidence: []) }
        return leaf.inspect(self, node: node, scope: scope)
    }

    /// A variable a credential reads by definition (not through a profile binding).
    func implicitVariable(_ name: String, field: String) -> InspectionResult {
        present(context.value(name), name, field: field)
    }

    /// The evidence for a variable already read: set, or unset with how to fix it. `AZURE_TENANT_ID` is checked
    /// as a tenant id, as the credentials that read it check it before sending anything.
    func present(_ value: String?, _ name: String, field: String, checked: Bool = true) -> InspectionResult {
        guard let value else {
            return InspectionResult(
                verdict: .unavailable, evidence: [Evidence(.missing, "env \(name)", "not set")],
                hint: "Set \(name) (\(field)).")
        }
        if name == "AZURE_TENANT_ID", !TenantSyntax.isValid(value) {
            return InspectionResult(
                verdict: checked ? .misconfigured : .ready,
                evidence: [Evidence(.problem, "env \(name)", "not a valid tenant id: \(TenantSyntax.rule)")],
                hint: "Set \(name) to a tenant id (a GUID or a domain).")
        }
        return InspectionResult(verdict: .ready, evidence: [Evidence(.ok, "env \(name)", "set")])
    }

    /// EnvironmentCredential's rules: a tenant, a client id, and a secret, a certificate or a user and password,
    /// read by the credential's own reader (``EnvironmentCredential/Configuration``) so that the dry run sees the
    /// selection the run makes and records the variables the run reads.
    func inspectEnvironmentCredential() -> InspectionResult {
        let configuration = EnvironmentCredential.Configuration(context.variables)
        let ids = [
            present(configuration.tenantID, "AZURE_TENANT_ID", field: "tenant", checked: false),
            present(configuration.clientID, "AZURE_CLIENT_ID", field: "client id"),
        ]
        // The tenant id is checked when the credential is made, after its certificate is loaded.
        let parts = ids + selectionParts(configuration) + [tenantCheck(configuration.tenantID)]
        // EnvironmentCredential makes no credential until the tenant, the client id and a secret, certificate or
        // user are all set, so until then it checks neither the tenant id nor the certificate: it is unavailable,
        // whatever else is wrong (a malformed AZURE_TENANT_ID with AZURE_CLIENT_ID unset is unavailable at run
        // time, not failed).
        guard configuration.tenantID != nil, configuration.clientID != nil, configuration.selection != nil else {
            return InspectionResult(
                verdict: .unavailable, evidence: parts.flatMap(\.evidence),
                hint: parts.first { $0.verdict == .unavailable }?.hint)
        }
        return .inOrder(parts)
    }

    /// What an `environment` link authenticates with, as EnvironmentCredential selects it.
    private func selectionParts(_ configuration: EnvironmentCredential.Configuration) -> [InspectionResult] {
        switch configuration.selection {
        case .secret?:
            return [Evidence.result(.ok, "env AZURE_CLIENT_SECRET", "set (client secret)")]
        case .certificate(let path, let password, _)?:
            var file = CertificateInspection.inspect(path: path, password: password, context: context)
            // EnvironmentCredential fails (invalidConfiguration) for a certificate file that does not exist, where a
            // profile's `certificate:` is unavailable; only a path it cannot resolve (`~` without HOME) leaves it
            // unavailable (`CredentialPath`).
            if file.verdict == .unavailable, case .success = context.path(path) { file.verdict = .misconfigured }
            return [Evidence.result(.ok, "env AZURE_CLIENT_CERTIFICATE_PATH", "set: \(path)"), file]
        case .usernamePassword?:
            return [Evidence.result(.ok, "env AZURE_USERNAME, AZURE_PASSWORD", "set (user sign-in)")]
        case nil:
            return [
                InspectionResult(
                    verdict: .unavailable,
                    evidence: [
                        Evidence(
                            .missing,
                            "env AZURE_CLIENT_SECRET / AZURE_CLIENT_CERTIFICATE_PATH / AZURE_USERNAME",
                            "none set")
                    ],
                    hint:
                        "Set AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, or AZURE_USERNAME and AZURE_PASSWORD.")
            ]
        }
    }
}

extension InspectionResult {
    /// The parts of one link in the order the binder resolves them, then the parts only a request or a process
    /// meets: the first part that is unavailable or misconfigured decides the link's verdict, as the binder stops
    /// at its first problem (an absent tenant makes the link unavailable even if a secret file after it is a FIFO);
    /// else `unknown` when a part is; else `ready`. Every part's evidence is kept.
    static func inOrder(_ parts: [InspectionResult]) -> InspectionResult {
        let verdict =
            parts.first { $0.verdict == .unavailable || $0.verdict == .misconfigured }?.verdict
            ?? (parts.contains { $0.verdict == .unknown } ? .unknown : .ready)
        return InspectionResult(
            verdict: verdict, evidence: parts.flatMap(\.evidence),
            hint: parts.first { $0.verdict == verdict && $0.hint != nil }?.hint)
    }
}

extension Evidence {
    /// A one-fact inspection result.
    static func result(_ status: Status, _ subject: String, _ detail: String) -> InspectionResult {
        InspectionResult(
            verdict: status == .ok || status == .note ? .ready : .unavailable,
            evidence: [Evidence(status, subject, detail)])
    }
}
