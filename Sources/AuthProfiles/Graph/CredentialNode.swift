/// One credential of a validated profile: a link of a chain, a chain, or a reference to another profile.
public struct CredentialNode: Sendable {
    /// The kind of credential.
    public let kind: CredentialKind
    /// The kind's category, read from its definition once when the node is built: the warm path of a profile's
    /// `getToken` and the production policy ask it per node and per call, and ``CredentialKind/category`` is a
    /// registry lookup by name.
    package let category: CredentialKind.Category
    /// Where the credential's mapping starts.
    public let location: SourceLocation
    /// Its place in the profile, such as `prod/credential/links[2]`.
    public let path: String
    /// The link's label, if any.
    public let label: String?
    /// How long this link may take.
    public let timeout: ProfileValue<Duration>?
    /// What the enclosing chain does when this link cannot run (defaults applied).
    public let onUnavailable: ChainAction
    /// What the enclosing chain does when this link ran and was refused (defaults applied).
    public let onFailed: ChainAction
    /// The tenant for this link only, when it overrides the profile's.
    public let tenant: TenantBinding?
    /// Other tenants for this link only, when it overrides the profile's.
    public let additionallyAllowedTenants: [String]?
    /// The kind's settings: the ``KindSettings`` value its definition made (`ChainSettings` for a chain, …).
    package let settings: any KindSettings
    /// Fields the profile did not write whose format defaults were applied (for `--blame`).
    public let defaultedFields: [String]

    /// `path:kind`, as errors and traces name a link: `prod/credential/links[2]:managedIdentity`.
    public var displayName: String { "\(path):\(kind.rawValue)" }
}

extension CredentialNode {
    /// A chain's links, in order; none for any other kind.
    public var links: [CredentialNode] { (settings as? ChainSettings)?.links ?? [] }

    /// The profile a `profile` link refers to.
    public var referencedProfile: String? { (settings as? ProfileReferenceSettings)?.name }
}
