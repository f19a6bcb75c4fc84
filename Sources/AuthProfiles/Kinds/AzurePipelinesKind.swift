// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

extension CredentialKind {
    /// AzurePipelinesCredential: an Azure DevOps service connection's federated identity.
    public static let azurePipelines = CredentialKind("azurePipelines")
}

/// An `azurePipelines` link's settings.
package struct AzurePipelinesSettings: KindSettings {
    /// The application's client id.
    package let clientID: ProfileValue<String>
    /// The service connection id.
    package let serviceConnectionID: ProfileValue<String>
    /// The pipeline's `System.AccessToken`.
    package let systemAccessToken: SecretReference

    package enum Field {
        package static let serviceConnectionID = FieldSpec(
            "serviceConnectionId", .guid, required: true, "The Azure DevOps service connection id.")
        package static let systemAccessToken = FieldSpec(
            "systemAccessToken", .secret, "The pipeline's `System.AccessToken`.",
            default: .environment("SYSTEM_ACCESSTOKEN"))
    }

    package var secretFiles: [SecretFileReference] {
        SecretFileReference.secret(systemAccessToken, field: Field.systemAccessToken.name)
    }
}

extension KindDefinition {
    static let azurePipelines = KindDefinition(
        .azurePipelines, azureIdentityName: "AzurePipelinesCredential", category: .deployed, tenant: .required,
        fields: [
            SharedField.clientID, AzurePipelinesSettings.Field.serviceConnectionID,
            AzurePipelinesSettings.Field.systemAccessToken,
        ],
        build: { reader, _ in
            typealias Field = AzurePipelinesSettings.Field
            let token = reader.secretOrDefault(Field.systemAccessToken)
            guard let clientID = reader.text(SharedField.clientID),
                let connection = reader.text(Field.serviceConnectionID),
                let token
            else { return nil }
            return AzurePipelinesSettings(clientID: clientID, serviceConnectionID: connection, systemAccessToken: token)
        })
}
