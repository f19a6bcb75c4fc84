// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AzureIdentity
import IdentitySupport

extension ExplainWalk {
    /// Resolves a text setting for a link and says where its value comes from (a value written in the file is
    /// shown; one from the environment never is).
    func value(
        _ value: ProfileValue<String>, field: String, node: CredentialNode, recordBlame: Bool = true
    ) -> (String?, InspectionResult) {
        let resolved: String?
        let origin: String
        let result: InspectionResult
        // A field the profile does not write but whose default reads a variable (`workloadIdentity`'s `clientId`
        // is `{env: AZURE_CLIENT_ID}`) says so: the value comes from the environment by default.
        let defaulted = node.defaultedFields.contains(field)
        let named = defaulted ? "\(field), by default" : field
        switch resolver.resolve(value, field: field) {
        case .success((let text, .literal)):
            (resolved, origin) = (text, "file")
            result = InspectionResult(verdict: .ready, evidence: [Evidence(.ok, field, text)])
        case .success((let text, .environment(let name))):
            (resolved, origin) = (text, "env \(name)")
            result = InspectionResult(verdict: .ready, evidence: [Evidence(.ok, "env \(name)", "set (\(named))")])
        case .success((let text, .bindingDefault(let name))):
            (resolved, origin) = (text, "env \(name) (unset; default)")
            result = InspectionResult(
                verdict: .ready,
                evidence: [
                    Evidence(.note, "env \(name)", "not set; \(field) uses the profile's default \(text)")
                ])
        case .failure(let problem):
            let subject = value.binding.map { "env \($0.name)" } ?? field
            (resolved, origin) = (nil, subject + " (unset)")
            result = InspectionResult(
                verdict: problem.isMissing ? .unavailable : .misconfigured,
                evidence: [
                    Evidence(
                        problem.isMissing ? .missing : .problem, subject,
                        problem.isMissing ? "not set (\(named))" : problem.message)
                ],
                hint: defaulted && problem.isMissing
                    ? "Set \(value.binding?.name ?? field), or write `\(field):` in the link." : problem.hint)
        }
        if recordBlame {
            blame.append(BlameEntry(setting: "\(node.path).\(field)", origin: origin, location: node.location))
        }
        return (resolved, result)
    }

    /// Inspects a secret reference without revealing it.
    func secret(_ reference: SecretReference, field: String) -> InspectionResult {
        switch reference {
        case .environment(let name):
            return SecretReferenceInspection.inspectEnvironmentSecret(name: name, field: field, context: context)
        case .file(let path):
            return SecretReferenceInspection.inspectFileSecret(path: path, field: field, context: context)
        }
    }

    /// The tenant a link authenticates in, with evidence; kinds that require one (``TenantRule/required``) are
    /// misconfigured without one, as the binder refuses them.
    func tenant(for node: CredentialNode, in scope: LinkScope) -> (String?, InspectionResult) {
        switch scope.tenant(for: node) {
        case nil:
            guard node.definition.tenant == .required else {
                return (nil, InspectionResult(verdict: .ready, evidence: []))
            }
            return (
                nil,
                InspectionResult(
                    verdict: .misconfigured, evidence: [Evidence(.problem, "tenant", "none given")],
                    hint: "Give the profile (or the link) a `tenant:`.")
            )
        case .literal(let id):
            return (id, InspectionResult(verdict: .ready, evidence: [Evidence(.ok, "tenant", id)]))
        case .declared(let declared):
            return checkedTenant(value(declared.id, field: "tenant", node: node, recordBlame: false))
        case .environment(let binding):
            return checkedTenant(
                value(
                    .environment(binding), field: "tenant", node: node,
                    recordBlame: node.tenant != nil))
        }
    }

    /// A tenant read from a variable is checked by the rule every credential applies before it sends anything
    /// (``TenantSyntax``, through `TenantID.validate`): one the run refuses makes the link misconfigured here too,
    /// at the place in each kind's parts where the run checks it (``tenantCheck(_:)``): when it makes the credential,
    /// after binding the rest, so a malformed tenant with an unset secret is unavailable in both. Here it is shown.
    /// A tenant written in the file was checked when the file was validated (`AP300`).
    func checkedTenant(_ resolved: (String?, InspectionResult)) -> (String?, InspectionResult) {
        guard let id = resolved.0, !TenantSyntax.isValid(id) else { return resolved }
        var result = resolved.1
        result.evidence.append(Self.malformedTenant)
        return (id, result)
    }

