extension GraphBuilder {
    /// What a credential node inherits from where it sits.
    struct NodeContext {
        let profile: String
        /// The cloud the profile authenticates in; a link's own tenant must live there too.
        let cloud: String
        let chainDefaults: (onUnavailable: ChainAction, onFailed: ChainAction)
        /// Whether the node is a link of a chain (where `onUnavailable`/`onFailed` mean something).
        var inChain = false
    }

    /// Builds a credential node, applying chain defaults and format defaults.
    ///
    /// `keyPath` writes the node's key path (`profiles.prod.credential.links[0]`) for diagnostics; it is only called
    /// when one is reported, so a file without problems never builds these strings.
    mutating func buildNode(
        _ value: Located<DecodedValue>, path: String, keyPath: () -> String, context: NodeContext
    ) -> CredentialNode? {
        guard case .credential(let credential) = value.value else { return nil }
        let object = credential.object
        var defaulted: [String] = []
        func action(_ key: String, _ fallback: ChainAction) -> ChainAction {
            object[key]?.literalText.flatMap(ChainAction.init(rawValue:)) ?? fallback
        }
        guard
            let settings = buildSettings(
                credential, path: path, keyPath: keyPath, context: context,
                defaulted: &defaulted)
        else { return nil }
        if !context.inChain {
            for key in ["onUnavailable", "onFailed"] where object.fields[key] != nil {
                report(
                    .policyOutsideChain,
                    "'\(key)' has no effect: this credential is not a link of a chain",
                    at: object.location(of: key), path: "\(keyPath()).\(key)",
                    hint: "make the credential a link of a `chain`, or remove '\(key)'")
            }
        }
        var allowed: [String]?
        if object["additionallyAllowedTenants"] != nil { allowed = strings(object["additionallyAllowedTenants"]) }
        let tenant = resolveTenant(object.fields["tenant"], path: "\(keyPath()).tenant")
        if case .declared(let declared)? = tenant, declared.cloud != context.cloud {
            report(
                .cloudMismatch,
                "this link's tenant '\(declared.name)' is in cloud '\(declared.cloud)' but profile '\(context.profile)' uses '\(context.cloud)'",
                at: object.location(of: "tenant"), path: "\(keyPath()).tenant",
                hint: "a link authenticates in its profile's cloud; move it to a profile in '\(declared.cloud)'",
                related: [RelatedLocation("tenant '\(declared.name)' declared here", at: declared.location)])
        }
        return CredentialNode(
            kind: credential.kind, location: value.location, path: path, label: object["label"]?.literalText,
            timeout: duration(object["timeout"]),
            onUnavailable: action("onUnavailable", context.chainDefaults.onUnavailable),
            onFailed: action("onFailed", context.chainDefaults.onFailed),
            tenant: tenant,
            additionallyAllowedTenants: allowed, settings: settings, defaultedFields: defaulted)
    }

