extension CredentialKind {
    /// WorkloadIdentityCredential: a Kubernetes service account token exchanged for an Entra ID token.
    public static let workloadIdentity = CredentialKind("workloadIdentity")
}

/// A `workloadIdentity` link's settings.
package struct WorkloadIdentitySettings: KindSettings {
    /// The application's client id.
    package let clientID: ProfileValue<String>
    /// The federated token file.
    package let tokenFile: ProfileValue<String>

    package enum Field {
        package static let tokenFile = FieldSpec(
            "tokenFile", .path, "The federated (service account) token file.",
            default: .environment("AZURE_FEDERATED_TOKEN_FILE"))
    }
}

extension KindDefinition {
    static let workloadIdentity = KindDefinition(
        .workloadIdentity, azureIdentityName: "WorkloadIdentityCredential", category: .deployed, tenant: .optional,
        fields: [SharedField.clientID, WorkloadIdentitySettings.Field.tokenFile],
        identityVariables: ["AZURE_TENANT_ID", "AZURE_FEDERATED_TOKEN_FILE"],
        build: { reader, _ in
            let tokenFile = reader.textOrDefault(WorkloadIdentitySettings.Field.tokenFile)
            guard let clientID = reader.text(SharedField.clientID), let tokenFile else { return nil }
            return WorkloadIdentitySettings(clientID: clientID, tokenFile: tokenFile)
        })
}
