// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

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
                default: .value("false")),
            FieldSpec("caBundle", .path, "A PEM file of extra certificate authorities to trust for this cloud."),
            FieldSpec("description", .text, "What the cloud is."),
        ])

    static let tenant = ObjectSpec(
        "tenant",
        fields: [
            FieldSpec("id", .tenantID, required: true, "The tenant id: a GUID or a verified domain."),
            FieldSpec("cloud", .cloudReference, "The cloud the tenant lives in.", default: .value("public")),
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
            FieldSpec(
                "cloud", .cloudReference, "The cloud, when the tenant does not decide it.", default: .value("public")),
            FieldSpec(
                "additionallyAllowedTenants", .list(.allowedTenant),
                "Other tenants a request may name; `*` allows any."),
            FieldSpec("credential", .credential, "The credential, or a `chain` of them."),
            FieldSpec(
                "cache", .object(tokenCache),
                "Keep the profile's tokens on disk too, for later processes (all of `cache:` is inherited together).",
                default: .described("tokens in memory only")),
        ])

    /// The fields of a profile's `cache` object.
    enum TokenCacheField {
        static let persistent = FieldSpec(
            "persistent", .boolean, literal: true, "Keep tokens in the persistent (on-disk) token cache.",
            default: .value("false"))
        static let name = FieldSpec(
            "name", .name, literal: true,
            "The cache's name (its file is `<name>.cache`); profiles that name the "
                + "same cache share its tokens.", default: .value("authprofile"))
        static let allowUnencryptedStorage = FieldSpec(
            "allowUnencryptedStorage", .boolean, literal: true,
            "Where no key store can hold the encryption key (the kernel keyring is forbidden), store the cache "
                + "unencrypted (mode 0600) rather than not at all.", default: .value("false"))
    }

    static let tokenCache = ObjectSpec(
        "token cache",
        fields: [TokenCacheField.persistent, TokenCacheField.name, TokenCacheField.allowUnencryptedStorage])

    static let certificate = ObjectSpec(
        "certificate",
        fields: [CertificateSettings.Field.path, CertificateSettings.Field.key, CertificateSettings.Field.format])

    static let broker = ObjectSpec(
        "broker",
        fields: [
            InteractiveBrowserSettings.BrokerField.enabled,
            InteractiveBrowserSettings.BrokerField.useDefaultBrokerAccount,
            InteractiveBrowserSettings.BrokerField.legacyEnableMsaPassthrough,
        ])

    /// The fields of a chain's `policy` object.
    enum PolicyField {
        static let onUnavailable = FieldSpec(
            "onUnavailable", .choice(ChainAction.allCases.map(\.rawValue)),
            "What the chain does when a link cannot run here.", default: .value(ChainAction.next.rawValue))
        static let onFailed = FieldSpec(
            "onFailed", .choice(ChainAction.allCases.map(\.rawValue)),
            "What the chain does when a link ran and was refused.", default: .value(ChainAction.stop.rawValue))
    }

    static let chainPolicy = ObjectSpec("chain policy", fields: [PolicyField.onUnavailable, PolicyField.onFailed])

    /// How long a link may take when neither it nor its chain says (links that wait on a person excepted).
    package static let standardLinkTimeout: Duration = .seconds(30)
    /// How long a chain may take when it does not say: two links at their default timeout.
    package static let standardChainDeadline: Duration = .seconds(60)

    /// The fields every credential has.
    static let commonFields: [FieldSpec] = [
        FieldSpec(
            "type", .choice(CredentialKind.allCases.map(\.rawValue)), required: true, "The kind of credential.",
            typeName: "one of the kinds below"),
        FieldSpec("label", .text, literal: true, "A name for this link in traces and `--expect`."),
        FieldSpec(
            "timeout", .duration, "How long this link may take.",
            default: .described(
                ProfileDuration.format(standardLinkTimeout) + " (none for "
                    + KindRegistry.definitions.filter { $0.category == .interactive }.map { "`\($0.kind)`" }
                    .joined(separator: " and ") + ")")),
        FieldSpec(
            "onUnavailable", .choice(ChainAction.allCases.map(\.rawValue)),
            "In a chain: what happens when this link cannot run here.", default: .described("the chain's policy")),
        FieldSpec(
            "onFailed", .choice(ChainAction.allCases.map(\.rawValue)),
            "In a chain: what happens when this link ran and was refused.", default: .described("the chain's policy")),
    ]

    static let tenantFields: [FieldSpec] = tenantFields(variable: nil)

    /// The tenant fields of a kind that reads its tenant from `variable` when neither the link nor its profile gives
    /// one (``KindDefinition/tenantVariable``), or of every other kind.
    static func tenantFields(variable: String?) -> [FieldSpec] {
        [
            FieldSpec(
                "tenant", .tenantReference,
                "The tenant for this link only."
                    + (variable.map { " Without one here or in the profile, `{env: \($0)}`." } ?? ""),
                default: .described("the profile's tenant" + (variable.map { ", else `{env: \($0)}`" } ?? ""))),
            FieldSpec(
                "additionallyAllowedTenants", .list(.allowedTenant),
                "Other tenants this link may request tokens for.", default: .described("the profile's list")),
        ]
    }

    static let credentialSpecs: [CredentialKind: ObjectSpec] = {
        var specs: [CredentialKind: ObjectSpec] = [:]
        for definition in KindRegistry.definitions {
            let tenant = definition.tenant.applies ? tenantFields(variable: definition.tenantVariable) : []
            let fields = commonFields + tenant + definition.fields
            specs[definition.kind] = ObjectSpec(
                "\(definition.kind.rawValue) credential", fields: fields,
                atMostOne: definition.atMostOne, exactlyOne: definition.exactlyOne)
        }
        return specs
    }()

    /// The spec of a kind's credential mapping: the common fields, the tenant fields if it uses a tenant, its own.
    static func credential(_ kind: CredentialKind) -> ObjectSpec {
        credentialSpecs[kind] ?? ObjectSpec("\(kind.rawValue) credential", fields: commonFields)
    }

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
