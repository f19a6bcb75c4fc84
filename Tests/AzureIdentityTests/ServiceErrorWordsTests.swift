// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation
import Logging
import Testing

/// Issue 11, "Errors keep Entra's words": every refusal from a token endpoint, a managed identity endpoint or the
/// Azure Pipelines OIDC endpoint names the AADSTS code(s), the first line of the description, the HTTP status, the
/// endpoint and the trace and correlation ids — and never a secret, an assertion or a token, even when the service
/// echoes one back.
@Suite struct ServiceErrorWordsTests {
    /// The message states `codes`, the status and endpoint, the trace id and the correlation id, once each.
    static func expectWords(
        _ error: AzureIdentityError, codes: [String], status: Int, endpoint: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let report = try #require(error.serviceReport, sourceLocation: sourceLocation)
        let entra = try #require(report.entraError, sourceLocation: sourceLocation)
        #expect(entra.aadstsCodes == codes, sourceLocation: sourceLocation)
        #expect(report.statusCode == status && report.endpoint == endpoint, sourceLocation: sourceLocation)
        let trace = try #require(entra.traceID, sourceLocation: sourceLocation)
        let correlation = try #require(entra.correlationID, sourceLocation: sourceLocation)
        for code in codes {
            #expect(error.message.contains(code), "\(error.message)", sourceLocation: sourceLocation)
        }
        for part in ["HTTP \(status) from \(endpoint)", "trace ID \(trace)", "correlation ID \(correlation)"] {
            #expect(error.message.contains(part), "\(error.message)", sourceLocation: sourceLocation)
        }
        let description = "\(error)"
        #expect(description.components(separatedBy: "trace ID \(trace)").count == 2, "said once: \(description)")
    }

    // MARK: Token endpoint

