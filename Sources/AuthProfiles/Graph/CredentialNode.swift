/// One credential of a validated profile: a link of a chain, a chain, or a reference to another profile.
public struct CredentialNode: Sendable {
    /// The kind of credential.
    public let kind: CredentialKind
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
    /// The kind-specific settings.
    public let settings: CredentialSettings
    /// Fields the profile did not write whose format defaults were applied (for `--blame`).
    public let defaultedFields: [String]

    /// `path:kind`, as errors and traces name a link: `prod/credential/links[2]:managedIdentity`.
    public var displayName: String { "\(path):\(kind.rawValue)" }
}

/// The settings of each kind of credential.
public indirect enum CredentialSettings: Sendable {
    case environment
    case workloadIdentity(clientID: ProfileValue<String>, tokenFile: ProfileValue<String>)
    case managedIdentity(ManagedIdentitySelector)
    case clientSecret(clientID: ProfileValue<String>, secret: SecretReference)
    case clientCertificate(clientID: ProfileValue<String>, certificate: CertificateSettings)
    case clientAssertion(clientID: ProfileValue<String>, assertion: AssertionSource)
    case onBehalfOf(
        clientID: ProfileValue<String>, userAssertion: SecretReference, client: ClientAuthenticationSettings)
    case usernamePassword(clientID: ProfileValue<String>, username: ProfileValue<String>, password: SecretReference)
    case authorizationCode(
        clientID: ProfileValue<String>, code: SecretReference, redirectURI: ProfileValue<String>,
        clientSecret: SecretReference?)
    case deviceCode(clientID: ProfileValue<String>)
    case interactiveBrowser(InteractiveBrowserSettings)
    case azureCli(subscription: ProfileValue<String>?)
    case azureDeveloperCli
    case azurePowerShell
    case azurePipelines(
        clientID: ProfileValue<String>, serviceConnectionID: ProfileValue<String>, systemAccessToken: SecretReference)
    case `default`(DefaultCredentialSettings)
    case chain(links: [CredentialNode], deadline: ProfileValue<Duration>?)
    case profile(name: String)
}

/// Which managed identity to use.
public enum ManagedIdentitySelector: Sendable, Hashable {
    case systemAssigned
    case clientID(ProfileValue<String>)
    case resourceID(ProfileValue<String>)
    case objectID(ProfileValue<String>)
}

/// A certificate credential's material.
public struct CertificateSettings: Sendable, Hashable {
    /// The certificate file (PEM with key, or PKCS#12).
    public let path: ProfileValue<String>
    /// A separate PEM key file.
    public let keyPath: ProfileValue<String>?
    /// The file format, when written; otherwise decided by the file extension.
    public let format: CertificateFormat?
    /// The password of an encrypted key or PKCS#12 file.
    public let password: SecretReference?
    /// Whether to send the chain (x5c).
    public let sendCertificateChain: ProfileValue<Bool>
}

/// Certificate file formats.
public enum CertificateFormat: String, Sendable, Hashable, Codable {
    case pem, pfx
}

/// How an on-behalf-of application authenticates itself.
public enum ClientAuthenticationSettings: Sendable, Hashable {
    case secret(SecretReference)
    case certificate(CertificateSettings)
    case assertion(AssertionSource)
}

/// Interactive browser options.
public struct InteractiveBrowserSettings: Sendable, Hashable {
    /// The application (client) id.
    public let clientID: ProfileValue<String>
    /// The loopback redirect URI registered for the application, when it is not the default.
    public let redirectURI: ProfileValue<String>?
    /// The loopback port to listen on; any free port when unset.
    public let port: ProfileValue<Int>?
    /// The account to pre-fill at sign-in.
    public let loginHint: ProfileValue<String>?
    /// Whether to sign in through the identity broker.
    public let brokerEnabled: ProfileValue<Bool>
    /// Whether the broker may use the signed-in account without asking.
    public let useDefaultBrokerAccount: ProfileValue<Bool>
    /// Whether the broker passes Microsoft accounts through (first-party applications only).
    public let legacyEnableMsaPassthrough: ProfileValue<Bool>
}

/// DefaultAzureCredential options.
public struct DefaultCredentialSettings: Sendable, Hashable {
    /// The user-assigned managed identity for the managed identity member; system-assigned when unset.
    public let managedIdentity: ManagedIdentitySelector?
    /// The client id for the workload identity member, instead of `AZURE_CLIENT_ID`.
    public let workloadIdentityClientID: ProfileValue<String>?
    /// How long each developer tool may run.
    public let processTimeout: ProfileValue<Duration>?
    /// `dev`, `prod` or one member's name, as `AZURE_TOKEN_CREDENTIALS` takes them; `nil` for all.
    public let credentials: String?
    /// Members left out.
    public let excluded: [String]

    /// The members that can run, in order.
    public var members: [String] {
        let all = FormatSpec.dacMembers
        let selected: [String]
        switch credentials {
        case nil: selected = all
        case "dev": selected = ["azureCli", "azurePowerShell", "azureDeveloperCli"]
        case "prod": selected = ["environment", "workloadIdentity", "managedIdentity"]
        case let name?: selected = [name]
        }
        return selected.filter { !excluded.contains($0) }
    }
}
