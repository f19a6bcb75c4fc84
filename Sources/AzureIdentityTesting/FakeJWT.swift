// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import Crypto
import Foundation
import _CryptoExtras

/// Minimal JWT encoding, decoding and verification for the fake.
enum FakeJWT {
    struct Parsed {
        var header: [String: Any]
        var claims: [String: Any]
        var signingInput: [UInt8]
        var signature: [UInt8]
    }

    static func segment(_ object: [String: Any]) -> String {
        let data =
            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
        return Base64URL.encode(data)
    }

    static func signES256(header: [String: Any], claims: [String: Any], key: P256.Signing.PrivateKey) -> String {
        let input = segment(header) + "." + segment(claims)
        let signature = (try? key.signature(for: Array(input.utf8)).rawRepresentation) ?? Data()
        return input + "." + Base64URL.encode(signature)
    }

    static func parse(_ token: String) -> Parsed? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3,
            let headerBytes = Base64URL.decode(parts[0]), let claimBytes = Base64URL.decode(parts[1]),
            let signature = Base64URL.decode(parts[2]),
            let header = try? JSONSerialization.jsonObject(with: Data(headerBytes)) as? [String: Any],
            let claims = try? JSONSerialization.jsonObject(with: Data(claimBytes)) as? [String: Any]
        else { return nil }
        return Parsed(
            header: header,
            claims: claims,
            signingInput: Array("\(parts[0]).\(parts[1])".utf8),
            signature: signature
        )
    }

    static func decodeUnverified(_ token: String) -> (header: [String: Any], claims: [String: Any])? {
        parse(token).map { ($0.header, $0.claims) }
    }

    static func verifyES256(_ parsed: Parsed, key: P256.Signing.PublicKey) -> Bool {
        guard let signature = try? P256.Signing.ECDSASignature(rawRepresentation: parsed.signature) else {
            return false
        }
        return key.isValidSignature(signature, for: parsed.signingInput)
    }

    static func verifyRSA(_ parsed: Parsed, key: _RSA.Signing.PublicKey) -> Bool {
        let signature = _RSA.Signing.RSASignature(rawRepresentation: parsed.signature)
        let digest = SHA256.hash(data: parsed.signingInput)
        switch parsed.header["alg"] as? String {
        case "RS256": return key.isValidSignature(signature, for: digest, padding: .insecurePKCS1v1_5)
        case "PS256": return key.isValidSignature(signature, for: digest, padding: .PSS)
        default: return false
        }
    }

    static func number(_ value: Any?) -> Double? {
        (value as? NSNumber)?.doubleValue ?? (value as? String).flatMap(Double.init)
    }
}
