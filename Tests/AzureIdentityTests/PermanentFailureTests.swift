// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

/// Issue 9 item 16: only what can succeed on retry is retried. A certificate that is wrong for the host or not
/// trusted, and a request refused before sending (a header with CR/LF), fail at once, with a typed error.
@Suite("Permanent failures are not retried")
struct PermanentFailureTests {
    private let retryEverything = RetryPolicy(maxRetries: 3, baseDelay: .milliseconds(800), jitter: false)

    @Test(
        "TLS: a certificate for another name, or from an untrusted CA, fails once with tlsFailed",
        arguments: ["wrong name", "untrusted CA"]
    )
    func tlsFailuresAreNotRetried(kind: String) async throws {
        let served = try LoopbackTLSIdentity(
            dnsNames: kind == "wrong name" ? ["elsewhere.example"] : ["localhost"],
            ipv4Addresses: kind == "wrong name" ? [] : [[127, 0, 0, 1]]
        )
        let trusted = kind == "wrong name" ? served : try LoopbackTLSIdentity(dnsNames: ["localhost"])
        let server = try await MisbehavingServer(script: [.respond(status: 200, body: "{}")], tls: served)
        let transport = try AsyncHTTPClientTransport(
            configuration: TransportConfiguration(additionalTrustRootsPEM: [trusted.caCertificatePEM])
        )
        let clock = ManualTimeSource()
        let retrying = RetryingTransport(base: transport, policy: retryEverything, timeSource: clock)
        let error = await caught { try await retrying.send(TransportRequest(method: "GET", url: server.url + "/t")) }
        try await server.shutdown()
        try await transport.shutdown()
        let transportError = try #require(error as? TransportError)
        #expect(transportError.code == .tlsFailed)
        #expect(!transportError.isRetryable)
        #expect(transportError.message.contains("retrying cannot change it"))
        #expect(transportError.message.contains(kind == "wrong name" ? "not valid for that name" : "trusted CA"))
        #expect(clock.sleeps.isEmpty, "one handshake, no back-off")
        #expect(server.requestCount == 0)
    }

    @Test("a token endpoint with a wrong certificate: one transportFailed, no retries")
    func tokenEndpointTLS() async throws {
        let served = try LoopbackTLSIdentity(dnsNames: ["elsewhere.example"])
        let server = try await MisbehavingServer(script: [.respond(status: 200, body: "{}")], tls: served)
        let transport = try AsyncHTTPClientTransport(
            configuration: TransportConfiguration(additionalTrustRootsPEM: [served.caCertificatePEM])
        )
        let clock = ManualTimeSource()
        let credential = try ClientSecretCredential(
            tenantID: FakeEnvironment.tenant,
            clientID: FakeEnvironment.clientID,
            secret: Secret(FakeEnvironment.secret),
            options: CredentialOptions(
                authorityHost: try AuthorityHost(server.url, allowLoopback: true),
                transport: transport,
                retryPolicy: retryEverything,
                timeSource: clock,
                environment: [:]
            )
        )
        let error = await caught { try await credential.getToken(scopes: managementScope) }
        try await server.shutdown()
        try await transport.shutdown()
        let identityError = try #require(error as? AzureIdentityError)
        #expect(identityError.code == .transportFailed)
        #expect((identityError.underlying as? TransportError)?.code == .tlsFailed)
        #expect(clock.sleeps.isEmpty)
    }

    @Test("a header value with CR/LF is refused before sending, typed, without showing the value")
    func headerInjectionIsRefusedLocally() async throws {
        let server = try await MisbehavingServer(script: [.respond(status: 200, body: "{}")])
        let transport = try AsyncHTTPClientTransport()
        let clock = ManualTimeSource()
        let retrying = RetryingTransport(base: transport, policy: retryEverything, timeSource: clock)
        let error = await caught {
            try await retrying.send(
                TransportRequest(method: "GET", url: server.url + "/t", headers: [("X-Secret", "hunter2\r\nX-Evil: 1")])
            )
        }
        try await server.shutdown()
        try await transport.shutdown()
        let transportError = try #require(error as? TransportError)
        #expect(transportError.code == .invalidRequest)
        #expect(transportError.message.contains("'X-Secret'"))
        #expect(!transportError.description.contains("hunter2"))
        #expect(clock.sleeps.isEmpty)
        #expect(server.requestCount == 0)
    }

