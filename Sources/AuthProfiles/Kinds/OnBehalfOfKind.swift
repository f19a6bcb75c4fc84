// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

extension CredentialKind {
    /// OnBehalfOfCredential: a middle-tier application exchanging a user's token.
    public static let onBehalfOf = CredentialKind("onBehalfOf")
}

/// An `onBehalfOf` link's settings.
package struct OnBehalfOfSettings: KindSettings {
    /// The application's client id.
    package let clientID: ProfileValue<String>
    /// The incoming user token.
    package let userAssertion: SecretReference
    /// How the application authenticates itself.
    package let client: ClientAuthenticationSettings

    package enum Field {
        package static let userAssertion = FieldSpec(
            "userAssertion", .secret, required: true, "The incoming user token to exchange.")
    }

    package var secretFiles: [SecretFileReference] {
        var files = SecretFileReference.secret(userAssertion, field: Field.userAssertion.name)
        switch client {
        case .secret(let reference):
            files += SecretFileReference.secret(reference, field: SharedField.clientSecret.name)
        case .certificate(let settings): files += settings.secretFiles(field: SharedField.certificate.name)
        case .assertion: break
        }
        return files
    }
}

/// How an on-behalf-of application authenticates itself.
package enum ClientAuthenticationSettings: Sendable, Hashable {
    case secret(SecretReference)
    case certificate(CertificateSettings)
    case assertion(AssertionSource)
}

extension KindDefinition {
    static let onBehalfOf = KindDefinition(
        .onBehalfOf, azureIdentityName: "OnBehalfOfCredential", category: .deployed, tenant: .required,
        fields: [
            SharedField.clientID, OnBehalfOfSettings.Field.userAssertion, SharedField.clientSecret,
            FieldSpec("assertion", .assertionSource, "A client assertion source."),
        ] + SharedField.certificateFields(required: false),
        exactlyOne: [["clientSecret", "certificate", "assertion"]],
        build: { reader, _ in
            guard let clientID = reader.text(SharedField.clientID),
                let userAssertion = reader.secret(OnBehalfOfSettings.Field.userAssertion)
            else { return nil }
            let client: ClientAuthenticationSettings
            if let reference = reader.secret(SharedField.clientSecret) {
                client = .secret(reference)
            } else if let certificate = CertificateSettings(reader) {
                client = .certificate(certificate)
            } else if let source = reader.assertion(SharedField.assertion) {
                client = .assertion(source)
            } else {
                return nil
            }
            return OnBehalfOfSettings(clientID: clientID, userAssertion: userAssertion, client: client)
        })
}
