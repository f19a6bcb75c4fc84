// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation
import InMemoryLogging
import Logging
import Testing

@Suite struct RedactionTests {
    @Test func noSecretReachesLogsErrorsOrDumps() async throws {
        try await withFake { env in
            var handler = InMemoryLogHandler()
            handler.logLevel = .trace
            let logger = Logger(label: "redaction", factory: { _ in handler })
            let options = env.options(logger: logger)
            env.fake.register(
                FakeApplication(clientID: "public-app", tenantID: FakeEnvironment.tenant, isPublicClient: true)
            )
            env.fake.register(
                FakeUser(
                    tenantID: FakeEnvironment.tenant,
                    username: "carol@contoso.example",
                    password: "carol-password-123"
                )
            )
            let certificate = try env.fake.certificateAuthority.issueClientCertificate(commonName: "redaction")
            env.fake.register(
                FakeApplication(
                    clientID: "cert-app",
                    tenantID: FakeEnvironment.tenant,
                    certificates: [certificate.certificate]
                )
            )

            var secrets = [FakeEnvironment.secret, "carol-password-123", "wrong-secret-123456", "wrong-password-987"]
            var texts: [String] = []
            func record(_ value: Any) {
                var dumped = ""
                dump(value, to: &dumped)
                texts += ["\(value)", String(reflecting: value), dumped]
            }

            let good = try ClientSecretCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: FakeEnvironment.clientID,
                secret: Secret(FakeEnvironment.secret),
                options: options
            )
            let token = try await good.getToken(scopes: managementScope)
            secrets.append(token.token.revealedValue())
            record(token)
            record(good)

            let user = try UsernamePasswordCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: "public-app",
                username: "carol@contoso.example",
                password: Secret("carol-password-123"),
                options: options
            )
            let userToken = try await user.getToken(scopes: ["https://graph.microsoft.com/User.Read"])
            secrets.append(userToken.token.revealedValue())
            _ = try await user.getToken(scopes: ["https://vault.azure.net/user_impersonation"])
            secrets += env.fake.tokenRequests.compactMap { $0.form["refresh_token"] }
            record(user)

            let fromEnvironment = EnvironmentCredential(
                options: env.options(
                    logger: logger,
                    environment: [
                        "AZURE_TENANT_ID": FakeEnvironment.tenant, "AZURE_CLIENT_ID": FakeEnvironment.clientID,
                        "AZURE_CLIENT_SECRET": FakeEnvironment.secret,
                    ]
                )
            )
            _ = try await fromEnvironment.getToken(scopes: ["https://storage.azure.com/.default"])
            record(fromEnvironment)
            record(
                env.options(
                    logger: logger,
                    environment: [
                        "AZURE_CLIENT_SECRET": FakeEnvironment.secret, "AZURE_PASSWORD": "carol-password-123",
                    ]
                )
            )

            let certificateCredential = try ClientCertificateCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: "cert-app",
                certificate: ClientCertificate(pem: certificate.combinedPEM),
                options: options
            )
            _ = try await certificateCredential.getToken(scopes: managementScope)
            secrets += env.fake.tokenRequests.compactMap { $0.form["client_assertion"] }
            record(certificateCredential)

            let failures: [any TokenCredential] = [
                try ClientSecretCredential(
                    tenantID: FakeEnvironment.tenant,
                    clientID: FakeEnvironment.clientID,
                    secret: Secret("wrong-secret-123456"),
                    options: options
                ),
                try UsernamePasswordCredential(
                    tenantID: FakeEnvironment.tenant,
                    clientID: "public-app",
                    username: "carol@contoso.example",
                    password: Secret("wrong-password-987"),
                    options: options
                ),
            ]
            for credential in failures {
                let error = try #require(await caught { try await credential.getToken(scopes: managementScope) })
                record(error)
            }
            let chainError = try #require(
                await caught {
                    try await ChainedTokenCredential(failures, logger: logger).getToken(scopes: managementScope)
                }
            )
            record(chainError)

            let entries = handler.entries
            #expect(!entries.isEmpty, "the credentials logged something to check")
            texts += entries.map { "\($0.message) \($0.metadata)" }
            #expect(secrets.count >= 7)
            #expect(
                texts.contains { $0.contains(FakeEnvironment.clientID) },
                "dumps are deep enough to reach the credential's fields"
            )
            #expect(texts.contains { $0.contains("AADSTS7000215") }, "error texts carry Entra's details")
            for secret in secrets {
                for text in texts {
                    #expect(!text.contains(secret), "a secret leaked into: \(text.prefix(200))")
                }
            }
        }
    }
}

/// The transport layer hides what it carries from reflection, so no credential that holds it can leak through it.
@Suite struct TransportReflectionTests {
    @Test func requestsAndResponsesRedactBodiesAndHeaderValues() {
        let request = TransportRequest(
            method: "POST", url: "https://127.0.0.1/t/oauth2/v2.0/token",
            headers: [(name: "X-IDENTITY-HEADER", value: "header-secret-123")],
            body: Array("client_secret=form-secret-456".utf8))
        let response = TransportResponse(
            status: 200, headers: [(name: "Set-Cookie", value: "cookie-secret-789")],
            body: Array("{\"access_token\":\"token-secret-000\"}".utf8))
        var text = ""
        dump(request, to: &text)
        dump(response, to: &text)
        text += String(reflecting: request) + String(reflecting: response)
        for secret in ["header-secret-123", "form-secret-456", "cookie-secret-789", "token-secret-000"] {
            #expect(!text.contains(secret))
        }
        #expect(text.contains("X-IDENTITY-HEADER"))
    }

    @Test func transportsAndCachesShowNoChildren() throws {
        let transport = try AsyncHTTPClientTransport()
        defer { Task { try? await transport.shutdown() } }
        #expect(Mirror(reflecting: transport).children.isEmpty)
        #expect(Mirror(reflecting: TokenCache()).children.isEmpty)
    }
}

@Suite struct InFlightDumpTests {
    /// A dump taken while the token request is on the wire must not reach the request's form body.
    @Test func dumpingACredentialDuringARequestShowsNoSecret() async throws {
        try await withFake { env in
            // The request stays on the wire until cancelled, however late the dump runs on a loaded machine.
            env.fake.inject(FakeFault(.delay(.seconds(600))))
            let credential = try ClientSecretCredential(
                tenantID: FakeEnvironment.tenant, clientID: FakeEnvironment.clientID,
                secret: Secret(FakeEnvironment.secret), options: env.options(timeSource: nil, retry: .none))
            let task = Task { try await credential.getToken(scopes: managementScope) }
            try await Task.sleep(for: .milliseconds(300))
            var text = ""
            dump(credential, to: &text, maxDepth: 64)
            text += String(reflecting: credential)
            task.cancel()
            _ = await task.result
            #expect(!text.contains(FakeEnvironment.secret))
            #expect(!text.isEmpty)
        }
    }
}