    @Test(
        "IDENTITY_HEADER or MSI_SECRET with a line break: invalidConfiguration at once, nothing sent, value not shown",
        arguments: [
            ["IDENTITY_ENDPOINT": "ENDPOINT/msi/token", "IDENTITY_HEADER": "hunter2\r\nX-Evil: 1"],
            ["MSI_ENDPOINT": "ENDPOINT/msi/token", "MSI_SECRET": "hunter2\n"],
        ]
    )
    func managedIdentitySecretWithLineBreak(variables: [String: String]) async throws {
        let server = try await MisbehavingServer(script: [.respond(status: 200, body: "{}")])
        let clock = ManualTimeSource()
        let environment = variables.mapValues { $0.replacingOccurrences(of: "ENDPOINT", with: server.url) }
        let transport = try AsyncHTTPClientTransport()
        let credential = try ManagedIdentityCredential(
            options: CredentialOptions(transport: transport, timeSource: clock, environment: environment)
        )
        let started = ContinuousClock.now
        let error = await caught { try await credential.getToken(scopes: managementScope) }
        let elapsed = ContinuousClock.now - started
        try await server.shutdown()
        try await transport.shutdown()
        let identityError = try #require(error as? AzureIdentityError)
        #expect(identityError.code == .invalidConfiguration)
        #expect(!identityError.allowsChainToContinue, "a misconfiguration stops a chain; it is not 'unavailable'")
        let variable = variables.keys.contains("IDENTITY_HEADER") ? "IDENTITY_HEADER" : "MSI_SECRET"
        #expect(identityError.message.contains("\(variable) contains a control character"))
        #expect(!identityError.description.contains("hunter2"))
        #expect(server.requestCount == 0)
        #expect(clock.sleeps.isEmpty)
        // No request and no back-off above show it is not retried; elapsed time is only a hang guard.
        #expect(elapsed < HangGuard.limit, "a hang guard only")
    }

    @Test("an IDENTITY_ENDPOINT that is not an http(s) URL: invalidConfiguration naming the variable")
    func managedIdentityEndpointNotAURL() async throws {
        let clock = ManualTimeSource()
        for endpoint in ["not a url", "ftp://127.0.0.1/x", "http://127.0.0.1/\r\nx", "/msi/token"] {
            let credential = try ManagedIdentityCredential(
                options: CredentialOptions(
                    transport: ScriptedTransport([TransportResponse(status: 500)]),
                    timeSource: clock,
                    environment: ["IDENTITY_ENDPOINT": endpoint, "IDENTITY_HEADER": "h"]
                )
            )
            let error = try #require(
                await caught { try await credential.getToken(scopes: managementScope) } as? AzureIdentityError
            )
            #expect(error.code == .invalidConfiguration)
            #expect(error.message.contains("IDENTITY_ENDPOINT"))
            #expect(!error.message.contains("\r"))
        }
        #expect(clock.sleeps.isEmpty)
    }

    @Test("a chain stops at the misconfigured managed identity and reports it as a failure, not unavailable")
    func chainReportsMisconfiguration() async throws {
        let clock = ManualTimeSource()
        let options = CredentialOptions(
            transport: ScriptedTransport([TransportResponse(status: 500)]),
            timeSource: clock,
            environment: ["IDENTITY_ENDPOINT": "http://127.0.0.1:1/msi/token", "IDENTITY_HEADER": "a\nb"]
        )
        let never = ScriptedTransport([TransportResponse(status: 500)])
        var neverOptions = options
        neverOptions.transport = never
        neverOptions.environment = [:]
        let chain = ChainedTokenCredential([
            try ManagedIdentityCredential(options: options),
            try ClientSecretCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: FakeEnvironment.clientID,
                secret: Secret("s"),
                options: neverOptions
            ),
        ])
        let error = try #require(await caught { try await chain.getToken(scopes: managementScope) } as? ChainError)
        #expect(error.attempts.map(\.outcome) == [.failed, .notTried])
        #expect(error.attempts.first?.reason.contains("IDENTITY_HEADER contains a control character") == true)
        #expect(never.count == 0, "the chain stopped at the misconfiguration")
    }
}
