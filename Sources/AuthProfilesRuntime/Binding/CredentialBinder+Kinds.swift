import AuthProfiles
import AzureIdentity
import Foundation

extension CredentialBinder {
    // swiftlint:disable:next cyclomatic_complexity function_body_length
    func make(_ node: CredentialNode, in scope: LinkScope) throws -> any TokenCredential {
        let options = try credentialOptions(for: node, in: scope)
        switch node.settings {
        case .environment:
            return EnvironmentCredential(options: options)
        case .workloadIdentity(let clientID, let tokenFile):
            return try WorkloadIdentityCredential(
                tenantID: try tenant(for: node, in: scope, required: false),
                clientID: try text(clientID, "clientId"),
                tokenFilePath: try path(tokenFile, "tokenFile", what: "token file"), options: options)
        case .managedIdentity(let selector):
            var managed = self.options.managedIdentity
            managed.identity = try identity(selector)
            return try ManagedIdentityCredential(managedIdentity: managed, options: options)
        case .clientSecret(let clientID, let secret):
            return try ClientSecretCredential(
                tenantID: try tenant(for: node, in: scope, required: true)!, clientID: try text(clientID, "clientId"),
                secret: try self.secret(secret, "clientSecret"), options: options)
        case .clientCertificate(let clientID, let certificate):
            return try ClientCertificateCredential(
                tenantID: try tenant(for: node, in: scope, required: true)!, clientID: try text(clientID, "clientId"),
                certificate: try load(certificate),
                sendCertificateChain: try flag(certificate.sendCertificateChain, "sendCertificateChain"),
                options: options)
        case .clientAssertion(let clientID, let source):
            let provider = try assertionProvider(source)
            return try ClientAssertionCredential(
                tenantID: try tenant(for: node, in: scope, required: true)!, clientID: try text(clientID, "clientId"),
                options: options, assertionProvider: provider)
        case .onBehalfOf(let clientID, let userAssertion, let client):
            return try OnBehalfOfCredential(
                tenantID: try tenant(for: node, in: scope, required: true)!, clientID: try text(clientID, "clientId"),
                userAssertion: try secret(userAssertion, "userAssertion"),
                authentication: try authentication(client), options: options)
        case .usernamePassword(let clientID, let username, let password):
            return try UsernamePasswordCredential(
                tenantID: try tenant(for: node, in: scope, required: false) ?? "organizations",
                clientID: try text(clientID, "clientId"), username: try text(username, "username"),
                password: try secret(password, "password"), options: options)
        case .authorizationCode(let clientID, let code, let redirectURI, let clientSecret):
            return try AuthorizationCodeCredential(
                tenantID: try tenant(for: node, in: scope, required: true)!, clientID: try text(clientID, "clientId"),
                authorizationCode: try secret(code, "authorizationCode"),
                redirectURI: try text(redirectURI, "redirectUri"),
                clientSecret: try clientSecret.map { reference throws(ValueProblem) in
                    try secret(reference, "clientSecret")
                }, options: options)
        case .deviceCode(let clientID):
            return try DeviceCodeCredential(
                tenantID: try tenant(for: node, in: scope, required: false), clientID: try text(clientID, "clientId"),
                options: options, prompt: self.options.deviceCodePrompt)
        case .interactiveBrowser(let settings):
            return try interactiveBrowser(settings, node: node, scope: scope, options: options)
        case .azureCli(let subscription):
            // az refuses --tenant with --subscription; a subscription implies its tenant.
            let subscription = try optionalText(subscription, "subscription")
            return try AzureCliCredential(
                tenantID: subscription == nil ? try tenant(for: node, in: scope, required: false) : nil,
                subscription: subscription,
                processTimeout: try linkTimeout(node) ?? .seconds(10), options: options)
        case .azureDeveloperCli:
            return try AzureDeveloperCliCredential(
                tenantID: try tenant(for: node, in: scope, required: false),
                processTimeout: try linkTimeout(node) ?? .seconds(10), options: options)
        case .azurePowerShell:
            return try AzurePowerShellCredential(
                tenantID: try tenant(for: node, in: scope, required: false),
                processTimeout: try linkTimeout(node) ?? .seconds(10), options: options)
        case .azurePipelines(let clientID, let serviceConnectionID, let systemAccessToken):
            return try AzurePipelinesCredential(
                tenantID: try tenant(for: node, in: scope, required: true)!, clientID: try text(clientID, "clientId"),
                serviceConnectionID: try text(serviceConnectionID, "serviceConnectionId"),
                systemAccessToken: try secret(systemAccessToken, "systemAccessToken"), options: options)
        case .default, .chain, .profile:
            preconditionFailure("the evaluator expands \(node.kind.rawValue) links itself")
        }
    }

