/// Every kind of credential a profile can declare: one per Azure Identity credential, plus `chain`
/// and `profile` for composing them.
public enum CredentialKind: String, Sendable, Hashable, CaseIterable, Codable {
    case environment
    case workloadIdentity
    case managedIdentity
    case clientSecret
    case clientCertificate
    case clientAssertion
    case onBehalfOf
    case usernamePassword
    case authorizationCode
    case deviceCode
    case interactiveBrowser
    case azureCli
    case azureDeveloperCli
    case azurePowerShell
    case azurePipelines
    case `default`
    case chain
    case profile

    /// What kind of caller a credential suits, which decides where policy lets it run.
    public enum Category: String, Sendable, Hashable {
        /// Runs unattended in a deployed service (secrets, certificates, federation, managed identity).
        case deployed
        /// Uses a developer tool's signed-in account (`az`, `azd`, `pwsh`).
        case developerTool
        /// Needs a person at a browser or a device-code prompt.
        case interactive
        /// Signs in a user with credentials the profile references.
        case user
        /// Composes other credentials.
        case composite
    }

    /// The kind's category.
    public var category: Category {
        switch self {
        case .environment, .workloadIdentity, .managedIdentity, .clientSecret, .clientCertificate, .clientAssertion,
            .onBehalfOf, .azurePipelines:
            .deployed
        case .azureCli, .azureDeveloperCli, .azurePowerShell: .developerTool
        case .deviceCode, .interactiveBrowser: .interactive
        case .usernamePassword, .authorizationCode: .user
        case .default, .chain, .profile: .composite
        }
    }

    /// Whether the kind sends its requests to an Entra ID tenant, so a per-link `tenant` applies.
    var usesTenant: Bool {
        switch self {
        case .environment, .managedIdentity, .chain, .profile: false
        default: true
        }
    }

    /// The Azure Identity class the kind corresponds to, for documentation.
    public var azureIdentityName: String {
        switch self {
        case .environment: "EnvironmentCredential"
        case .workloadIdentity: "WorkloadIdentityCredential"
        case .managedIdentity: "ManagedIdentityCredential"
        case .clientSecret: "ClientSecretCredential"
        case .clientCertificate: "ClientCertificateCredential"
        case .clientAssertion: "ClientAssertionCredential"
        case .onBehalfOf: "OnBehalfOfCredential"
        case .usernamePassword: "UsernamePasswordCredential"
        case .authorizationCode: "AuthorizationCodeCredential"
        case .deviceCode: "DeviceCodeCredential"
        case .interactiveBrowser: "InteractiveBrowserCredential"
        case .azureCli: "AzureCliCredential"
        case .azureDeveloperCli: "AzureDeveloperCliCredential"
        case .azurePowerShell: "AzurePowerShellCredential"
        case .azurePipelines: "AzurePipelinesCredential"
        case .default: "DefaultAzureCredential"
        case .chain: "ChainedTokenCredential"
        case .profile: "(a reference to another profile)"
        }
    }
}

/// What a chain does after a link's outcome.
public enum ChainAction: String, Sendable, Hashable, CaseIterable, Codable {
    /// Try the next link.
    case next
    /// End the chain with this link's error.
    case stop
}

/// The deployment environment a profile declares; `production` turns on the production policy.
public enum DeploymentEnvironment: String, Sendable, Hashable, CaseIterable, Codable {
    case production
    case staging
    case development
    case test
}
