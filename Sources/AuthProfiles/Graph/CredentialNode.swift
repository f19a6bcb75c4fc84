/// One credential of a validated profile: a link of a chain, a chain, or a reference to another profile.
public struct CredentialNode: Sendable {
    /// The kind of credential.
    public let kind: CredentialKind
    /// The kind's definition, looked up once when the node is built: the warm path of a profile's `getToken`, the
    /// production policy and the chain checks ask it per node (``CredentialKind/definition`` is a lookup by name).
    package let definition: KindDefinition
    /// The kind's category (from ``definition``).
    package var category: CredentialKind.Category { definition.category }
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
    /// A chain's links, in order; none for any other kind. Kept typed on the node (not cast out of `settings`
    /// each time): the graph checks walk every node's links.
    public let links: [CredentialNode]
    /// The profile a `profile` link refers to.
    public let referencedProfile: String?
    /// Fields the profile did not write whose format defaults were applied (for `--blame`).
    public let defaultedFields: [String]

    /// `path:kind`, as errors and traces name a link: `prod/credential/links[2]:managedIdentity`.
    public var displayName: String { "\(path):\(kind.rawValue)" }
}
