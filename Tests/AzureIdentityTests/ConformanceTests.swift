// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

/// Every credential passes the public conformance suite against the fake.
@Suite struct ConformanceTests {
    @Test func clientSecretCredential() async throws {
        try await withFake { env in
            try await TokenCredentialConformance(
                fake: env.fake,
                scopes: managementScope,
                secrets: [FakeEnvironment.secret]
            ) {
                try ClientSecretCredential(
                    tenantID: FakeEnvironment.tenant,
                    clientID: FakeEnvironment.clientID,
                    secret: Secret(FakeEnvironment.secret),
                    options: env.options(retry: .none)
                )
            }.run()
        }
    }

    @Test func clientCertificateCredential() async throws {
        try await withFake { env in
            let certificate = try env.fake.certificateAuthority.issueClientCertificate(commonName: "conformance")
            env.fake.register(
                FakeApplication(
                    clientID: "cert-app",
                    tenantID: FakeEnvironment.tenant,
                    certificates: [certificate.certificate]
                )
            )
            let loaded = try ClientCertificate(pem: certificate.combinedPEM)
            try await TokenCredentialConformance(
                fake: env.fake,
                scopes: managementScope,
                secrets: [certificate.privateKeyPEM]
            ) {
                try ClientCertificateCredential(
                    tenantID: FakeEnvironment.tenant,
                    clientID: "cert-app",
                    certificate: loaded,
                    options: env.options(retry: .none)
                )
            }.run()
        }
    }

    @Test func usernamePasswordCredential() async throws {
        try await withFake { env in
            env.fake.register(
                FakeApplication(clientID: "public", tenantID: FakeEnvironment.tenant, isPublicClient: true)
            )
            env.fake.register(
                FakeUser(tenantID: FakeEnvironment.tenant, username: "erin@contoso.example", password: "erin-pw-42")
            )
            try await TokenCredentialConformance(fake: env.fake, scopes: managementScope, secrets: ["erin-pw-42"]) {
                try UsernamePasswordCredential(
                    tenantID: FakeEnvironment.tenant,
                    clientID: "public",
                    username: "erin@contoso.example",
                    password: Secret("erin-pw-42"),
                    options: env.options(retry: .none)
                )
            }.run()
        }
    }

    @Test func workloadIdentityCredential() async throws {
        try await withFake { env in
            let issuer = FakeFederatedIssuer(issuer: "https://oidc.conformance.example")
            env.fake.register(issuer)
            env.fake.register(
                FakeApplication(
                    clientID: "wl-app",
                    tenantID: FakeEnvironment.tenant,
                    federatedCredentials: [FakeFederatedCredential(issuer: issuer.issuer, subject: "system:sa")]
                )
            )
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let federatedToken = issuer.mintToken(subject: "system:sa")
            let path = try directory.write("token", federatedToken)
            try await TokenCredentialConformance(fake: env.fake, scopes: managementScope, secrets: [federatedToken]) {
                try WorkloadIdentityCredential(
                    tenantID: FakeEnvironment.tenant,
                    clientID: "wl-app",
                    tokenFilePath: path,
                    options: env.options(retry: .none)
                )
            }.run()
        }
    }

    /// A credential that forgets its cache on every call, to show the suite catches it.
    private struct ForgetfulCredential: TokenCredential {
        let make: @Sendable () throws -> ClientSecretCredential
        func getToken(for request: TokenRequest) async throws -> AccessToken {
            try await make().getToken(for: request)
        }
    }

    @Test func theSuiteDetectsAMissingCache() async throws {
        try await withFake { env in
            let options = env.options(retry: .none)
            let suite = TokenCredentialConformance(fake: env.fake, scopes: managementScope, secrets: []) {
                ForgetfulCredential {
                    try ClientSecretCredential(
                        tenantID: FakeEnvironment.tenant,
                        clientID: FakeEnvironment.clientID,
                        secret: Secret(FakeEnvironment.secret),
                        options: options
                    )
                }
            }
            let failure = try #require(
                await caught { try await suite.checkCaching() } as? TokenCredentialConformance.Failure
            )
            #expect(failure.check == "caching")
        }
    }
}
