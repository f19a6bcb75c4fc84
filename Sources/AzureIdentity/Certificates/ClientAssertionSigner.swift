// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Crypto
public import Foundation
import IdentitySupport
import _CryptoExtras

/// Builds and signs the JWT client assertion Entra expects for certificate authentication.
///
/// Header: `alg` (`PS256` with `x5t#S256`, or `RS256` with `x5t`), `typ: JWT`, and `x5c` (base64 DER of every
/// certificate) when sending the chain. Claims: `aud` (the token endpoint), `iss` = `sub` = client id, `jti`
/// (random UUID), `nbf` and `iat` (now), `exp` (now + 10 minutes).
public struct ClientAssertionSigner: Sendable {
    /// The JWS algorithm.
    public struct Algorithm: Hashable, Sendable {
        /// The `alg` header value.
        public let name: String
        /// RSASSA-PSS with SHA-256; thumbprint header `x5t#S256`. Azure Identity's default.
        public static let ps256 = Algorithm(name: "PS256")
        /// RSASSA-PKCS1-v1_5 with SHA-256; thumbprint header `x5t`.
        public static let rs256 = Algorithm(name: "RS256")
    }

    /// The signing certificate.
    public let certificate: ClientCertificate
    /// The algorithm.
    public let algorithm: Algorithm
    /// Whether to send the `x5c` chain (subject name / issuer authentication).
    public let sendCertificateChain: Bool
    /// Assertion lifetime.
    public let lifetime: TimeInterval

    /// Creates a signer.
    public init(
        certificate: ClientCertificate,
        algorithm: Algorithm = .ps256,
        sendCertificateChain: Bool = false,
        lifetime: TimeInterval = 600
    ) {
        self.certificate = certificate
        self.algorithm = algorithm
        self.sendCertificateChain = sendCertificateChain
        self.lifetime = lifetime
    }

    /// Signs a fresh assertion for `clientID` addressed to `audience` (the token endpoint URL).
    public func makeAssertion(clientID: String, audience: String, now: Date) throws -> Secret {
        var header: [String: Any] = ["alg": algorithm.name, "typ": "JWT"]
        if algorithm == .ps256 {
            header["x5t#S256"] = Base64URL.encode(certificate.sha256Thumbprint)
        } else {
            header["x5t"] = Base64URL.encode(certificate.sha1Thumbprint)
        }
        if sendCertificateChain {
            header["x5c"] = certificate.chainDER.map { Data($0).base64EncodedString() }
        }
        // `lifetime` is an option and `now` an injected clock: both are converted checked, so `.infinity` is an
        // error, not a trap.
        guard let issued = UnixTime(now), lifetime >= 1,
            let seconds = OutsideNumber.integer(lifetime, as: Int64.self),
            case let (end, overflow) = issued.seconds.addingReportingOverflow(seconds), !overflow,
            let expires = UnixTime(seconds: end)
        else {
            throw AzureIdentityError(
                code: .invalidConfiguration,
                message: "ClientAssertionSigner: an assertion issued at \(UnixTime.shown(now)) living \(lifetime) s "
                    + "cannot be written as JWT dates (the lifetime must be at least 1 s, the dates between 1970 and "
                    + "9999)."
            )
        }
        let claims: [String: Any] = [
            "aud": audience, "iss": clientID, "sub": clientID, "jti": UUID().uuidString.lowercased(),
            "nbf": issued.seconds, "iat": issued.seconds, "exp": expires.seconds,
        ]
        let signingInput = try Self.segment(header) + "." + Self.segment(claims)
        let padding: _RSA.Signing.Padding = algorithm == .ps256 ? .PSS : .insecurePKCS1v1_5
        let signature = try certificate.privateKey.signature(
            for: SHA256.hash(data: Array(signingInput.utf8)),
            padding: padding
        )
        return Secret(signingInput + "." + Base64URL.encode(signature.rawRepresentation))
    }

    private static func segment(_ object: [String: Any]) throws -> String {
        Base64URL.encode(
            try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        )
    }
}
