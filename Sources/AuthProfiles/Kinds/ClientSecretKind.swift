// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

extension CredentialKind {
    /// ClientSecretCredential: an application with a client secret.
    public static let clientSecret = CredentialKind("clientSecret")
}

/// A `clientSecret` link's settings.
package struct ClientSecretSettings: KindSettings {
    /// The application's client id.
    package let clientID: ProfileValue<String>
    /// The client secret.
    package let secret: SecretReference

    package var secretFiles: [SecretFileReference] {
        SecretFileReference.secret(secret, field: SharedField.clientSecret.name)
    }
}

extension KindDefinition {
    static let clientSecret = KindDefinition(
        .clientSecret, azureIdentityName: "ClientSecretCredential", category: .deployed, tenant: .required,
        fields: [SharedField.clientID, SharedField.clientSecret.required],
        build: { reader, _ in
            guard let clientID = reader.text(SharedField.clientID), let secret = reader.secret(SharedField.clientSecret)
            else { return nil }
            return ClientSecretSettings(clientID: clientID, secret: secret)
        })
}
