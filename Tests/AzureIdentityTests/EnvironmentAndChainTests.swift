// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

@Suite struct EnvironmentAndChainTests {
    private func baseEnvironment() -> [String: String] {
        ["AZURE_TENANT_ID": FakeEnvironment.tenant, "AZURE_CLIENT_ID": FakeEnvironment.clientID]
    }

    @Test func secretWinsOverCertificateAndUsername() async throws {
        try await withFake { env in
            var variables = baseEnvironment()
            variables["AZURE_CLIENT_SECRET"] = FakeEnvironment.secret
            variables["AZURE_CLIENT_CERTIFICATE_PATH"] = "/nonexistent.pem"
            variables["AZURE_USERNAME"] = "someone"
            variables["AZURE_PASSWORD"] = "pw"
            let credential = EnvironmentCredential(options: env.options(environment: variables))
            #expect(credential.selectedCredentialName == "ClientSecretCredential")
            _ = try await credential.getToken(scopes: managementScope)
            #expect(env.fake.tokenRequests.first?.form["client_secret"] == FakeEnvironment.secret)
        }
    }

    @Test func certificateFromTheEnvironmentWithChain() async throws {
        try await withFake { env in
            let certificate = try env.fake.certificateAuthority.issueClientCertificate(commonName: "env-cert")
            env.fake.register(
                FakeApplication(
                    clientID: FakeEnvironment.clientID,
                    tenantID: FakeEnvironment.tenant,
                    certificates: [certificate.certificate]
                )
            )
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            var variables = baseEnvironment()
            variables["AZURE_CLIENT_CERTIFICATE_PATH"] = try directory.write(
                "app.pfx",
                try certificate.pkcs12(password: "pw")
            )
            variables["AZURE_CLIENT_CERTIFICATE_PASSWORD"] = "pw"
            variables["AZURE_CLIENT_SEND_CERTIFICATE_CHAIN"] = "TRUE"
            let credential = EnvironmentCredential(options: env.options(environment: variables))
            #expect(credential.selectedCredentialName == "ClientCertificateCredential")
            _ = try await credential.getToken(scopes: managementScope)
            #expect(env.fake.tokenRequests.first?.clientAssertion?.header["x5c"] != nil)
        }
    }

    @Test func usernameAndPasswordFromTheEnvironment() async throws {
        try await withFake { env in
            env.fake.register(
                FakeApplication(
                    clientID: FakeEnvironment.clientID,
                    tenantID: FakeEnvironment.tenant,
                    isPublicClient: true
                )
            )
            env.fake.register(
                FakeUser(tenantID: FakeEnvironment.tenant, username: "u@contoso.example", password: "pw-123")
            )
            var variables = baseEnvironment()
            variables["AZURE_USERNAME"] = "u@contoso.example"
            variables["AZURE_PASSWORD"] = "pw-123"
            let credential = EnvironmentCredential(options: env.options(environment: variables))
            #expect(credential.selectedCredentialName == "UsernamePasswordCredential")
            _ = try await credential.getToken(scopes: managementScope)
            #expect(env.fake.tokenRequests.first?.form["grant_type"] == "password")
        }
    }

    @Test func additionallyAllowedTenantsFromTheEnvironment() async throws {
        try await withFake { env in
            env.fake.register(
                FakeApplication(
                    clientID: FakeEnvironment.clientID,
                    tenantID: FakeEnvironment.tenant,
                    isMultiTenant: true,
                    secrets: [FakeEnvironment.secret]
                )
            )
            var variables = baseEnvironment()
            variables["AZURE_CLIENT_SECRET"] = FakeEnvironment.secret
            variables["AZURE_ADDITIONALLY_ALLOWED_TENANTS"] = "other.example;\(FakeEnvironment.otherTenant)"
            let credential = EnvironmentCredential(options: env.options(environment: variables))
            _ = try await credential.getToken(
                for: TokenRequest(scopes: managementScope, tenantID: FakeEnvironment.otherTenant)
            )
            #expect(env.fake.tokenRequests.first?.path.hasPrefix("/\(FakeEnvironment.otherTenant)/") == true)
        }
    }

