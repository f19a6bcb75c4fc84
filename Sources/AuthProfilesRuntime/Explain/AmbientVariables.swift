/// The Azure variables that credentials reading the environment directly would pick up, and which of them a
/// profile reads. A variable that is set but not read is the "wrong identity picked up" class of bug waiting to
/// happen (or already happening in another tool): explain reports it.
enum AmbientVariables {
    /// Every variable explain looks for.
    static let all = [
        "AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET", "AZURE_CLIENT_CERTIFICATE_PATH",
        "AZURE_CLIENT_CERTIFICATE_PASSWORD", "AZURE_CLIENT_SEND_CERTIFICATE_CHAIN", "AZURE_USERNAME", "AZURE_PASSWORD",
        "AZURE_FEDERATED_TOKEN_FILE", "AZURE_AUTHORITY_HOST", "AZURE_ADDITIONALLY_ALLOWED_TENANTS",
        "AZURE_TOKEN_CREDENTIALS", "IDENTITY_ENDPOINT", "IDENTITY_HEADER", "MSI_ENDPOINT", "MSI_SECRET",
    ]

    static let readByEnvironmentCredential: Set<String> = [
        "AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET", "AZURE_CLIENT_CERTIFICATE_PATH",
        "AZURE_CLIENT_CERTIFICATE_PASSWORD", "AZURE_CLIENT_SEND_CERTIFICATE_CHAIN", "AZURE_USERNAME", "AZURE_PASSWORD",
        "AZURE_ADDITIONALLY_ALLOWED_TENANTS",
    ]

    static let readByManagedIdentity: Set<String> = [
        "IDENTITY_ENDPOINT", "IDENTITY_HEADER", "IDENTITY_SERVER_THUMBPRINT", "MSI_ENDPOINT", "MSI_SECRET",
        "IMDS_ENDPOINT", "AZURE_POD_IDENTITY_AUTHORITY_HOST",
    ]

    static let readByDefault: Set<String> = readByEnvironmentCredential.union(readByManagedIdentity).union([
        "AZURE_FEDERATED_TOKEN_FILE", "AZURE_TOKEN_CREDENTIALS",
    ])

    /// The variables set (non-empty) in `environment` that are not in `read`, with why each matters.
    static func ignored(environment: [String: String], read: Set<String>) -> [IgnoredVariable] {
        all.filter { name in
            !(environment[name] ?? "").isEmpty && !read.contains(name)
        }.map { name in
            IgnoredVariable(name: name, note: note(for: name))
        }
    }

    private static func note(for name: String) -> String {
        switch name {
        case "AZURE_AUTHORITY_HOST":
            "set, but this profile authenticates against its cloud's authority host"
        case "AZURE_TOKEN_CREDENTIALS":
            "set, but this profile has no `default` link; DefaultAzureCredential elsewhere would honour it"
        default:
            "set, but not read by this profile; credentials that read the environment directly would use it"
        }
    }
}