    /// The evidence of a tenant id the run refuses.
    static let malformedTenant = Evidence(.problem, "tenant", "not a valid tenant id: \(TenantSyntax.rule)")

    /// A secret that a certificate needs, resolved for inspection only.
    func certificate(_ settings: CertificateSettings, node: CredentialNode) -> InspectionResult {
        let (path, pathResult) = value(settings.path, field: "certificate.path", node: node)
        var parts = [pathResult]
        guard let path else { return InspectionResult.inOrder(parts) }
        var keyPath: String?
        if let key = settings.keyPath {
            let (resolved, keyResult) = value(key, field: "certificate.keyPath", node: node)
            keyPath = resolved
            parts.append(keyResult)
            if resolved == nil { return InspectionResult.inOrder(parts) }
        }
        var password: Secret?
        var passwordUnresolved = false
        if let reference = settings.password {
            let passwordResult = secret(reference, field: "certificate password")
            parts.append(passwordResult)
            switch resolver.secret(reference, field: "certificatePassword") {
            case .success(let secret): password = secret
            case .failure: passwordUnresolved = true
            }
        }
        parts.append(
            CertificateInspection.inspect(
                path: path, keyPath: keyPath, format: settings.format, password: password,
                passwordUnresolved: passwordUnresolved, context: context))
        parts.append(
            typed(settings.sendCertificateChain, field: "sendCertificateChain") {
                resolver.flag($0, field: "sendCertificateChain")
            })
        return InspectionResult.inOrder(parts)
    }

    /// A typed setting (a flag, a number, a duration) read by the run's own parser (``ValueResolver/flag(_:field:)``
    /// and its siblings), so that a variable the run cannot use is reported here as it fails there. A value written
    /// in the file was checked when the file was validated and adds no evidence.
    func typed<Value>(
        _ value: ProfileValue<Value>, field: String,
        resolve: (ProfileValue<Value>) -> Result<(Value, ValueOrigin), ValueProblem>
    ) -> InspectionResult {
        guard let binding = value.binding else { return InspectionResult(verdict: .ready, evidence: []) }
        let subject = "env \(binding.name)"
        switch resolve(value) {
        case .success((_, .environment)):
            return InspectionResult(verdict: .ready, evidence: [Evidence(.ok, subject, "set (\(field))")])
        case .success:
            return InspectionResult(
                verdict: .ready,
                evidence: [
                    Evidence(.note, subject, "not set; \(field) uses the profile's default")
                ])
        case .failure(let problem):
            return InspectionResult(
                verdict: problem.isMissing ? .unavailable : .misconfigured,
                evidence: [
                    Evidence(
                        problem.isMissing ? .missing : .problem, subject,
                        problem.isMissing ? "not set (\(field))" : problem.message)
                ],
                hint: problem.hint)
        }
    }

    /// A node's `timeout`, read by the one rule of the run (``ValueResolver/timeout(of:)``): every node is checked
    /// before anything in it (``walk(_:in:depth:reached:)``), and the developer tools also show it among their parts
    /// (it is their process timeout).
    func timeout(_ node: CredentialNode) -> InspectionResult {
        guard let timeout = node.timeout else { return InspectionResult(verdict: .ready, evidence: []) }
        return typed(timeout, field: "timeout") { resolver.duration($0, field: "timeout") }
    }

    /// A client assertion source.
    func assertion(_ source: AssertionSource) -> InspectionResult {
        switch source {
        case .reference(.file(let path)):
            return TokenFileInspection.inspect(path: path, context: context, what: "assertion file")
        case .reference(let reference):
            return secret(reference, field: "client assertion")
        case .command(let argv):
            let name = argv.first ?? ""
            // Found as the run finds it (a relative program under the working directory, `~` from HOME).
            guard
                let found = AssertionCommand.locate(
                    name, variables: context.variables, workingDirectory: context.workingDirectory)
            else {
                let absolute = name.contains("/")
                return InspectionResult(
                    verdict: .unavailable,
                    evidence: [
                        Evidence(
                            .missing, "command \(name)",
                            absolute ? "does not exist or is not executable" : "not found on PATH")
                    ],
                    hint: absolute ? "Install the command at that path." : "Install \(name) or fix PATH.")
            }
            return InspectionResult(
                verdict: .unknown,
                evidence: [
                    Evidence(.ok, "command \(name)", "found at \(found)"),
                    Evidence(.note, "command \(name)", "not run in a dry run; use --live"),
                ])
        }
    }
}
