// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import IdentitySupport
import NIOSSL
import SwiftASN1
import X509
import _CryptoExtras

extension ClientCertificate {
    /// Loads PEM text holding one or more `CERTIFICATE` blocks and a private key (PKCS#1, PKCS#8 or encrypted).
    public init(pem: String, password: Secret? = nil) throws {
        try self.init(certificatePEM: pem, privateKeyPEM: pem, password: password)
    }

    /// Loads a certificate (chain) and a private key given as separate PEM texts.
    public init(certificatePEM: String, privateKeyPEM: String, password: Secret? = nil) throws {
        let chain = try Self.parseCertificates(certificatePEM)
        let key = try Self.parsePrivateKey(privateKeyPEM, password: password)
        try self.init(chain: chain, privateKey: key)
    }

    /// Loads a PKCS#12 (PFX) bundle.
    public init(pkcs12: [UInt8], password: Secret?) throws {
        let bundle: NIOSSLPKCS12Bundle
        do {
            bundle = try NIOSSLPKCS12Bundle(buffer: pkcs12, passphrase: password.map { Array($0.revealedValue().utf8) })
        } catch {
            throw Self.error(
                "The PKCS#12 data could not be decrypted or parsed (wrong password?).", code: .pkcs12NotDecrypted,
                underlying: error)
        }
        do {
            let chain = try bundle.certificateChain.map { try Certificate(derEncoded: try $0.toDERBytes()) }
            let key = try _RSA.Signing.PrivateKey(derRepresentation: bundle.privateKey.derBytes)
            try self.init(chain: chain, privateKey: key)
        } catch let error as AzureIdentityError {
            throw error
        } catch {
            throw Self.error(
                "The PKCS#12 bundle does not hold an RSA certificate and key.", code: .pkcs12WithoutRSA,
                underlying: error)
        }
    }

    /// Loads a file: PEM when it contains `-----BEGIN`, otherwise PKCS#12.
    public static func load(path: String, password: Secret? = nil) throws -> ClientCertificate {
        try Files.read(path: path).load(password: password)
    }

    /// Loads a certificate file and a separate key file (both PEM).
    public static func load(
        certificatePath: String,
        privateKeyPath: String,
        password: Secret? = nil
    ) throws -> ClientCertificate {
        try Files.read(path: certificatePath, keyPath: privateKeyPath).load(password: password)
    }

    static func parseCertificates(_ pem: String) throws -> [Certificate] {
        let documents: [PEMDocument]
        do {
            documents = try PEMDocument.parseMultiple(pemString: pem)
        } catch {
            throw Self.error("The certificate data is not valid PEM.", code: .noCertificate, underlying: error)
        }
        let chain = try documents.filter { $0.discriminator == "CERTIFICATE" }.map { document in
            do {
                return try Certificate(derEncoded: document.derBytes)
            } catch {
                throw Self.error("A CERTIFICATE block could not be parsed.", code: .noCertificate, underlying: error)
            }
        }
        guard !chain.isEmpty else {
            throw Self.error("The data does not contain a PEM-encoded certificate.", code: .noCertificate)
        }
        return chain
    }

    static func parsePrivateKey(_ pem: String, password: Secret?) throws -> _RSA.Signing.PrivateKey {
        let isEncrypted = pem.contains("ENCRYPTED")
        if !isEncrypted {
            guard let block = Self.keyBlock(in: pem) else {
                throw Self.error("The data does not contain a private key.", code: .noPrivateKey)
            }
            do {
                return try _RSA.Signing.PrivateKey(pemRepresentation: block)
            } catch {
                throw Self.error(
                    "The private key is not an RSA key of at least 2048 bits.", code: .unsupportedKey,
                    underlying: error)
            }
        }
        guard let password else {
            throw Self.error("The private key is encrypted and no password was given.", code: .passwordRequired)
        }
        guard let block = Self.keyBlock(in: pem) else {
            throw Self.error("The data does not contain a private key.", code: .noPrivateKey)
        }
        let passphrase = Array(password.revealedValue().utf8)
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(bytes: Array(block.utf8), format: .pem) { setter in setter(passphrase) }
        } catch {
            throw Self.error(
                "The encrypted private key could not be decrypted (wrong password?).", code: .keyNotDecrypted,
                underlying: error)
        }
        do {
            return try _RSA.Signing.PrivateKey(derRepresentation: key.derBytes)
        } catch {
            throw Self.error(
                "The private key is not an RSA key of at least 2048 bits.", code: .unsupportedKey,
                underlying: error)
        }
    }

    /// The first `... PRIVATE KEY` block, including its armour and any `Proc-Type` headers.
    private static func keyBlock(in pem: String) -> String? {
        let lines = pem.components(separatedBy: .newlines)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("-----BEGIN") && $0.contains("PRIVATE KEY") }),
            let end = lines[start...].firstIndex(where: { $0.hasPrefix("-----END") && $0.contains("PRIVATE KEY") })
        else { return nil }
        return lines[start...end].joined(separator: "\n") + "\n"
    }
}
