// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Crypto
import NIOSSL
import SwiftASN1
public import X509
public import _CryptoExtras

/// An application certificate made by ``TestCertificateAuthority``, in the formats credentials load.
public struct TestClientCertificate: Sendable {
    /// The leaf certificate.
    public let certificate: Certificate
    /// Its RSA key.
    public let privateKey: _RSA.Signing.PrivateKey
    /// The issuing CA's certificate.
    public let issuer: Certificate

    /// The leaf in PEM.
    public var certificatePEM: String { (try? certificate.serializeAsPEM().pemString) ?? "" }
    /// The key as unencrypted PKCS#8 PEM.
    public var privateKeyPEM: String { privateKey.pkcs8PEMRepresentation }
    /// The key as PKCS#1 PEM (`BEGIN RSA PRIVATE KEY`).
    public var pkcs1PrivateKeyPEM: String { privateKey.pemRepresentation }
    /// Certificate and key in one PEM text.
    public var combinedPEM: String { certificatePEM + "\n" + privateKeyPEM }
    /// Leaf, CA certificate and key in one PEM text (for `x5c` chains).
    public var chainPEM: String {
        certificatePEM + "\n" + ((try? issuer.serializeAsPEM().pemString) ?? "") + "\n" + privateKeyPEM
    }

    /// The leaf's DER bytes.
    public var derBytes: [UInt8] {
        var serializer = DER.Serializer()
        try? serializer.serialize(certificate)
        return serializer.serializedBytes
    }

    /// SHA-1 over the DER (the `x5t` thumbprint).
    public var sha1Thumbprint: [UInt8] { Array(Insecure.SHA1.hash(data: derBytes)) }
    /// SHA-256 over the DER (the `x5t#S256` thumbprint).
    public var sha256Thumbprint: [UInt8] { Array(SHA256.hash(data: derBytes)) }

    /// A PKCS#12 bundle with the leaf, the CA and the key, protected by `password`.
    public func pkcs12(password: String) throws -> [UInt8] {
        let leaf = try NIOSSLCertificate(bytes: derBytes, format: .der)
        let key = try NIOSSLPrivateKey(bytes: Array(privateKey.derRepresentation), format: .der)
        return try NIOSSLPKCS12Bundle(certificateChain: [leaf], privateKey: key).serialize(
            passphrase: Array(password.utf8)
        )
    }
}
