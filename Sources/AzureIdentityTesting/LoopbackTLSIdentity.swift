// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Crypto
import Foundation
import SwiftASN1
import X509

/// A throwaway certificate authority and a server certificate it issued, for HTTPS test servers whose
/// certificate is deliberately wrong for the client: issued for other names, or by a CA the client does not trust.
public struct LoopbackTLSIdentity: Sendable {
    /// The issuing CA's certificate (PEM), for a client that should trust it.
    public let caCertificatePEM: String
    /// The server certificate (PEM).
    public let certificatePEM: String
    /// The server certificate's private key (PEM).
    public let privateKeyPEM: String

    /// Creates a fresh CA and a server certificate for exactly these names.
    /// - Parameters:
    ///   - dnsNames: The DNS names the certificate is valid for.
    ///   - ipv4Addresses: The IPv4 addresses it is valid for, such as `[127, 0, 0, 1]`.
    public init(dnsNames: [String], ipv4Addresses: [[UInt8]] = []) throws {
        let caKey = P256.Signing.PrivateKey()
        let caName = try DistinguishedName { CommonName("LoopbackTLSIdentity CA") }
        let now = Date()
        let ca = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: Certificate.PublicKey(caKey.publicKey),
            notValidBefore: now.addingTimeInterval(-3600),
            notValidAfter: now.addingTimeInterval(86_400),
            issuer: caName,
            subject: caName,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            },
            issuerPrivateKey: Certificate.PrivateKey(caKey)
        )
        let key = P256.Signing.PrivateKey()
        let names: [GeneralName] =
            dnsNames.map { .dnsName($0) } + ipv4Addresses.map { .ipAddress(ASN1OctetString(contentBytes: $0[...])) }
        let leaf = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: Certificate.PublicKey(key.publicKey),
            notValidBefore: now.addingTimeInterval(-3600),
            notValidAfter: now.addingTimeInterval(86_400),
            issuer: ca.subject,
            subject: try DistinguishedName { CommonName(dnsNames.first ?? "server") },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                SubjectAlternativeNames(names)
                try ExtendedKeyUsage([.serverAuth])
            },
            issuerPrivateKey: Certificate.PrivateKey(caKey)
        )
        self.caCertificatePEM = try ca.serializeAsPEM().pemString
        self.certificatePEM = try leaf.serializeAsPEM().pemString
        self.privateKeyPEM = key.pemRepresentation
    }
}
