// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// Fields that several kinds share, written once.
package enum SharedField {
    /// The Azure CLI's public client id, which public-client kinds use when the profile gives none.
    package static let azureCLIClientID = "04b07795-8ddb-461a-bbee-02f9e1bf7b46"

    /// A confidential application's client id, required.
    package static let clientID = FieldSpec("clientId", .clientID, required: true, "The application (client) id.")

    /// A public client's id, defaulting to the Azure CLI's.
    package static let publicClientID = FieldSpec(
        "clientId", .clientID, "The application (client) id.",
        default: .named("the Azure CLI's public client id", value: azureCLIClientID))

    /// A confidential application's client secret.
    package static let clientSecret = FieldSpec("clientSecret", .secret, "The client secret.")

    /// A client assertion source.
    package static let assertion = FieldSpec(
        "assertion", .assertionSource, "Where the signed client assertion (JWT) comes from.")

    /// The certificate object.
    package static let certificate = FieldSpec(
        "certificate", .object(FormatSpec.certificate), "The certificate and its private key.")

    /// The password of an encrypted key or PKCS#12 file.
    package static let certificatePassword = FieldSpec(
        "certificatePassword", .secret, "The password of an encrypted key or PKCS#12 file.")

    /// Whether to send the certificate chain.
    package static let sendCertificateChain = FieldSpec(
        "sendCertificateChain", .boolean,
        "Send the certificate chain (`x5c`) for subject name/issuer authentication.", default: .value("false"))

    /// The fields of a certificate credential, `certificate` itself required or not.
    static func certificateFields(required: Bool) -> [FieldSpec] {
        [
            required ? certificate.required : certificate, certificatePassword, sendCertificateChain,
        ]
    }
}

extension FieldSpec {
    /// The same field, required.
    var required: FieldSpec {
        FieldSpec(
            name, type, required: true, nonEmpty: mustNotBeEmpty, literal: isLiteralOnly, summary,
            default: defaultValue, typeName: typeName)
    }
}
