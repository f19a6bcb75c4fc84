// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// One credential of a validated profile: a link of a chain, a chain, or a reference to another profile.
///
/// A value type whose fields live in one immutable shared box: the graph checks and the warm path of a profile's
/// `getToken` hand nodes around by the thousand, and copying a node is then one retain instead of one per field.
public struct CredentialNode: Sendable {
    /// The node's fields, never changed after the node is built.
    private final class Storage: Sendable {
        let kind: CredentialKind
        let definition: KindDefinition
        let location: SourceLocation
        let path: String
        let label: String?
        let timeout: ProfileValue<Duration>?
        let onUnavailable: ChainAction
        let onFailed: ChainAction
        let tenant: TenantBinding?
        let additionallyAllowedTenants: [String]?
        let settings: any KindSettings
        let links: [CredentialNode]
        let referencedProfile: String?
        let defaultedFields: [String]

        init(
            kind: CredentialKind, definition: KindDefinition, location: SourceLocation, path: String,
            label: String?, timeout: ProfileValue<Duration>?, onUnavailable: ChainAction, onFailed: ChainAction,
            tenant: TenantBinding?, additionallyAllowedTenants: [String]?, settings: any KindSettings,
            links: [CredentialNode], referencedProfile: String?, defaultedFields: [String]
        ) {
            self.kind = kind
            self.definition = definition
            self.location = location
            self.path = path
            self.label = label
            self.timeout = timeout
            self.onUnavailable = onUnavailable
            self.onFailed = onFailed
            self.tenant = tenant
            self.additionallyAllowedTenants = additionallyAllowedTenants
            self.settings = settings
            self.links = links
            self.referencedProfile = referencedProfile
            self.defaultedFields = defaultedFields
        }
    }

    private let storage: Storage

    init(
        kind: CredentialKind, definition: KindDefinition, location: SourceLocation, path: String, label: String?,
        timeout: ProfileValue<Duration>?, onUnavailable: ChainAction, onFailed: ChainAction, tenant: TenantBinding?,
        additionallyAllowedTenants: [String]?, settings: any KindSettings, links: [CredentialNode],
        referencedProfile: String?, defaultedFields: [String]
    ) {
        storage = Storage(
            kind: kind, definition: definition, location: location, path: path, label: label, timeout: timeout,
            onUnavailable: onUnavailable, onFailed: onFailed, tenant: tenant,
            additionallyAllowedTenants: additionallyAllowedTenants, settings: settings, links: links,
            referencedProfile: referencedProfile, defaultedFields: defaultedFields)
    }

    /// The kind of credential.
    public var kind: CredentialKind { storage.kind }
    /// The kind's definition, looked up once when the node is built: the warm path of a profile's `getToken`, the
    /// production policy and the chain checks ask it per node (``CredentialKind/definition`` is a lookup by name).
    package var definition: KindDefinition { storage.definition }
    /// The kind's category (from ``definition``).
    package var category: CredentialKind.Category { storage.definition.category }
    /// Where the credential's mapping starts.
    public var location: SourceLocation { storage.location }
    /// Its place in the profile, such as `prod/credential/links[2]`.
    public var path: String { storage.path }
    /// The link's label, if any.
    public var label: String? { storage.label }
    /// How long this link may take.
    public var timeout: ProfileValue<Duration>? { storage.timeout }
    /// What the enclosing chain does when this link cannot run (defaults applied).
    public var onUnavailable: ChainAction { storage.onUnavailable }
    /// What the enclosing chain does when this link ran and was refused (defaults applied).
    public var onFailed: ChainAction { storage.onFailed }
    /// The tenant for this link only, when it overrides the profile's.
    public var tenant: TenantBinding? { storage.tenant }
    /// Other tenants for this link only, when it overrides the profile's.
    public var additionallyAllowedTenants: [String]? { storage.additionallyAllowedTenants }
    /// The kind's settings: the ``KindSettings`` value its definition made (`ChainSettings` for a chain, …).
    package var settings: any KindSettings { storage.settings }
    /// A chain's links, in order; none for any other kind. Kept typed on the node (not cast out of `settings`
    /// each time): the graph checks walk every node's links.
    public var links: [CredentialNode] { storage.links }
    /// The profile a `profile` link refers to.
    public var referencedProfile: String? { storage.referencedProfile }
    /// Fields the profile did not write whose format defaults were applied (for `--blame`).
    public var defaultedFields: [String] { storage.defaultedFields }

    /// `path:kind`, as errors and traces name a link: `prod/credential/links[2]:managedIdentity`.
    public var displayName: String { "\(path):\(kind.rawValue)" }
}