    private mutating func buildSettings(
        _ credential: DecodedCredential, path: String, keyPath: () -> String, context: NodeContext,
        defaulted: inout [String]
    ) -> CredentialSettings? {
        let object = credential.object
        func text(_ key: String) -> ProfileValue<String>? { object[key]?.text }
        func secret(_ key: String) -> SecretReference? {
            if case .secret(let reference)? = object[key] { reference } else { nil }
        }
        func orDefault(
            _ key: String, _ fallback: ProfileValue<String>, into defaulted: inout [String]
        )
            -> ProfileValue<String>?
        {
            if object.fields[key] == nil {
                defaulted.append(key)
                return fallback
            }
            return text(key)
        }
        let cliClient = ProfileValue<String>.literal(FormatSpec.azureCLIClientID)
        switch credential.kind {
        case .environment: return .environment
        case .azureDeveloperCli: return .azureDeveloperCli
        case .azurePowerShell: return .azurePowerShell
        case .azureCli: return .azureCli(subscription: text("subscription"))
        case .workloadIdentity:
            let tokenFile = orDefault(
                "tokenFile", .environment(EnvironmentBinding(name: "AZURE_FEDERATED_TOKEN_FILE")),
                into: &defaulted)
            guard let clientID = text("clientId"), let tokenFile else { return nil }
            return .workloadIdentity(clientID: clientID, tokenFile: tokenFile)
        case .managedIdentity:
            if let id = text("clientId") { return .managedIdentity(.clientID(id)) }
            if let id = text("resourceId") { return .managedIdentity(.resourceID(id)) }
            if let id = text("objectId") { return .managedIdentity(.objectID(id)) }
            guard object.fields["clientId"] == nil, object.fields["resourceId"] == nil, object.fields["objectId"] == nil
            else { return nil }
            return .managedIdentity(.systemAssigned)
        case .clientSecret:
            guard let clientID = text("clientId"), let secret = secret("clientSecret") else { return nil }
            return .clientSecret(clientID: clientID, secret: secret)
        case .clientCertificate:
            guard let clientID = text("clientId"), let certificate = certificate(object) else { return nil }
            return .clientCertificate(clientID: clientID, certificate: certificate)
        case .clientAssertion:
            guard let clientID = text("clientId"), case .assertion(let source)? = object["assertion"] else {
                return nil
            }
            return .clientAssertion(clientID: clientID, assertion: source)
        case .onBehalfOf:
            guard let clientID = text("clientId"), let userAssertion = secret("userAssertion") else { return nil }
            let client: ClientAuthenticationSettings
            if let reference = secret("clientSecret") {
                client = .secret(reference)
            } else if let certificate = certificate(object) {
                client = .certificate(certificate)
            } else if case .assertion(let source)? = object["assertion"] {
                client = .assertion(source)
            } else {
                return nil
            }
            return .onBehalfOf(clientID: clientID, userAssertion: userAssertion, client: client)
        case .usernamePassword:
            guard let clientID = orDefault("clientId", cliClient, into: &defaulted), let username = text("username"),
                let password = secret("password")
            else { return nil }
            return .usernamePassword(clientID: clientID, username: username, password: password)
        case .authorizationCode:
            guard let clientID = text("clientId"), let code = secret("authorizationCode"),
                let redirect = text("redirectUri")
            else { return nil }
            return .authorizationCode(
                clientID: clientID, code: code, redirectURI: redirect,
                clientSecret: secret("clientSecret"))
        case .deviceCode:
            guard let clientID = orDefault("clientId", cliClient, into: &defaulted) else { return nil }
            return .deviceCode(clientID: clientID)
        case .interactiveBrowser:
            guard let clientID = orDefault("clientId", cliClient, into: &defaulted) else { return nil }
            let broker = object["broker"]?.object
            func flag(_ key: String) -> ProfileValue<Bool> {
                if case .boolean(let value)? = broker?[key] { value } else { .literal(false) }
            }
            return .interactiveBrowser(
                InteractiveBrowserSettings(
                    clientID: clientID, redirectURI: text("redirectUri"), port: port(object["port"]),
                    loginHint: text("loginHint"),
                    brokerEnabled: flag("enabled"), useDefaultBrokerAccount: flag("useDefaultBrokerAccount"),
                    legacyEnableMsaPassthrough: flag("legacyEnableMsaPassthrough")))
        case .azurePipelines:
            if object.fields["systemAccessToken"] == nil { defaulted.append("systemAccessToken") }
            guard let clientID = text("clientId"), let connection = text("serviceConnectionId") else { return nil }
            let token = secret("systemAccessToken") ?? .environment(name: "SYSTEM_ACCESSTOKEN")
            return .azurePipelines(clientID: clientID, serviceConnectionID: connection, systemAccessToken: token)
        case .default:
            var identity: ManagedIdentitySelector?
            if let id = text("managedIdentityClientId") { identity = .clientID(id) }
            if let id = text("managedIdentityResourceId") { identity = .resourceID(id) }
            let settings = DefaultCredentialSettings(
                managedIdentity: identity, workloadIdentityClientID: text("workloadIdentityClientId"),
                processTimeout: duration(object["processTimeout"]), credentials: object["credentials"]?.literalText,
                excluded: strings(object["exclude"]))
            if settings.members.isEmpty {
                report(
                    .emptyCollection, "this default credential has no members left after `credentials` and `exclude`",
                    at: object.location(of: "exclude"), path: "\(keyPath()).exclude",
                    hint: "exclude fewer members, or choose other `credentials`")
            }
            return .default(settings)
        case .chain:
            return buildChain(object, path: path, keyPath: keyPath, context: context)
        case .profile:
            guard let name = text("name")?.literal else { return nil }
            guard rawProfileIndex[name] != nil else {
                report(
                    .unknownProfile, "credential refers to unknown profile \(ShownValue.quoted(name))",
                    at: object.location(of: "name"),
                    path: "\(keyPath()).name",
                    hint: suggestions.hint(for: name, in: profileNames))
                return nil
            }
            return .profile(name: name)
        }
    }

    private mutating func buildChain(
        _ object: DecodedObject, path: String, keyPath: () -> String, context: NodeContext
    ) -> CredentialSettings? {
        guard case .list(let links)? = object["links"] else { return nil }
        let policy = object["policy"]?.object
        let defaults = (
            onUnavailable: policy?["onUnavailable"]?.literalText.flatMap(ChainAction.init(rawValue:)) ?? .next,
            onFailed: policy?["onFailed"]?.literalText.flatMap(ChainAction.init(rawValue:)) ?? .stop
        )
        let inner = NodeContext(
            profile: context.profile, cloud: context.cloud, chainDefaults: defaults, inChain: true)
        // Links that did not decode were reported; the chain keeps the rest so later rules still run.
        var nodes: [CredentialNode] = []
        for (index, link) in links.enumerated() {
            if let node = buildNode(
                link, path: "\(path)/links[\(index)]", keyPath: { "\(keyPath()).links[\(index)]" },
                context: inner)
            {
                nodes.append(node)
            }
        }
        return .chain(links: nodes, deadline: duration(object["deadline"]))
    }

    private func certificate(_ object: DecodedObject) -> CertificateSettings? {
        guard let material = object["certificate"]?.object, let path = material["path"]?.text else { return nil }
        var sendChain = ProfileValue<Bool>.literal(false)
        if case .boolean(let value)? = object["sendCertificateChain"] { sendChain = value }
        var password: SecretReference?
        if case .secret(let reference)? = object["certificatePassword"] { password = reference }
        return CertificateSettings(
            path: path, keyPath: material["key"]?.text,
            format: material["format"]?.literalText.flatMap(CertificateFormat.init(rawValue:)), password: password,
            sendCertificateChain: sendChain)
    }

    func port(_ value: DecodedValue?) -> ProfileValue<Int>? {
        if case .integer(let port)? = value { port } else { nil }
    }

    func duration(_ value: DecodedValue?) -> ProfileValue<Duration>? {
        if case .duration(let duration)? = value { duration } else { nil }
    }
}
