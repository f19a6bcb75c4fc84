// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// A certificate credential's material (`clientCertificate`, `onBehalfOf`).
package struct CertificateSettings: Sendable, Hashable {
    /// The certificate file (PEM with key, or PKCS#12).
    package let path: ProfileValue<String>
    /// A separate PEM key file.
    package let keyPath: ProfileValue<String>?
    /// The file format, when written; otherwise decided by the file's content.
    package let format: CertificateFormat?
    /// The password of an encrypted key or PKCS#12 file.
    package let password: SecretReference?
    /// Whether to send the chain (x5c).
    package let sendCertificateChain: ProfileValue<Bool>

    /// The fields of the `certificate` object.
    package enum Field {
        package static let path = FieldSpec(
            "path", .path, required: true, "A PEM file (certificate and key) or a PKCS#12 (`.pfx`/`.p12`) file.")
        package static let key = FieldSpec("key", .path, "A separate PEM file holding the private key.")
        package static let format = FieldSpec(
            "format", .choice(CertificateFormat.allCases.map(\.rawValue)),
            "The file format. Without it, a file holding a `-----BEGIN` line is PEM and any other is PKCS#12 (the "
                + "extension does not decide).",
            default: .described("PEM with `key`; else from the content"))
    }

    /// The certificate a credential's `certificate`, `certificatePassword` and `sendCertificateChain` describe.
    init?(_ reader: KindReader) {
        guard let material = reader.object(SharedField.certificate), let path = material[Field.path.name]?.text
        else { return nil }
        self.path = path
        self.keyPath = material[Field.key.name]?.text
        self.format = material[Field.format.name]?.literalText.flatMap(CertificateFormat.init(rawValue:))
        self.password = reader.secret(SharedField.certificatePassword)
        self.sendCertificateChain = reader.object.flag(SharedField.sendCertificateChain)
    }

    /// The files holding secrets: a password file, and the private key when no password protects it (it can then
    /// only be stored unencrypted, or the run fails on it anyway).
    func secretFiles(field: String) -> [SecretFileReference] {
        var files = SecretFileReference.secret(password, field: SharedField.certificatePassword.name)
        if password == nil, let key = (keyPath ?? path).literal {
            files.append(
                SecretFileReference(
                    field: keyPath == nil ? field + ".path" : field + ".key", path: key,
                    what: "unencrypted private key file"))
        }
        return files
    }
}

/// Certificate file formats.
package enum CertificateFormat: String, Sendable, Hashable, Codable, CaseIterable {
    case pem, pfx
}
