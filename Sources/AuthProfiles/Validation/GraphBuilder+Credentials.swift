// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

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
        _ value: Located<DecodedValue>, path: String, keyPath: @escaping () -> String, context: NodeContext
    ) -> CredentialNode? {
        guard case .credential(let credential) = value.value else { return nil }
        let object = credential.object
        var defaulted: [String] = []
        func action(_ key: String, _ fallback: ChainAction) -> ChainAction {
            object[key]?.literalText.flatMap(ChainAction.init(rawValue:)) ?? fallback
        }
        let definition = credential.kind.definition
        guard
            let settings = buildSettings(
                credential, definition: definition, path: path, keyPath: keyPath, context: context,
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
        let composite = definition.category == .composite
        return CredentialNode(
            kind: credential.kind, definition: definition, location: value.location, path: path,
            label: object["label"]?.literalText,
            timeout: duration(object["timeout"]),
            onUnavailable: action("onUnavailable", context.chainDefaults.onUnavailable),
            onFailed: action("onFailed", context.chainDefaults.onFailed),
            tenant: tenant,
            additionallyAllowedTenants: allowed, settings: settings,
            // Only composite kinds (chain, profile, default) have links or a reference: a leaf pays no failed cast.
            links: composite ? (settings as? ChainSettings)?.links ?? [] : [],
            referencedProfile: composite ? (settings as? ProfileReferenceSettings)?.name : nil,
            defaultedFields: defaulted)
    }

    /// The kind's settings, made by its definition.
    private mutating func buildSettings(
        _ credential: DecodedCredential, definition: KindDefinition, path: String, keyPath: @escaping () -> String,
        context: NodeContext, defaulted: inout [String]
    ) -> (any KindSettings)? {
        var reader = KindReader(object: credential.object, path: path, keyPath: keyPath, context: context)
        let settings = definition.build(&reader, &self)
        defaulted += reader.defaulted
        return settings
    }

    func duration(_ value: DecodedValue?) -> ProfileValue<Duration>? {
        if case .duration(let duration)? = value { duration } else { nil }
    }
}
