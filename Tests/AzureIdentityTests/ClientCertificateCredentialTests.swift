// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Crypto
import Foundation
import Testing

@Suite struct ClientCertificateCredentialTests {
    static let appID = "cccccccc-0000-0000-0000-000000000001"

    /// Registers an app with a fresh certificate; returns the certificate.
    private func registerCertificateApp(_ env: FakeEnvironment) throws -> TestClientCertificate {
        let certificate = try env.fake.certificateAuthority.issueClientCertificate(commonName: "cert-app")
        env.fake.register(
            FakeApplication(
                clientID: Self.appID,
                tenantID: FakeEnvironment.tenant,
                certificates: [certificate.certificate]
            )
        )
        return certificate
    }

    @Test func ps256WithSHA256ThumbprintByDefault() async throws {
        try await withFake { env in
            let certificate = try registerCertificateApp(env)
            let credential = try ClientCertificateCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: Self.appID,
                certificate: ClientCertificate(pem: certificate.combinedPEM),
                options: env.options()
            )
            let token = try await credential.getToken(scopes: managementScope)
            #expect(env.fake.verifiedClaims(of: token.token.revealedValue())?["appid"] as? String == Self.appID)

            let request = try #require(env.fake.tokenRequests.first)
            #expect(request.form["client_assertion_type"] == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
            #expect(request.form["client_secret"] == nil)
            let (header, claims) = try #require(request.clientAssertion)
            #expect(header["alg"] as? String == "PS256")
            #expect(header["typ"] as? String == "JWT")
            #expect(header["x5t#S256"] as? String == base64url(certificate.sha256Thumbprint))
            #expect(header["x5t"] == nil)
            #expect(header["x5c"] == nil)
            #expect(claims["aud"] as? String == env.fake.tokenEndpoint(tenantID: FakeEnvironment.tenant))
            #expect(claims["iss"] as? String == Self.appID)
            #expect(claims["sub"] as? String == Self.appID)
            #expect((claims["jti"] as? String)?.count == 36)
            let nbf = try #require(claims["nbf"] as? Int)
            let exp = try #require(claims["exp"] as? Int)
            #expect(exp - nbf == 600)
        }
    }

    @Test func rs256WithSHA1ThumbprintFromTwoFiles() async throws {
        try await withFake { env in
            let certificate = try registerCertificateApp(env)
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let loaded = try ClientCertificate.load(
                certificatePath: try directory.write("app.crt", certificate.certificatePEM),
                privateKeyPath: try directory.write("app.key", certificate.pkcs1PrivateKeyPEM)
            )
            let credential = try ClientCertificateCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: Self.appID,
                certificate: loaded,
                algorithm: .rs256,
                options: env.options()
            )
            _ = try await credential.getToken(scopes: managementScope)
            let (header, _) = try #require(env.fake.tokenRequests.first?.clientAssertion)
            #expect(header["alg"] as? String == "RS256")
            #expect(header["x5t"] as? String == base64url(certificate.sha1Thumbprint))
        }
    }

    @Test func pkcs12WithPasswordAndWrongPassword() async throws {
        try await withFake { env in
            let certificate = try registerCertificateApp(env)
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = try directory.write("app.pfx", try certificate.pkcs12(password: "pfx-pass"))
            let credential = try ClientCertificateCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: Self.appID,
                certificatePath: path,
                password: Secret("pfx-pass"),
                options: env.options()
            )
            _ = try await credential.getToken(scopes: managementScope)
            #expect(env.fake.tokenRequests.count == 1)

            let error = #expect(throws: AzureIdentityError.self) {
                try ClientCertificateCredential(
                    tenantID: FakeEnvironment.tenant,
                    clientID: Self.appID,
                    certificatePath: path,
                    password: Secret("not-the-password"),
                    options: env.options()
                )
            }
            #expect(error?.code == .invalidConfiguration)
            #expect(error.map { "\($0)" }?.contains("not-the-password") == false)
        }
    }

    @Test func encryptedPEM() async throws {
        try await withFake { env in
            let certificate = try registerCertificateApp(env)
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let encrypted = try #require(
                try await BlockingWork.run {
                    try encryptWithOpenSSL(
                        privateKeyPEM: certificate.privateKeyPEM, password: "pem-pass", in: directory)
                }
            )
            #expect(encrypted.contains("ENCRYPTED PRIVATE KEY"))
            let loaded = try ClientCertificate(
                pem: certificate.certificatePEM + "\n" + encrypted,
                password: Secret("pem-pass")
            )
            let credential = try ClientCertificateCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: Self.appID,
                certificate: loaded,
                options: env.options()
            )
            _ = try await credential.getToken(scopes: managementScope)
            #expect(env.fake.tokenRequests.count == 1)
            #expect(throws: AzureIdentityError.self) {
                try ClientCertificate(pem: certificate.certificatePEM + "\n" + encrypted, password: Secret("wrong"))
            }
            #expect(throws: AzureIdentityError.self) {
                try ClientCertificate(pem: certificate.certificatePEM + "\n" + encrypted)
            }
        }
    }

    @Test func unregisteredCertificateIsRejected() async throws {
        try await withFake { env in
            _ = try registerCertificateApp(env)
            let stranger = try env.fake.certificateAuthority.issueClientCertificate(commonName: "stranger")
            let credential = try ClientCertificateCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: Self.appID,
                certificate: ClientCertificate(pem: stranger.combinedPEM),
                options: env.options()
            )
            let error = try #require(
                await caught { try await credential.getToken(scopes: managementScope) } as? AzureIdentityError
            )
            #expect(error.code == .authenticationFailed)
            #expect(error.entraError?.errorCodes == [700027])
            #expect(error.statusCode == 401)
        }
    }

    @Test func missignedAssertionIsRejected() async throws {
        try await withFake { env in
            let registered = try registerCertificateApp(env)
            let stranger = try env.fake.certificateAuthority.issueClientCertificate(commonName: "stranger")
            // Claim the registered certificate's thumbprint but sign with another key.
            let credential = try ClientAssertionCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: Self.appID,
                options: env.options()
            ) {
                let signer = ClientAssertionSigner(certificate: try ClientCertificate(pem: stranger.combinedPEM))
                let genuine = try signer.makeAssertion(
                    clientID: Self.appID,
                    audience: env.fake.tokenEndpoint(tenantID: FakeEnvironment.tenant),
                    now: Date()
                )
                let parts = genuine.revealedValue().split(separator: ".")
                let header = base64url(
                    Array(#"{"alg":"PS256","typ":"JWT","x5t#S256":"\#(base64url(registered.sha256Thumbprint))"}"#.utf8)
                )
                return Secret("\(header).\(parts[1]).\(parts[2])")
            }
            let error = try #require(
                await caught { try await credential.getToken(scopes: managementScope) } as? AzureIdentityError
            )
            #expect(error.entraError?.errorCodes == [700027])
            #expect(error.entraError?.errorDescription?.contains("signature validation") == true)
        }
    }

    @Test func replayedAndMisaddressedAssertions() async throws {
        try await withFake(configuration: .init(rejectsReplayedAssertions: true)) { env in
            let certificate = try registerCertificateApp(env)
            let signer = ClientAssertionSigner(certificate: try ClientCertificate(pem: certificate.combinedPEM))
            let endpoint = env.fake.tokenEndpoint(tenantID: FakeEnvironment.tenant)
            let reused = try signer.makeAssertion(clientID: Self.appID, audience: endpoint, now: Date())
            let replaying = try ClientAssertionCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: Self.appID,
                options: env.options()
            ) { reused }
            _ = try await replaying.getToken(scopes: managementScope)
            let replay = try #require(
                await caught { try await replaying.getToken(scopes: ["https://vault.azure.net/.default"]) }
                    as? AzureIdentityError
            )
            #expect(replay.entraError?.errorCodes == [50027])

            let misaddressed = try ClientAssertionCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: Self.appID,
                options: env.options()
            ) {
                try signer.makeAssertion(
                    clientID: Self.appID,
                    audience: "https://login.microsoftonline.com/x",
                    now: Date()
                )
            }
            let audience = try #require(
                await caught { try await misaddressed.getToken(scopes: managementScope) } as? AzureIdentityError
            )
            #expect(audience.entraError?.errorCodes == [50027])
            #expect(audience.entraError?.errorDescription?.contains("audience") == true)

            let wrongIssuer = try ClientAssertionCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: Self.appID,
                options: env.options()
            ) {
                try signer.makeAssertion(clientID: "someone-else", audience: endpoint, now: Date())
            }
            let issuer = try #require(
                await caught { try await wrongIssuer.getToken(scopes: managementScope) } as? AzureIdentityError
            )
            #expect(issuer.entraError?.errorDescription?.contains("iss and sub") == true)
        }
    }

    @Test func expiredAssertionIsOutsideItsTimeRange() async throws {
        try await withFake { env in
            let certificate = try registerCertificateApp(env)
            let clock = ManualTimeSource(now: Date().addingTimeInterval(-3600))
            let credential = try ClientCertificateCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: Self.appID,
                certificate: ClientCertificate(pem: certificate.combinedPEM),
                options: env.options(timeSource: clock)
            )
            let error = try #require(
                await caught { try await credential.getToken(scopes: managementScope) } as? AzureIdentityError
            )
            #expect(error.entraError?.errorCodes == [700024])
        }
    }

    @Test func certificateChainIsSentAsX5CForSubjectNameIssuerAuth() async throws {
        try await withFake { env in
            let certificate = try env.fake.certificateAuthority.issueClientCertificate(commonName: "sni-app")
            env.fake.register(
                FakeApplication(
                    clientID: Self.appID,
                    tenantID: FakeEnvironment.tenant,
                    trustedIssuers: [env.fake.certificateAuthority.certificate]
                )
            )
            let loaded = try ClientCertificate(pem: certificate.chainPEM)
            #expect(loaded.chain.count == 2)
            let credential = try ClientCertificateCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: Self.appID,
                certificate: loaded,
                sendCertificateChain: true,
                options: env.options()
            )
            _ = try await credential.getToken(scopes: managementScope)
            let (header, _) = try #require(env.fake.tokenRequests.first?.clientAssertion)
            let x5c = try #require(header["x5c"] as? [String])
            #expect(x5c.count == 2)
            #expect(Data(base64Encoded: x5c[0]).map(Array.init) == certificate.derBytes)

            let withoutChain = try ClientCertificateCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: Self.appID,
                certificate: loaded,
                options: env.options()
            )
            let error = try #require(
                await caught { try await withoutChain.getToken(scopes: managementScope) } as? AzureIdentityError
            )
            #expect(error.entraError?.errorCodes == [700027])
        }
    }

    @Test func keyThatDoesNotMatchTheCertificateIsRefused() throws {
        let authority = try TestCertificateAuthority()
        let one = try authority.issueClientCertificate(commonName: "one")
        let two = try authority.issueClientCertificate(commonName: "two")
        let error = #expect(throws: AzureIdentityError.self) {
            try ClientCertificate(certificatePEM: one.certificatePEM, privateKeyPEM: two.privateKeyPEM)
        }
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.message.contains("does not match") == true)
    }
}

func base64url(_ bytes: [UInt8]) -> String {
    Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        .replacingOccurrences(of: "=", with: "")
}
