// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

extension CredentialKind {
    /// ClientCertificateCredential: an application with a certificate and its private key.
    public static let clientCertificate = CredentialKind("clientCertificate")
}

/// A `clientCertificate` link's settings.
package struct ClientCertificateSettings: KindSettings {
    /// The application's client id.
    package let clientID: ProfileValue<String>
    /// The certificate.
    package let certificate: CertificateSettings

    package var secretFiles: [SecretFileReference] {
        certificate.secretFiles(field: SharedField.certificate.name)
    }
}

extension KindDefinition {
    static let clientCertificate = KindDefinition(
        .clientCertificate, azureIdentityName: "ClientCertificateCredential", category: .deployed, tenant: .required,
        fields: [SharedField.clientID] + SharedField.certificateFields(required: true),
        build: { reader, _ in
            guard let clientID = reader.text(SharedField.clientID), let certificate = CertificateSettings(reader)
            else { return nil }
            return ClientCertificateSettings(clientID: clientID, certificate: certificate)
        })
}
