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