    @Test func aWrongSecretShowsEntrasWordsAndIdsButNotTheSecret() async throws {
        try await withFake { env in
            let wrong = "wrong~secret.value-0123456789"
            let credential = try ClientSecretCredential(
                tenantID: FakeEnvironment.tenant, clientID: FakeEnvironment.clientID, secret: Secret(wrong),
                options: env.options())
            let error = try #require(
                await caught { try await credential.getToken(scopes: managementScope) } as? AzureIdentityError)
            let endpoint = env.fake.tokenEndpoint(tenantID: FakeEnvironment.tenant)
            try Self.expectWords(error, codes: ["AADSTS7000215"], status: 401, endpoint: endpoint)
            #expect(
                error.message.hasPrefix(
                    "ClientSecretCredential authentication failed: AADSTS7000215: Invalid client "
                        + "secret provided."))
            #expect(error.message.contains("(invalid_client; HTTP 401 from "))
            let sent = try #require(env.fake.tokenRequests.first?.header("client-request-id"))
            #expect(error.entraError?.correlationID == sent, "the correlation id echoes client-request-id")
            #expect(!"\(error)".contains(wrong) && !String(reflecting: error).contains(wrong))
            #expect(error.shortDescription == "authenticationFailed AADSTS7000215")
        }
    }

    @Test func aScopeWithoutDefaultNamesAADSTS1002012() async throws {
        try await withFake { env in
            let credential = try ClientSecretCredential(
                tenantID: FakeEnvironment.tenant, clientID: FakeEnvironment.clientID,
                secret: Secret(FakeEnvironment.secret), options: env.options())
            let error = try #require(
                await caught { try await credential.getToken(scopes: ["https://management.azure.com"]) }
                    as? AzureIdentityError)
            try Self.expectWords(
                error, codes: ["AADSTS1002012"], status: 400,
                endpoint: env.fake.tokenEndpoint(tenantID: FakeEnvironment.tenant))
            #expect(error.message.contains("(invalid_scope; HTTP 400"))
        }
    }

    @Test func aChainErrorListsEveryLinkWithItsWords() async throws {
        try await withFake { env in
            let wrong = try ClientSecretCredential(
                tenantID: FakeEnvironment.tenant, clientID: FakeEnvironment.clientID,
                secret: Secret("wrong~secret.value-0123456789"), options: env.options())
            let unknownApp = try ClientSecretCredential(
                tenantID: FakeEnvironment.tenant, clientID: "00000000-0000-0000-0000-00000000abcd",
                secret: Secret("another~secret.value-0123456789"), options: env.options())
            let chain = ChainedTokenCredential([
                EnvironmentCredential(options: env.options(environment: [:])), wrong, unknownApp,
            ])
            let error = try #require(
                await caught { try await chain.getToken(scopes: managementScope) } as? ChainError)
            let text = "\(error)"
            #expect(text.contains("EnvironmentCredential: unavailable"))
            #expect(
                text.contains(
                    "ClientSecretCredential: failed: ClientSecretCredential authentication failed: "
                        + "AADSTS7000215"))
            #expect(text.contains("trace ID ") && text.contains("correlation ID "))
            #expect(!text.contains("wrong~secret") && !text.contains("another~secret"))
        }
    }

    /// A token endpoint that echoes what it was sent — the secret, the assertion, as a JWT and as form text — in
    /// every field of its error body. None of it reaches the error.
    @Test(arguments: ["secret", "assertion", "jwtAssertion", "password", "userAssertion"])
    func echoedSecretsAndAssertionsAreRedacted(kind: String) async throws {
        let secret = "planted~Secret.0123456789"
        let assertion = "planted-assertion-0123456789"
        let jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwbGFudGVkIn0.c2lnbmF0dXJlLXBsYW50ZWQ"
        let server = try await HostileServer.started(tls: true) { request in
            let echoed =
                request.form["password"] ?? request.form["assertion"] ?? request.form["client_secret"]
                ?? request.form["client_assertion"] ?? "?"
            let body: [String: Any] = [
                "error": "invalid_client \(echoed)",
                "error_description": "AADSTS7000215: Invalid client secret provided: '\(echoed)' (client_secret="
                    + "\(echoed.prefix(4))xyz-leaked).\r\nTrace ID: t-\(echoed)",
                "error_codes": [7000215], "trace_id": "trace-\(echoed)", "correlation_id": "corr-\(echoed)",
                "timestamp": echoed,
            ]
            let data = (try? JSONSerialization.data(withJSONObject: body)) ?? Data()
            return .init(status: 401, body: Array(data))
        }
        let transport = try AsyncHTTPClientTransport(
            configuration: TransportConfiguration(additionalTrustRootsPEM: [server.caCertificatePEM]))
        defer {
            Task {
                try? await server.shutdown(); try? await transport.shutdown()
            }
        }
        let options = CredentialOptions(
            authorityHost: server.authorityHost, transport: LoopbackOnlyTransport(transport),
            retryPolicy: RetryPolicy(maxRetries: 0), environment: [:])
        let credential: any TokenCredential =
            switch kind {
            case "secret":
                try ClientSecretCredential(
                    tenantID: FakeEnvironment.tenant, clientID: FakeEnvironment.clientID, secret: Secret(secret),
                    options: options)
            case "assertion":
                try ClientAssertionCredential(
                    tenantID: FakeEnvironment.tenant, clientID: FakeEnvironment.clientID, options: options
                ) { Secret(assertion) }
            case "password":
                try UsernamePasswordCredential(
                    tenantID: FakeEnvironment.tenant, clientID: FakeEnvironment.clientID,
                    username: "erin@contoso.example", password: Secret(secret), options: options)
            case "userAssertion":
                try OnBehalfOfCredential(
                    tenantID: FakeEnvironment.tenant, clientID: FakeEnvironment.clientID, userAssertion: Secret(jwt),
                    authentication: .secret(Secret("obo~client.secret-0123456789")), options: options)
            default:
                try ClientAssertionCredential(
                    tenantID: FakeEnvironment.tenant, clientID: FakeEnvironment.clientID, options: options
                ) { Secret(jwt) }
            }
        let error = try #require(
            await caught { try await credential.getToken(scopes: managementScope) } as? AzureIdentityError)
        let entra = try #require(error.entraError)
        let texts = [
            error.message, "\(error)", String(reflecting: error), entra.summary, entra.error,
            entra.errorDescription ?? "", entra.traceID ?? "", entra.correlationID ?? "", entra.timestamp ?? "",
            error.serviceReport?.details ?? "",
        ]
        for text in texts {
            for planted in [secret, assertion, jwt, "xyz-leaked", "obo~client.secret"] {
                #expect(!text.contains(planted), "\(planted) in \(text)")
            }
        }
        #expect(error.message.contains("AADSTS7000215") && error.message.contains("trace ID trace-<redacted>"))
        try await server.shutdown()
        try await transport.shutdown()
    }

    // MARK: Managed identity

    @Test func imdsRelaysEntrasRefusalWithItsIds() async throws {
        try await withFake { env in
            MIFixtures.register(env)
            env.fake.markResourceUnknown("https://unknown.example")
            let (credential, _) = try MIFixtures.credential(env)
            let error = try #require(
                await caught { try await credential.getToken(scopes: ["https://unknown.example/.default"]) }
                    as? AzureIdentityError)
            try Self.expectWords(
                error, codes: ["AADSTS500011"], status: 400,
                endpoint: env.fake.managedIdentityURL + "/metadata/identity/oauth2/token")
            #expect(error.message.contains("The resource principal named https://unknown.example was not found"))
            #expect(!error.message.contains("api-version"), "the endpoint is shown without its query")
        }
    }

    @Test func appServiceRelaysEntrasRefusalInItsOwnShape() async throws {
        try await withFake { env in
            MIFixtures.register(env)
            env.fake.markResourceUnknown("https://unknown.example")
            let header = env.fake.appServiceIdentityHeader
            let (credential, _) = try MIFixtures.credential(
                env,
                environment: [
                    "IDENTITY_ENDPOINT": "\(env.fake.managedIdentityURL)/msi/token", "IDENTITY_HEADER": header,
                ])
            let error = try #require(
                await caught { try await credential.getToken(scopes: ["https://unknown.example/.default"]) }
                    as? AzureIdentityError)
            try Self.expectWords(
                error, codes: ["AADSTS500011"], status: 400, endpoint: env.fake.managedIdentityURL + "/msi/token")
            #expect(error.code == .authenticationFailed)
            #expect(!"\(error)".contains(header))
        }
    }

    @Test func anEchoedIdentityHeaderIsRedacted() async throws {
        let header = "planted-identity-header-0123456789"
        let server = try await HostileServer.started(tls: false) { request in
            let echoed = request.header("X-IDENTITY-HEADER") ?? "?"
            return .init(
                status: 500,
                #"{"statusCode":500,"message":"AADSTS50000: header \#(echoed) refused\r\nTrace ID: tr-1\r\n"#
                    + #"Correlation ID: co-1","correlationId":"co-1"}"#)
        }
        let base = try AsyncHTTPClientTransport(configuration: TransportConfiguration())
        let credential = try ManagedIdentityCredential(
            managedIdentity: ManagedIdentityOptions(maxRetries: 0, jitter: false),
            options: CredentialOptions(
                transport: LoopbackOnlyTransport(base), retryPolicy: RetryPolicy(maxRetries: 0),
                environment: ["IDENTITY_ENDPOINT": server.url + "/msi/token", "IDENTITY_HEADER": header]))
        let error = await caught { try await credential.getToken(scopes: managementScope) } as? AzureIdentityError
        try await server.shutdown()
        try await base.shutdown()
        let refusal = try #require(error)
        #expect(!"\(refusal)".contains(header), "\(refusal)")
        #expect(refusal.message.contains("AADSTS50000: header <redacted> refused"), "\(refusal.message)")
        #expect(refusal.message.contains("trace ID tr-1; correlation ID co-1"), "\(refusal.message)")
    }

    // MARK: Azure Pipelines

    @Test func theOIDCEndpointsRefusalNamesItsSupportIDs() async throws {
        try await withFake { env in
            let connection = "0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f60"
            let job = try PipelineFixtures.register(
                env, appID: "a2b2c2d2-0000-0000-0000-000000000011", connectionID: connection,
                ignoresRedirectSuppression: false)
            let wrong = "wrong-system-access-token-0123456789abcdef"
            let credential = try PipelineFixtures.credential(
                env, job: job, appID: "a2b2c2d2-0000-0000-0000-000000000011", serviceConnectionID: connection,
                systemAccessToken: wrong, logger: .init(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
            let error = try #require(
                await caught { try await credential.getToken(scopes: managementScope) } as? AzureIdentityError)
            let report = try #require(error.serviceReport)
            let endpoint = String(env.fake.oidcRequestURI(for: job))
            #expect(report.statusCode == 401 && report.endpoint == endpoint)
            #expect(
                error.message.contains("HTTP 401 from \(endpoint))")
                    || error.message.contains("HTTP 401 from \(endpoint);"))
            for name in ["x-vss-e2eid", "ActivityId", "x-msedge-ref"] {
                let value = try #require(report.supportHeaders[name], "\(name)")
                #expect(error.message.contains("\(name): \(value)"), "\(error.message)")
            }
            #expect(error.message.contains("TF400813") && error.message.contains("UnauthorizedRequestException"))
            #expect(!"\(error)".contains(wrong) && !error.message.contains("serviceConnectionId"))
        }
    }

    @Test func entrasRefusalOfThePipelinesAssertionNamesItsWords() async throws {
        try await withFake { env in
            let connection = "0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f60"
            let appID = "a2b2c2d2-0000-0000-0000-000000000012"
            let job = FakePipelineJob(serviceConnections: [connection: "prod-arm"])
            env.fake.register(job)
            // The application trusts the organization's issuer for another subject only.
            env.fake.register(
                FakeApplication(
                    clientID: appID, tenantID: FakeEnvironment.tenant,
                    federatedCredentials: [FakeFederatedCredential(issuer: job.issuer.issuer, subject: "sc://x/y/z")]))
            let credential = try PipelineFixtures.credential(
                env, job: job, appID: appID, serviceConnectionID: connection, systemAccessToken: job.systemAccessToken,
                logger: .init(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
            let error = try #require(
                await caught { try await credential.getToken(scopes: managementScope) } as? AzureIdentityError)
            try Self.expectWords(
                error, codes: ["AADSTS700213"], status: 400,
                endpoint: env.fake.tokenEndpoint(tenantID: FakeEnvironment.tenant))
            #expect(error.message.hasPrefix("AzurePipelinesCredential authentication failed: AADSTS700213"))
            #expect(!"\(error)".contains("eyJ") && !"\(error)".contains(job.systemAccessToken))
        }
    }
}
