import AuthProfiles
import AzureIdentity
import Foundation
import IdentitySupport

extension ExplainWalk {
    /// What a leaf link needs, part by part in the order the binder resolves them (``InspectionResult/inOrder(_:)``):
    /// the run stops at the first setting that is absent or wrong, and the dry run's verdict is that setting's.
    func inspectLeaf(_ node: CredentialNode, in scope: LinkScope) -> InspectionResult {
        // The binder resolves the cloud's authority host before anything of the link's own.
        if let problem = authorityHostProblem(in: scope) { return problem }
        return inspectLeafSettings(node, in: scope)
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

    /// The cloud's authority host as the binder resolves it for every link, when it cannot be resolved.
    func authorityHostProblem(in scope: LinkScope) -> InspectionResult? {
        guard case .failure(let problem) = resolver.authorityHost(in: scope) else { return nil }
        return InspectionResult(
            verdict: problem.isMissing ? .unavailable : .misconfigured,
            evidence: [
                Evidence(
                    problem.isMissing ? .missing : .problem, "cloud \(scope.cloud?.name ?? "")",
                    problem.message)
            ],
            hint: problem.hint)
    }

    // swiftlint:disable:next cyclomatic_complexity function_body_length
    private func inspectLeafSettings(_ node: CredentialNode, in scope: LinkScope) -> InspectionResult {
        switch node.settings {
        case .environment:
            return inspectEnvironmentCredential()
        case .workloadIdentity(let clientID, let tokenFile):
            let (tenant, tenantResult) = self.tenant(for: node, in: scope, required: false)
            var parts = [tenantResult, value(clientID, field: "clientId", node: node).1]
            if tenant == nil { parts.append(implicitVariable("AZURE_TENANT_ID", field: "tenant")) }
            let (path, pathResult) = value(tokenFile, field: "tokenFile", node: node)
            parts.append(pathResult)
            if let path {
                // The binder resolves the path (`~` from HOME) before the tenant id is checked; the file itself is
                // read at each request, after.
                let file = TokenFileInspection.inspect(path: path, context: context)
                if case .failure = context.path(path) {
                    parts += [file, tenantCheck(tenant)]
                } else {
                    parts += [tenantCheck(tenant), file]
                }
            } else {
                parts.append(tenantCheck(tenant))
            }
            return .inOrder(parts)
        case .managedIdentity(let selector):
            return inspectManagedIdentity(selector: selector, node: node)
        case .clientSecret(let clientID, let secret):
            let (tenant, tenantResult) = self.tenant(for: node, in: scope, required: true)
            return .inOrder([
                tenantResult, value(clientID, field: "clientId", node: node).1,
                self.secret(secret, field: "client secret"), tenantCheck(tenant),
            ])
        case .clientCertificate(let clientID, let certificate):
            let (tenant, tenantResult) = self.tenant(for: node, in: scope, required: true)
            return .inOrder([
                tenantResult, value(clientID, field: "clientId", node: node).1,
                self.certificate(certificate, node: node), tenantCheck(tenant),
            ])
        case .clientAssertion(let clientID, let source):
            // The binder reads an assertion reference (to see that it is there) before the tenant and client id;
            // a command is looked up only when a token is asked for.
            let assertionResult = assertion(source)
            let (tenant, tenantResult) = self.tenant(for: node, in: scope, required: true)
            let ids = [tenantResult, value(clientID, field: "clientId", node: node).1]
            if case .command = source { return .inOrder(ids + [tenantCheck(tenant), assertionResult]) }
            guard case .reference(.file(let path)) = source else {
                return .inOrder([assertionResult] + ids + [tenantCheck(tenant)])
            }
            // An assertion file is read as a secret file at binding (there, readable, not empty); what it holds (a
            // JWT, not expired) matters only when a token is asked for, after the ids: an expired assertion with
            // an unset client id is unavailable, as in the run.
            let bound = secret(.file(path: path), field: "client assertion").verdict
            return .inOrder(
                [InspectionResult(verdict: bound, evidence: [])] + ids
                    + [tenantCheck(tenant), assertionResult])
        case .onBehalfOf(let clientID, let userAssertion, let client):
            let clientResult: InspectionResult
            switch client {
            case .secret(let reference): clientResult = secret(reference, field: "client secret")
            case .certificate(let settings): clientResult = certificate(settings, node: node)
            case .assertion(let source): clientResult = assertion(source)
            }
            let (tenant, tenantResult) = self.tenant(for: node, in: scope, required: true)
            return .inOrder([
                tenantResult, value(clientID, field: "clientId", node: node).1,
                secret(userAssertion, field: "user assertion"), clientResult, tenantCheck(tenant),
            ])
        case .usernamePassword(let clientID, let username, let password):
            let (tenant, tenantResult) = self.tenant(for: node, in: scope, required: false)
            var result = InspectionResult.inOrder([
                tenantResult, value(clientID, field: "clientId", node: node).1,
                value(username, field: "username", node: node).1, secret(password, field: "password"),
                tenantCheck(tenant),
            ])
            result.evidence.append(Evidence(.note, "usernamePassword", "fails for accounts that require MFA"))
            return result
        case .authorizationCode(let clientID, let code, let redirectURI, let clientSecret):
            let (tenant, tenantResult) = self.tenant(for: node, in: scope, required: true)
            return .inOrder(
                [
                    tenantResult, value(clientID, field: "clientId", node: node).1,
                    secret(code, field: "authorization code"),
                    value(redirectURI, field: "redirectUri", node: node).1,
                ]
                    + (clientSecret.map { [secret($0, field: "client secret")] } ?? []) + [tenantCheck(tenant)])
        case .deviceCode(let clientID):
            let (tenant, tenantResult) = self.tenant(for: node, in: scope, required: false)
            var result = InspectionResult.inOrder([
                tenantResult, value(clientID, field: "clientId", node: node).1,
                tenantCheck(tenant),
            ])
            result.evidence.append(Evidence(.note, "deviceCode", "needs a person to enter a code on another device"))
            return result
        case .interactiveBrowser(let settings):
            // The binder reads the port first, then the tenant, client id and login hint, then the broker flags.
            var parts: [InspectionResult] = []
            if let port = settings.port {
                parts.append(typed(port, field: "port") { resolver.integer($0, field: "port") })
            }
            let (tenant, tenantResult) = self.tenant(for: node, in: scope, required: false)
            parts += [tenantResult, value(settings.clientID, field: "clientId", node: node).1]
            if let loginHint = settings.loginHint { parts.append(value(loginHint, field: "loginHint", node: node).1) }
            for (flag, field) in [
                (settings.brokerEnabled, "brokerEnabled"),
                (settings.useDefaultBrokerAccount, "useDefaultBrokerAccount"),
                (settings.legacyEnableMsaPassthrough, "legacyEnableMsaPassthrough"),
            ] {
                parts.append(typed(flag, field: field) { resolver.flag($0, field: field) })
            }
            return .inOrder(parts + [tenantCheck(tenant), BrowserInspection.inspect(context: context)])
        case .azureCli(let subscription):
            // As at run time: a subscription implies its tenant (which is then not read), and az refuses both
            // together.
            var name: String?
            var tenant: String?
            var parts: [InspectionResult] = []
            if let subscription {
                let (resolved, result) = value(subscription, field: "subscription", node: node)
                name = resolved
                parts.append(result)
            } else {
                let (resolved, result) = self.tenant(for: node, in: scope, required: false)
                tenant = resolved
                parts.append(result)
            }
            parts += [timeout(node), tenantCheck(tenant)]
            parts.append(AzureCliInspection.inspect(tenantID: tenant, subscription: name, context: context))
            return .inOrder(parts)
        case .azureDeveloperCli:
            let (tenant, tenantResult) = self.tenant(for: node, in: scope, required: false)
            return .inOrder([
                tenantResult, timeout(node), tenantCheck(tenant),
                AzureDeveloperCliInspection.inspect(tenantID: tenant, context: context),
            ])
        case .azurePowerShell:
            let (tenant, tenantResult) = self.tenant(for: node, in: scope, required: false)
            return .inOrder([
                tenantResult, timeout(node), tenantCheck(tenant),
                AzurePowerShellInspection.inspect(tenantID: tenant, context: context),
            ])
        case .azurePipelines(let clientID, let serviceConnectionID, let systemAccessToken):
            let (tenant, tenantResult) = self.tenant(for: node, in: scope, required: true)
            return .inOrder([
                tenantResult, value(clientID, field: "clientId", node: node).1,
                value(serviceConnectionID, field: "serviceConnectionId", node: node).1,
                secret(systemAccessToken, field: "System.AccessToken"), tenantCheck(tenant),
                implicitVariable("SYSTEM_OIDCREQUESTURI", field: "Azure Pipelines OIDC endpoint"),
            ])
        case .default, .chain, .profile:
            return InspectionResult(verdict: .unknown, evidence: [])
        }
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
