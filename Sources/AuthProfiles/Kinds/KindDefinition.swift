// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// Everything the profile language knows about one kind of credential, written once in the kind's file
/// (`Kinds/<Kind>Kind.swift`) and registered in ``KindRegistry``.
///
/// The format spec, the decoder, the JSON Schema, the documentation tables, the production policy and the graph
/// builder all read it; the runtime binds and the dry run inspects the ``KindSettings`` its `build` makes, side by
/// side in one file per kind (`AuthProfilesRuntime/Kinds`).
package final class KindDefinition: Sendable {
    /// The kind.
    package let kind: CredentialKind
    /// The Azure Identity class it corresponds to.
    package let azureIdentityName: String
    /// Who it suits; decides the production policy.
    package let category: CredentialKind.Category
    /// Whether it authenticates in a tenant, and whether it needs one.
    package let tenant: TenantRule
    /// Its own fields, after the common ones (and the tenant fields when it uses a tenant), as typed keys.
    let fields: [FieldSpec]
    /// Groups of its fields of which at most one may be set.
    let atMostOne: [[String]]
    /// Groups of its fields of which exactly one must be set.
    let exactlyOne: [[String]]
    /// The environment variables that configure its identity without a profile binding (Azure Identity reads them
    /// implicitly), in documentation order. `explain` reports those that are set but that no link of the profile
    /// reads: another tool would pick that identity up.
    package let identityVariables: [String]
    /// Whether the environment is the kind's configuration down to its authority: in a profile that names no cloud,
    /// a link of this kind authenticates against `AZURE_AUTHORITY_HOST` when it is set, as its Azure Identity
    /// counterpart does (`environment`, `workloadIdentity`, `default`). Every other kind uses the profile's cloud.
    package let readsAuthorityHostVariable: Bool
    /// The variable the kind reads its tenant from when neither the link nor its profile gives one, as its Azure
    /// Identity counterpart does (`AZURE_TENANT_ID` for `workloadIdentity`); the documented default of its `tenant`.
    package let tenantVariable: String?
    /// Why the kind should not be used, when Microsoft deprecated it: every use is a warning (`AP502`).
    let deprecation: Deprecation?
    /// Makes the kind's settings from a decoded credential; `nil` when a field did not decode (already reported).
    let build: @Sendable (inout KindReader, inout GraphBuilder) -> (any KindSettings)?

    init(
        _ kind: CredentialKind, azureIdentityName: String, category: CredentialKind.Category, tenant: TenantRule,
        fields: [FieldSpec] = [], atMostOne: [[String]] = [], exactlyOne: [[String]] = [],
        identityVariables: [String] = [], readsAuthorityHostVariable: Bool = false, tenantVariable: String? = nil,
        deprecation: Deprecation? = nil,
        build: @escaping @Sendable (inout KindReader, inout GraphBuilder) -> (any KindSettings)?
    ) {
        self.kind = kind
        self.azureIdentityName = azureIdentityName
        self.category = category
        self.tenant = tenant
        self.fields = fields
        self.atMostOne = atMostOne
        self.exactlyOne = exactlyOne
        self.identityVariables = identityVariables
        self.readsAuthorityHostVariable = readsAuthorityHostVariable
        self.tenantVariable = tenantVariable
        self.deprecation = deprecation
        self.build = build
    }

    /// Whether a link of this kind leads to other credentials (`chain`, `profile`, `default`) rather than being one.
    package var isComposite: Bool { category == .composite }
}

/// Why a kind is deprecated, and what to use instead.
struct Deprecation: Sendable {
    /// The warning.
    let message: String
    /// What to use instead.
    let hint: String
}

/// Whether a kind sends its requests to an Entra ID tenant, so that a per-link `tenant` applies, and whether it
/// cannot run without one.
package enum TenantRule: Sendable, Hashable {
    /// It has no tenant of its own: the environment, the managed identity or its links decide.
    case none
    /// It uses the profile's or link's tenant when there is one, and a default authority otherwise.
    case optional
    /// It cannot run without a tenant.
    case required

    /// Whether the kind has the `tenant` and `additionallyAllowedTenants` fields.
    package var applies: Bool { self != .none }
}

/// The settings a kind's definition makes from a profile: one value type per kind, declared in the kind's file.
///
/// The runtime gives leaf kinds' settings their binding and inspection (`AuthProfilesRuntime/Kinds`).
package protocol KindSettings: Sendable {
    /// The literal files this credential reads secrets from, for `validate`'s permission check (`AP506`).
    var secretFiles: [SecretFileReference] { get }
}

extension KindSettings {
    /// None, unless a kind says otherwise.
    package var secretFiles: [SecretFileReference] { [] }
}

/// A file a credential reads a secret from: the field that names it, the path as written, and what it holds.
package struct SecretFileReference: Sendable, Hashable {
    /// The field, such as `clientSecret` or `certificate.key`.
    package let field: String
    /// The path as the profile writes it.
    package let path: String
    /// What the file holds, for the message: `secret file`, `unencrypted private key file`.
    package let what: String

    /// The file a `{file: …}` secret names, if it names one.
    static func secret(_ reference: SecretReference?, field: String) -> [SecretFileReference] {
        guard case .file(let path)? = reference else { return [] }
        return [SecretFileReference(field: field, path: path, what: "secret file")]
    }
}