    @Test func rejectedEnvironmentSecretKeepsEntraDetails() async throws {
        try await withFake { env in
            var variables = baseEnvironment()
            variables["AZURE_CLIENT_SECRET"] = "stale-secret-from-env"
            let credential = EnvironmentCredential(options: env.options(environment: variables))
            let error = try #require(
                await caught { try await credential.getToken(scopes: managementScope) } as? AzureIdentityError
            )
            #expect(error.code == .authenticationFailed)
            #expect(error.credentialName == "EnvironmentCredential")
            #expect(error.message.hasPrefix("EnvironmentCredential authentication failed (ClientSecretCredential)"))
            #expect(error.entraError?.errorCodes == [7000215])
            #expect(!error.description.contains("stale-secret-from-env"))
            #expect(env.fake.tokenRequests.first?.form["client_secret"] == "stale-secret-from-env")
        }
    }

    @Test func missingCertificateFileIsAConfigurationError() async throws {
        var variables = baseEnvironment()
        variables["AZURE_CLIENT_CERTIFICATE_PATH"] = "/nonexistent/app.pem"
        let credential = EnvironmentCredential(options: CredentialOptions(environment: variables))
        #expect(credential.selectedCredentialName == "ClientCertificateCredential")
        let error = try #require(
            await caught { try await credential.getToken(scopes: managementScope) } as? AzureIdentityError
        )
        #expect(error.code == .invalidConfiguration)
        #expect(error.message.contains("/nonexistent/app.pem"))
    }

    @Test func unconfiguredAndMisconfiguredEnvironments() async throws {
        let empty = EnvironmentCredential(options: CredentialOptions(environment: [:]))
        let unavailable = try #require(
            await caught { try await empty.getToken(scopes: managementScope) } as? AzureIdentityError
        )
        #expect(unavailable.code == .credentialUnavailable)
        #expect(empty.selectedCredentialName == nil)

        let badTenant = EnvironmentCredential(
            options: CredentialOptions(environment: [
                "AZURE_TENANT_ID": "bad tenant!", "AZURE_CLIENT_ID": "c", "AZURE_CLIENT_SECRET": "s",
            ])
        )
        let invalid = try #require(
            await caught { try await badTenant.getToken(scopes: managementScope) } as? AzureIdentityError
        )
        #expect(invalid.code == .invalidConfiguration)

        let httpHost = EnvironmentCredential(
            options: CredentialOptions(environment: [
                "AZURE_TENANT_ID": "t", "AZURE_CLIENT_ID": "c", "AZURE_CLIENT_SECRET": "s",
                "AZURE_AUTHORITY_HOST": "http://login.example",
            ])
        )
        let insecure = try #require(
            await caught { try await httpHost.getToken(scopes: managementScope) } as? AzureIdentityError
        )
        #expect(insecure.code == .invalidConfiguration)
    }

    @Test func chainSkipsUnavailableCredentials() async throws {
        try await withFake { env in
            let good = try ClientSecretCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: FakeEnvironment.clientID,
                secret: Secret(FakeEnvironment.secret),
                options: env.options()
            )
            let chain = ChainedTokenCredential([EnvironmentCredential(options: env.options(environment: [:])), good])
            let token = try await chain.getToken(scopes: managementScope)
            #expect(env.fake.verifiedClaims(of: token.token.revealedValue()) != nil)
        }
    }

    @Test func chainStopsAtAFailureAndListsEveryAttempt() async throws {
        try await withFake { env in
            let bad = try ClientSecretCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: FakeEnvironment.clientID,
                secret: Secret("bad-secret-xyz"),
                options: env.options()
            )
            let good = try ClientSecretCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: FakeEnvironment.clientID,
                secret: Secret(FakeEnvironment.secret),
                options: env.options()
            )
            let chain = ChainedTokenCredential([
                EnvironmentCredential(options: env.options(environment: [:])), bad, good,
            ])
            let error = try #require(await caught { try await chain.getToken(scopes: managementScope) } as? ChainError)
            #expect(
                error.attempts.map(\.credentialName)
                    == ["EnvironmentCredential", "ClientSecretCredential", "ClientSecretCredential"])
            #expect(error.attempts.map(\.outcome) == [.unavailable, .failed, .notTried])
            #expect((error.attempts[1].error as? AzureIdentityError)?.entraError?.errorCodes == [7000215])
            #expect(env.fake.tokenRequests.count == 1, "the chain stopped before the good credential")
            let text = error.description
            #expect(text.contains("EnvironmentCredential: unavailable"))
            #expect(text.contains("ClientSecretCredential: failed"))
            #expect(text.contains("ClientSecretCredential: not tried: link 2 stopped the chain"))
            #expect(!text.contains("bad-secret-xyz"))
        }
    }

    /// A third-party credential written without any isolation attribute still conforms.
    private struct ThrowingCredential: TokenCredential {
        struct Boom: Error {}
        func getToken(for request: TokenRequest) async throws -> AccessToken {
            throw Boom()
        }
    }

    @Test func foreignErrorsStopTheChain() async throws {
        let chain = ChainedTokenCredential([
            EnvironmentCredential(options: CredentialOptions(environment: [:])),
            ThrowingCredential(),
            EnvironmentCredential(options: CredentialOptions(environment: [:])),
        ])
        let error = try #require(await caught { try await chain.getToken(scopes: managementScope) } as? ChainError)
        #expect(error.attempts.map(\.outcome) == [.unavailable, .failed, .notTried])
        #expect(error.attempts[1].credentialName == "ThrowingCredential")
        #expect(error.attempts[1].error is ThrowingCredential.Boom)
    }

    @Test func nestedChainsOfUnavailableLinksLetTheOuterChainContinue() async throws {
        try await withFake { env in
            let unavailable = ChainedTokenCredential([EnvironmentCredential(options: env.options(environment: [:]))])
            let good = try ClientSecretCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: FakeEnvironment.clientID,
                secret: Secret(FakeEnvironment.secret),
                options: env.options()
            )
            let token = try await ChainedTokenCredential([unavailable, good]).getToken(scopes: managementScope)
            #expect(env.fake.verifiedClaims(of: token.token.revealedValue()) != nil)

            let failing = ChainedTokenCredential([
                try ClientSecretCredential(
                    tenantID: FakeEnvironment.tenant,
                    clientID: FakeEnvironment.clientID,
                    secret: Secret("bad"),
                    options: env.options()
                )
            ])
            let error = try #require(
                await caught { try await ChainedTokenCredential([failing, good]).getToken(scopes: managementScope) }
                    as? ChainError
            )
            #expect(error.attempts.map(\.outcome) == [.failed, .notTried])
        }
    }

    @Test func chainOfOnlyUnavailableCredentials() async throws {
        let chain = ChainedTokenCredential([
            EnvironmentCredential(options: CredentialOptions(environment: [:])),
            EnvironmentCredential(options: CredentialOptions(environment: [:])),
        ])
        let error = try #require(await caught { try await chain.getToken(scopes: managementScope) } as? ChainError)
        #expect(error.attempts.count == 2)
        #expect(error.attempts.allSatisfy { $0.outcome == .unavailable })
    }
}
