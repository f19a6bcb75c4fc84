// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

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

    /// Its fields default to the variables the Azure workload identity webhook injects into a pod, as Azure
    /// Identity's WorkloadIdentityCredential reads them; the tenant, too, is `AZURE_TENANT_ID` when neither the link
    /// nor its profile gives one (``KindDefinition/tenantVariable``).
    package enum Field {
        package static let clientID = FieldSpec(
            "clientId", .clientID, "The application (client) id.", default: .environment("AZURE_CLIENT_ID"))
        package static let tokenFile = FieldSpec(
            "tokenFile", .path, "The federated (service account) token file.",
            default: .environment("AZURE_FEDERATED_TOKEN_FILE"))
    }
}

extension KindDefinition {
    static let workloadIdentity = KindDefinition(
        .workloadIdentity, azureIdentityName: "WorkloadIdentityCredential", category: .deployed, tenant: .optional,
        fields: [WorkloadIdentitySettings.Field.clientID, WorkloadIdentitySettings.Field.tokenFile],
        identityVariables: ["AZURE_CLIENT_ID", "AZURE_TENANT_ID", "AZURE_FEDERATED_TOKEN_FILE"],
        // The webhook injects AZURE_AUTHORITY_HOST too (a sovereign cloud's cluster), and WorkloadIdentityCredential
        // honours it: the environment is this kind's configuration, down to its authority.
        readsAuthorityHostVariable: true, tenantVariable: "AZURE_TENANT_ID",
        build: { reader, _ in
            let clientID = reader.textOrDefault(WorkloadIdentitySettings.Field.clientID)
            let tokenFile = reader.textOrDefault(WorkloadIdentitySettings.Field.tokenFile)
            guard let clientID, let tokenFile else { return nil }
            return WorkloadIdentitySettings(clientID: clientID, tokenFile: tokenFile)
        })
}