    func identity(_ selector: ManagedIdentitySelector) throws(ValueProblem) -> ManagedIdentityID {
        switch selector {
        case .systemAssigned: .systemAssigned
        case .clientID(let value): .clientID(try text(value, "clientId"))
        case .resourceID(let value): .resourceID(try text(value, "resourceId"))
        case .objectID(let value): .objectID(try text(value, "objectId"))
        }
    }

    func flag(_ value: ProfileValue<Bool>, _ field: String) throws(ValueProblem) -> Bool {
        try resolver.flag(value, field: field).get().0
    }

    func linkTimeout(_ node: CredentialNode) throws(ValueProblem) -> Duration? {
        guard let timeout = node.timeout else { return nil }
        return try resolver.duration(timeout, field: "timeout").get().0
    }

    func load(_ certificate: CertificateSettings) throws -> ClientCertificate {
        let file = try path(certificate.path, "certificate.path", what: "certificate file")
        let keyFile = try certificate.keyPath.map { value throws(ValueProblem) in
            try path(value, "certificate.keyPath", what: "key file")
        }
        let password = try certificate.password.map { reference throws(ValueProblem) in
            try secret(reference, "certificatePassword")
        }
        let files = try CertificateFiles.read(path: file, keyPath: keyFile, format: certificate.format)
            .mapError(\.valueProblem).get()
        return try files.load(password: password)
    }

    func assertionProvider(_ source: AssertionSource) throws -> @Sendable () async throws -> Secret {
        switch source {
        case .reference(let reference):
            // Read at each use: assertion files are rotated by whoever writes them.
            let resolver = self.resolver
            _ = try resolver.secret(reference, field: "assertion").get()
            return { try resolver.secret(reference, field: "assertion").get() }
        case .command(let argv):
            return AssertionCommand(argv: argv, options: options, variables: resolver.variables).provider
        }
    }

    func authentication(_ client: ClientAuthenticationSettings) throws -> ClientAuthentication {
        switch client {
        case .secret(let reference):
            return .secret(try secret(reference, "clientSecret"))
        case .certificate(let certificate):
            return .certificate(
                ClientAssertionSigner(
                    certificate: try load(certificate),
                    sendCertificateChain: try flag(certificate.sendCertificateChain, "sendCertificateChain")))
        case .assertion(let source):
            return .assertion(try assertionProvider(source))
        }
    }

    func interactiveBrowser(
        _ settings: InteractiveBrowserSettings, node: CredentialNode, scope: LinkScope, options: CredentialOptions
    ) throws -> any TokenCredential {
        let port = try settings.port.map { value throws(ValueProblem) in
            try resolver.integer(value, field: "port").get().0
        }
        return try InteractiveBrowserCredential(
            tenantID: try tenant(for: node, in: scope, required: false),
            clientID: try text(settings.clientID, "clientId"),
            redirectPort: port ?? 0, loginHint: try optionalText(settings.loginHint, "loginHint"),
            brokerOptions: BrokerOptions(
                enabled: try flag(settings.brokerEnabled, "brokerEnabled"),
                useDefaultBrokerAccount: try flag(settings.useDefaultBrokerAccount, "useDefaultBrokerAccount"),
                legacyEnableMSAPassthrough: try flag(
                    settings.legacyEnableMsaPassthrough, "legacyEnableMsaPassthrough")),
            options: options)
    }
}
