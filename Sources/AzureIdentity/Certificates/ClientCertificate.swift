// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Crypto
import Foundation
import IdentitySupport
import SwiftASN1
public import X509
public import _CryptoExtras

/// An application certificate: the leaf (and optional chain) plus its RSA private key.
///
/// Load one with ``ClientCertificate/init(pem:password:)``,
/// ``ClientCertificate/init(certificatePEM:privateKeyPEM:password:)``,
/// ``ClientCertificate/init(pkcs12:password:)`` or ``ClientCertificate/load(path:password:)``.
public struct ClientCertificate: Sendable {
    /// The certificates, leaf first.
    public let chain: [Certificate]
    /// The leaf's private key.
    let privateKey: _RSA.Signing.PrivateKey
    /// SHA-1 over the leaf's DER bytes (the `x5t` thumbprint).
    public let sha1Thumbprint: [UInt8]
    /// SHA-256 over the leaf's DER bytes (the `x5t#S256` thumbprint).
    public let sha256Thumbprint: [UInt8]
    /// Each certificate's DER bytes, leaf first (the `x5c` values before base64).
    public let chainDER: [[UInt8]]

    /// The leaf certificate.
    public var leaf: Certificate { chain[0] }

    /// Creates a certificate from parsed parts; checks that the key belongs to the leaf.
    public init(chain: [Certificate], privateKey: _RSA.Signing.PrivateKey) throws {
        guard let leaf = chain.first else {
            throw Self.error("The certificate data does not contain a certificate.", code: .noCertificate)
        }
        guard leaf.publicKey == Certificate.PublicKey(privateKey.publicKey) else {
            throw Self.error("The private key does not match the certificate's public key.", code: .keyMismatch)
        }
        var ders: [[UInt8]] = []
        for certificate in chain {
            var serializer = DER.Serializer()
            try serializer.serialize(certificate)
            ders.append(serializer.serializedBytes)
        }
        self.chain = chain
        self.privateKey = privateKey
        self.chainDER = ders
        self.sha1Thumbprint = Array(Insecure.SHA1.hash(data: ders[0]))
        self.sha256Thumbprint = Array(SHA256.hash(data: ders[0]))
    }

    /// The SHA-1 thumbprint in upper-case hex, as the Azure portal shows it.
    public var sha1ThumbprintHex: String {
        sha1Thumbprint.map { String(format: "%02X", $0) }.joined()
    }

    static func error(
        _ message: String, code: CertificateLoadError.Code, underlying: (any Error & Sendable)? = nil,
        file: FileProblem? = nil, path: String? = nil
    ) -> AzureIdentityError {
        AzureIdentityError(
            code: .invalidConfiguration,
            message: "ClientCertificateCredential: \(message)",
            credentialName: "ClientCertificateCredential",
            underlying: CertificateLoadError(code, underlying: underlying, file: file, path: path)
        )
    }
}
