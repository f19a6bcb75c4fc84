/// The profile format, version 1, as data: every object, field and rule between fields.
enum FormatSpec {
    static let supportedVersion = 1

    static let document = ObjectSpec(
        "profile file",
        fields: [
            FieldSpec("$schema", .text, "The JSON Schema editors use to complete and check the file."),
            FieldSpec("version", .version, required: true, "The format version; must be 1."),
            FieldSpec("description", .text, "What the file is for."),
            FieldSpec(
                "clouds", .namedMap(.object(cloud)),
                "Custom clouds by name. `public`, `usgov` and `china` are built in."),
            FieldSpec("tenants", .namedMap(.object(tenant)), "Entra ID tenants by name."),
            FieldSpec(
                "profiles", .namedMap(.object(profile)), required: true, nonEmpty: true, "Credential profiles by name."),
        ])

    static let cloud = ObjectSpec(
        "cloud",
        fields: [
            FieldSpec("authorityHost", .authorityHost, required: true, "The Entra ID authority host, an https URL."),
            FieldSpec(
                "allowLoopback", .boolean, literal: true,
                "Allow a loopback authority host (127.0.0.1, ::1, localhost), for local test servers.",
                default: "false"),
            FieldSpec("caBundle", .path, "A PEM file of extra certificate authorities to trust for this cloud."),
            FieldSpec("description", .text, "What the cloud is."),
        ])

    static let tenant = ObjectSpec(
        "tenant",
        fields: [
            FieldSpec("id", .tenantID, required: true, "The tenant id: a GUID or a verified domain."),
            FieldSpec("cloud", .cloudReference, "The cloud the tenant lives in.", default: "public"),
            FieldSpec(
                "additionallyAllowed", .list(.allowedTenant),
                "Other tenants a request may name; `*` allows any."),
            FieldSpec("description", .text, "What the tenant is."),
        ])

    static let profile = ObjectSpec(
        "profile",
        fields: [
            FieldSpec("description", .text, "What the profile is for."),
            FieldSpec(
                "extends", .profileReference,
                "A profile to inherit tenant, cloud, environment and credential from."),
            FieldSpec(
                "environment", .choice(DeploymentEnvironment.allCases.map(\.rawValue)),
                "Where the profile runs; `production` forbids developer and interactive credentials."),
            FieldSpec("tenant", .tenantReference, "A declared tenant's name, a tenant id, or `{env: NAME}`."),
            FieldSpec("cloud", .cloudReference, "The cloud, when the tenant does not decide it.", default: "public"),
            FieldSpec(
                "additionallyAllowedTenants", .list(.allowedTenant),
                "Other tenants a request may name; `*` allows any."),
            FieldSpec("credential", .credential, "The credential, or a `chain` of them."),
        ])

    static let certificate = ObjectSpec(
        "certificate",
        fields: [
            FieldSpec("path", .path, required: true, "A PEM file (certificate and key) or a PKCS#12 (.pfx/.p12) file."),
            FieldSpec("key", .path, "A separate PEM file holding the private key."),
            FieldSpec(
                "format", .choice(["pem", "pfx"]), "The file format.",
                default: "PEM with `key`; else from the content"),
        ])

    static let broker = ObjectSpec(
        "broker",
        fields: [
            FieldSpec("enabled", .boolean, "Use the operating system's authentication broker.", default: "false"),
            FieldSpec("useDefaultBrokerAccount", .boolean, "Try the broker's default account first.", default: "false"),
            FieldSpec(
                "legacyEnableMsaPassthrough", .boolean, "Allow personal Microsoft accounts via passthrough.",
                default: "false"),
        ])

    static let chainPolicy = ObjectSpec(
        "chain policy",
        fields: [
            FieldSpec(
                "onUnavailable", .choice(ChainAction.allCases.map(\.rawValue)),
                "What the chain does when a link cannot run here.", default: "next"),
            FieldSpec(
                "onFailed", .choice(ChainAction.allCases.map(\.rawValue)),
                "What the chain does when a link ran and was refused.", default: "stop"),
        ])

    static let dacMembers = [
        "environment", "workloadIdentity", "managedIdentity", "azureCli", "azurePowerShell",
        "azureDeveloperCli",
    ]

    /// The fields every credential has.
    static let commonFields: [FieldSpec] = [
        FieldSpec("type", .choice(CredentialKind.allCases.map(\.rawValue)), required: true, "The kind of credential."),
        FieldSpec("label", .text, literal: true, "A name for this link in traces and `--expect`."),
        FieldSpec("timeout", .duration, "How long this link may take."),
        FieldSpec(
            "onUnavailable", .choice(ChainAction.allCases.map(\.rawValue)),
            "In a chain: what happens when this link cannot run here.", default: "the chain's policy"),
        FieldSpec(
            "onFailed", .choice(ChainAction.allCases.map(\.rawValue)),
            "In a chain: what happens when this link ran and was refused.", default: "the chain's policy"),
    ]

    static let tenantFields: [FieldSpec] = [
        FieldSpec("tenant", .tenantReference, "The tenant for this link only.", default: "the profile's tenant"),
        FieldSpec(
            "additionallyAllowedTenants", .list(.allowedTenant),
            "Other tenants this link may request tokens for.", default: "the profile's list"),
    ]

    static let credentialSpecs: [CredentialKind: ObjectSpec] = {
        var specs: [CredentialKind: ObjectSpec] = [:]
        for kind in CredentialKind.allCases {
            let own = ownFields(of: kind)
            let fields = commonFields + (kind.usesTenant ? tenantFields : []) + own.fields
            specs[kind] = ObjectSpec(
                "\(kind.rawValue) credential", fields: fields,
                atMostOne: own.atMostOne, exactlyOne: own.exactlyOne)
        }
        return specs
    }()

    static func credential(_ kind: CredentialKind) -> ObjectSpec { credentialSpecs[kind]! }

    /// The names of every field that holds or references a secret, in any credential.
    static let secretFieldNames: [String] = {
        var names: [String] = []
        for kind in CredentialKind.allCases {
            for field in credential(kind).fields where field.type.isSecretPlace && !names.contains(field.name) {
                names.append(field.name)
            }
        }
        return names
    }()
}
