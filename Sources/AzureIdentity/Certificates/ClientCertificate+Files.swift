// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

package import IdentitySupport

extension ClientCertificate {
    /// The largest certificate or key file read (a PKCS#12 bundle with a long chain is a few tens of kilobytes).
    package static let maximumFileBytes = 1 << 20

    /// How a certificate file is encoded.
    package enum FileFormat: Sendable, Hashable {
        /// PEM text: `CERTIFICATE` blocks and, unless a separate key file is given, a private key block.
        case pem
        /// A PKCS#12 (PFX) bundle.
        case pkcs12

        /// The format a file's bytes have: PEM when they hold a `-----BEGIN` line, otherwise PKCS#12.
        package static func of(_ bytes: [UInt8]) -> FileFormat {
            bytes.firstRange(of: Array("-----BEGIN".utf8)) != nil ? .pem : .pkcs12
        }
    }

    /// A certificate's files as read, before they are parsed: the one definition of how a certificate is read from
    /// disk, for the credentials, the profile binder and explain's dry run alike.
    ///
    /// Files are read through the package's one file reader (only regular files, at most ``maximumFileBytes``). The
    /// format is the one given, else PEM when a separate key file is given, else decided by the content.
    package struct Files: Sendable {
        /// The certificate file's path.
        package let path: String
        /// The certificate file.
        package let certificate: FileContents
        /// The separate key file's path, if any.
        package let keyPath: String?
        /// The separate key file, if any.
        package let key: FileContents?
        /// How the certificate file is parsed.
        package let format: FileFormat

        /// Reads the certificate file and, when given, the key file.
        package static func read(
            path: String, keyPath: String? = nil, format: FileFormat? = nil
        ) throws(AzureIdentityError) -> Files {
            let certificate = try readFile(path, what: "certificate file")
            let key = try keyPath.map { path throws(AzureIdentityError) in try readFile(path, what: "key file") }
            let format = format ?? (keyPath != nil ? .pem : .of(certificate.bytes))
            return Files(path: path, certificate: certificate, keyPath: keyPath, key: key, format: format)
        }

        /// The certificate file as text (PEM).
        package var certificateText: String { String(decoding: certificate.bytes, as: UTF8.self) }
        /// The text holding the private key (PEM): the key file's, or the certificate file's.
        package var keyText: String { key.map { String(decoding: $0.bytes, as: UTF8.self) } ?? certificateText }
        /// The file holding the private key and its status.
        package var keyFile: (path: String, status: FileStatus) {
            if let keyPath, let key { return (keyPath, key.status) }
            return (path, certificate.status)
        }

        /// Whether the private key is stored encrypted: a PEM key block marked `ENCRYPTED`; a PKCS#12 bundle is
        /// encrypted when it has a password (`nil` here: the caller knows).
        package var isKeyEncrypted: Bool? {
            format == .pem ? keyText.contains("ENCRYPTED") : nil
        }

        /// Parses the files into a certificate.
        package func load(password: Secret?) throws -> ClientCertificate {
            switch format {
            case .pem:
                try ClientCertificate(certificatePEM: certificateText, privateKeyPEM: keyText, password: password)
            case .pkcs12: try ClientCertificate(pkcs12: certificate.bytes, password: password)
            }
        }

        private static func readFile(_ path: String, what: String) throws(AzureIdentityError) -> FileContents {
            do {
                return try UserFile.read(path, limit: maximumFileBytes)
            } catch {
                throw ClientCertificate.error(
                    "The \(what) '\(path)' \(error).", code: .unreadableFile, file: error, path: path)
            }
        }
    }
}
