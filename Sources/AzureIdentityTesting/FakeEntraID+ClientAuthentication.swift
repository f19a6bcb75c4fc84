// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import Crypto
import Foundation
import SwiftASN1
import Synchronization
import X509
import _CryptoExtras

extension FakeEntraID {
    static let assertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"

    /// Checks `client_secret` or `client_assertion` like Entra does; `required` (a confidential client's grant)
    /// makes their absence an error (AADSTS7000218, or `missing` for a grant with its own code).
    func authenticateClient(
        _ application: FakeApplication,
        form: [String: String],
        audience: String,
        required: Bool,
        missing: EntraRejection = .missingClientAuthentication
    ) throws {
        if let secret = form["client_secret"] {
            guard application.secrets.contains(secret) else { throw EntraRejection.invalidSecret(application.clientID) }
            return
        }
        guard let assertion = form["client_assertion"] else {
            if required { throw missing }
            return
        }
        guard form["client_assertion_type"] == Self.assertionType else {
            throw EntraRejection.malformedAssertion("client_assertion_type must be '\(Self.assertionType)'.")
        }
        guard let parsed = FakeJWT.parse(assertion) else {
            throw EntraRejection.malformedAssertion("The assertion is not a JWT.")
        }
        if parsed.header["x5t"] != nil || parsed.header["x5t#S256"] != nil || parsed.header["x5c"] != nil {
            try verifyCertificateAssertion(parsed, application: application, audience: audience)
        } else {
            try verifyFederatedAssertion(parsed, application: application)
        }
    }

    private func verifyCertificateAssertion(
        _ parsed: FakeJWT.Parsed,
        application: FakeApplication,
        audience: String
    ) throws {
        let algorithm = parsed.header["alg"] as? String
        guard algorithm == "RS256" || algorithm == "PS256" else {
            throw EntraRejection.malformedAssertion("Unsupported alg '\(algorithm ?? "none")'.")
        }
        let certificate = try signingCertificate(parsed, application: application)
        guard let key = _RSA.Signing.PublicKey(certificate.publicKey), FakeJWT.verifyRSA(parsed, key: key) else {
            throw EntraRejection.badAssertionSignature
        }
        let claims = parsed.claims
        guard claims["aud"] as? String == audience else {
            throw EntraRejection.malformedAssertion(
                "The audience '\(claims["aud"] ?? "")' is not the token endpoint '\(audience)'."
            )
        }
        guard claims["iss"] as? String == application.clientID, claims["sub"] as? String == application.clientID else {
            throw EntraRejection.malformedAssertion("iss and sub must both be the client id.")
        }
        try checkTimes(claims)
        guard let jti = claims["jti"] as? String, !jti.isEmpty else {
            throw EntraRejection.malformedAssertion("jti is missing.")
        }
        let (fresh, strict) = state.withLock {
            ($0.usedJTIs.insert(jti).inserted, $0.configuration.rejectsReplayedAssertions)
        }
        guard fresh || !strict else {
            throw EntraRejection.malformedAssertion("The assertion was already used (jti replay).")
        }
    }

    /// Finds the registered certificate named by `x5t`/`x5t#S256`, or validates an `x5c` chain against a
    /// trusted issuer.
    private func signingCertificate(_ parsed: FakeJWT.Parsed, application: FakeApplication) throws -> Certificate {
        let sha1 = (parsed.header["x5t"] as? String).flatMap(Base64URL.decode)
        let sha256 = (parsed.header["x5t#S256"] as? String).flatMap(Base64URL.decode)
        for certificate in application.certificates {
            let der = Self.der(certificate)
            let sha1Matches = sha1 == Array(Insecure.SHA1.hash(data: der))
            guard sha1Matches || sha256 == Array(SHA256.hash(data: der)) else { continue }
            // As Entra ID does: a registered key outside its validity signs nothing.
            let now = Date()
            guard certificate.notValidBefore <= now, now <= certificate.notValidAfter else {
                let shown = (sha1Matches ? sha1 : sha256).map { $0.map { String(format: "%02X", $0) }.joined() }
                throw EntraRejection.certificateExpired(shown ?? "none")
            }
            return certificate
        }
        if let chain = parsed.header["x5c"] as? [String], let first = chain.first,
            let der = Data(base64Encoded: first), let leaf = try? Certificate(derEncoded: Array(der))
        {
            let leafDER = Array(der)
            let thumbprintMatches =
                (sha1 == nil || sha1 == Array(Insecure.SHA1.hash(data: leafDER)))
                && (sha256 == nil || sha256 == Array(SHA256.hash(data: leafDER)))
            let trusted = application.trustedIssuers.contains { issuer in
                issuer.subject == leaf.issuer && issuer.publicKey.isValidSignature(leaf.signature, for: leaf)
            }
            if thumbprintMatches && trusted { return leaf }
        }
        let shown = (sha1 ?? sha256).map { $0.map { String(format: "%02X", $0) }.joined() } ?? "none"
        throw EntraRejection.certificateNotRegistered(shown)
    }

    private func verifyFederatedAssertion(_ parsed: FakeJWT.Parsed, application: FakeApplication) throws {
        let issuer = parsed.claims["iss"] as? String ?? ""
        let candidates = application.federatedCredentials.filter { $0.issuer == issuer }
        guard !candidates.isEmpty, let key = state.withLock({ $0.federatedIssuers[issuer] }) else {
            throw EntraRejection.noFederatedIssuer(issuer)
        }
        let subject = parsed.claims["sub"] as? String ?? ""
        guard let credential = candidates.first(where: { $0.subject == subject }) else {
            throw EntraRejection.noFederatedSubject(subject)
        }
        guard parsed.header["alg"] as? String == "ES256", FakeJWT.verifyES256(parsed, key: key) else {
            throw EntraRejection.badAssertionSignature
        }
        let audiences = (parsed.claims["aud"] as? [String]) ?? [(parsed.claims["aud"] as? String) ?? ""]
        guard audiences.contains(credential.audience) else {
            throw EntraRejection(
                status: 400,
                error: "invalid_request",
                code: 700212,
                message:
                    "No matching federated identity record found for presented assertion audience "
                    + "'\(audiences.joined(separator: ","))'."
            )
        }
        try checkTimes(parsed.claims)
    }

    private func checkTimes(_ claims: [String: Any]) throws {
        let (now, skew) = state.withLock { ($0.configuration.now().timeIntervalSince1970, $0.configuration.clockSkew) }
        guard let exp = FakeJWT.number(claims["exp"]) else {
            throw EntraRejection.malformedAssertion("exp is missing.")
        }
        let nbf = FakeJWT.number(claims["nbf"]) ?? FakeJWT.number(claims["iat"]) ?? now
        if now > exp + skew || now + skew < nbf {
            throw EntraRejection.assertionTimeRange(now: Int(now), nbf: Int(nbf), exp: Int(exp))
        }
    }

    static func der(_ certificate: Certificate) -> [UInt8] {
        var serializer = DER.Serializer()
        try? serializer.serialize(certificate)
        return serializer.serializedBytes
    }
}
