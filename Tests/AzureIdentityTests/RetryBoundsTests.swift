// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation
import Synchronization
import Testing

/// Issue 9 items 8 and 9: one retry policy with one `Retry-After` cap for the token endpoint and managed identity,
/// and a default bound on every request, so an endpoint that stalls costs seconds, not minutes, and the error says
/// which bound fired.
@Suite("Retry bounds")
struct RetryBoundsTests {
    /// Default options except for the transport and the clock (and an authority host that is not a real one).
    private func defaultOptions(_ transport: any HTTPTransport, _ clock: any TimeSource) -> CredentialOptions {
        CredentialOptions(
            authorityHost: try? AuthorityHost("https://127.0.0.1:1", allowLoopback: true),
            transport: transport,
            timeSource: clock,
            environment: [:]
        )
    }

    @Test("the defaults: 10 s per attempt, 20 s for all attempts together")
    func defaults() {
        #expect(CredentialOptions().requestTimeout == .seconds(10))
        #expect(RetryPolicy.default.totalTimeout == .seconds(20))
        #expect(RetryPolicy.defaultTotalTimeout == .seconds(20))
        #expect(TransportRequest(method: "GET", url: "http://127.0.0.1/").timeout == .seconds(10))
    }

    @Test("a token endpoint that never answers holds a default credential for 20 s, not 124 s, and says why")
    func tokenEndpointNeverAnswers() async throws {
        let clock = SteppingTimeSource()
        let transport = NeverAnsweringTransport(timeSource: clock)
        let credential = try ClientSecretCredential(
            tenantID: FakeEnvironment.tenant,
            clientID: FakeEnvironment.clientID,
            secret: Secret(FakeEnvironment.secret),
            options: defaultOptions(transport, clock)
        )
        let error = try #require(
            await caught { try await credential.getToken(scopes: managementScope) } as? AzureIdentityError
        )
        #expect(error.code == .transportFailed)
        // 10 s, a prompt retry, then the other 10 s of the 20: the second attempt's own bound and the total end
        // together, and the message names the attempts.
        #expect(error.message.contains("no answer within"))
        #expect(error.message.contains("(2 attempts)"))
        #expect(clock.elapsed <= .seconds(20))
        #expect(transport.requestCount == 2, "10 s, a prompt retry, then the rest of the 20 s")
    }

    @Test("a stalled App Service endpoint holds a default managed identity credential for 20 s, not 203 s")
    func managedIdentityNeverAnswers() async throws {
        let clock = SteppingTimeSource()
        let transport = NeverAnsweringTransport(timeSource: clock)
        var options = defaultOptions(transport, clock)
        options.environment = ["IDENTITY_ENDPOINT": "http://127.0.0.1:1/msi/token", "IDENTITY_HEADER": "h"]
        let credential = try ManagedIdentityCredential(options: options)
        let error = try #require(
            await caught { try await credential.getToken(scopes: managementScope) } as? AzureIdentityError
        )
        #expect(error.code == .credentialUnavailable, "an endpoint that does not answer: unavailable")
        #expect(error.message.contains("did not answer: no answer within the total timeout of 20s"))
        #expect(clock.elapsed <= .seconds(20))
    }

    @Test("an attempt's own timeout is named, with the number of attempts")
    func attemptTimeoutIsNamed() async throws {
        let clock = SteppingTimeSource()
        let retrying = RetryingTransport(
            base: NeverAnsweringTransport(timeSource: clock),
            policy: RetryPolicy(maxRetries: 2, baseDelay: .milliseconds(100), jitter: false, totalTimeout: nil),
            timeSource: clock
        )
        let error = try #require(
            await caught {
                try await retrying.send(
                    TransportRequest(method: "GET", url: "http://127.0.0.1:1/", timeout: .seconds(2))
                )
            } as? TransportError
        )
        #expect(error.code == .timedOut)
        #expect(error.message.hasSuffix("(3 attempts)"))
        #expect(clock.sleeps == [.seconds(2), .zero, .seconds(2), .milliseconds(100), .seconds(2)])
    }

    @Test("a back-off that would pass the total timeout is not taken; the last answer is returned")
    func waitBeyondTotalIsNotTaken() async throws {
        let clock = SteppingTimeSource()
        let base = ScriptedTransport([TransportResponse(status: 503, headers: [("Retry-After", "15")])])
        let retrying = RetryingTransport(
            base: base,
            policy: RetryPolicy(maxRetries: 5, jitter: false, totalTimeout: .seconds(20)),
            timeSource: clock
        )
        let response = try await retrying.send(TransportRequest(method: "GET", url: "http://127.0.0.1:1/"))
        #expect(response.status == 503)
        #expect(clock.sleeps == [.seconds(15)], "15 s fits once; a second 15 s wait would end after 20 s")
        #expect(base.count == 2)
    }

    @Test("managed identity: Retry-After 120 on a 429 gives up at once (the one 60 s cap), not after 600 s")
    func managedIdentityRetryAfterCap() async throws {
        try await withFake { env in
            MIFixtures.register(env)
            env.fake.inject(FakeFault(.status(429, retryAfter: "120"), count: 10, pathContains: "/metadata/identity"))
            let (credential, _) = try MIFixtures.credential(env)
            let error = try #require(
                await caught { try await credential.getToken(scopes: managementScope) } as? AzureIdentityError
            )
            #expect(error.statusCode == 429)
            #expect(env.time.sleeps.isEmpty)
            #expect(MIFixtures.requests(env).count == 1)
        }
    }

    @Test("the cap is CredentialOptions.retryPolicy's, for managed identity as for the token endpoint")
    func oneCapEverywhere() async throws {
        try await withFake { env in
            MIFixtures.register(env)
            let path = "/metadata/identity"
            env.fake.inject(FakeFault(.status(429, retryAfter: "120"), pathContains: path))
            let transport = LoopbackOnlyTransport(env.transport)
            var options = env.options(
                timeSource: env.time,
                retry: RetryPolicy(maxRetryAfter: .seconds(300), totalTimeout: .seconds(600))
            )
            options.transport = transport
            let credential = try ManagedIdentityCredential(
                managedIdentity: ManagedIdentityOptions(imdsBaseURL: env.fake.managedIdentityURL, jitter: false),
                options: options
            )
            _ = try await credential.getToken(scopes: managementScope)
            #expect(env.time.sleeps == [.seconds(120)])

            env.fake.inject(FakeFault(.status(429, retryAfter: "120")))
            let secretCredential = try ClientSecretCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: FakeEnvironment.clientID,
                secret: Secret(FakeEnvironment.secret),
                options: options
            )
            _ = try await secretCredential.getToken(scopes: managementScope)
            #expect(env.time.sleeps == [.seconds(120), .seconds(120)])
        }
    }

    @Test("a device code endpoint's 1e300 s lifetime and interval are refused at once: no trap, no endless polling")
    func deviceCodeNumbersAreBounded() async throws {
        let clock = SteppingTimeSource()
        let transport = ScriptedByURLTransport { url in
            url.hasSuffix("/devicecode")
                ? TransportResponse(
                    status: 200,
                    body: Array(
                        #"{"device_code":"d","user_code":"U","verification_uri":"https://127.0.0.1/d","#.utf8
                    )
                        + Array(#""expires_in":1e300,"interval":1e300}"#.utf8)
                )
                : TransportResponse(status: 400, body: Array(#"{"error":"authorization_pending"}"#.utf8))
        }
        let credential = try DeviceCodeCredential(
            tenantID: FakeEnvironment.tenant,
            clientID: FakeEnvironment.clientID,
            options: defaultOptions(transport, clock),
            prompt: { _ in }
        )
        let error = try #require(
            await caught { try await credential.getToken(scopes: managementScope) } as? AzureIdentityError
        )
        #expect(error.code == .invalidResponse)
        #expect(error.message.contains("expires_in 1e+300 is more than 366 days away"))
        #expect(clock.elapsed == .zero)
        #expect(clock.sleeps.isEmpty)
    }

    // The two "for real" tests keep one real socket each, to show that the real transport's deadlines are applied;
    // the retry arithmetic is checked on the stepping clock above. Their values are chosen so that the outcome does
    // not depend on how fast a loaded machine runs, and their only bound on time is a hang guard.

    @Test("for real: a server that never answers is cut off by the total timeout", .timeLimit(.minutes(2)))
    func realNeverAnswering() async throws {
        let server = try await MisbehavingServer(script: [.neverAnswer])
        let transport = try AsyncHTTPClientTransport()
        defer { Task { try? await transport.shutdown() } }
        // The attempt's own timeout (30 s) is longer than the total (1 s): the total cuts the first attempt short,
        // whenever it starts.
        let retrying = RetryingTransport(
            base: transport,
            policy: RetryPolicy(maxRetries: 5, baseDelay: .milliseconds(10), jitter: false, totalTimeout: .seconds(1))
        )
        let started = ContinuousClock.now
        let error = await caught {
            try await retrying.send(TransportRequest(method: "GET", url: server.url + "/t", timeout: .seconds(30)))
        }
        let elapsed = ContinuousClock.now - started
        try await server.shutdown()
        let transportError = try #require(error as? TransportError)
        #expect(transportError.code == .timedOut)
        #expect(transportError.message.contains("total timeout of 1s"), "\(transportError.message)")
        #expect(elapsed < HangGuard.limit, "a hang guard only: the bound is 1 s")
    }

    @Test("for real: headers then silence is bounded by the request timeout too", .timeLimit(.minutes(2)))
    func realStallAfterHeaders() async throws {
        let server = try await MisbehavingServer(script: [.stallAfterHeaders()])
        let transport = try AsyncHTTPClientTransport()
        defer { Task { try? await transport.shutdown() } }
        // 10 s: time for a loopback server's headers to arrive on a loaded machine (3 s was missed while release builds
        // loaded the 2 cores to a load average of 10), so that the body is what stalls.
        let started = ContinuousClock.now
        let error = await caught {
            try await transport.send(TransportRequest(method: "GET", url: server.url + "/t", timeout: .seconds(10)))
        }
        let elapsed = ContinuousClock.now - started
        try await server.shutdown()
        let transportError = try #require(error as? TransportError)
        #expect(transportError.code == .timedOut)
        #expect(
            transportError.message.contains("did not arrive within the request timeout of 10s"),
            "\(transportError.message)")
        #expect(elapsed < HangGuard.limit, "a hang guard only: it used to wait forever")
    }
}

/// Answers with the given responses in turn, repeating the last.
final class ScriptedTransport: HTTPTransport, Sendable {
    private let state: Mutex<(responses: [TransportResponse], count: Int)>

    init(_ responses: [TransportResponse]) {
        state = Mutex((responses, 0))
    }

    var count: Int { state.withLock { $0.count } }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        state.withLock { state in
            state.count += 1
            return state.responses.count > 1 ? state.responses.removeFirst() : state.responses[0]
        }
    }
}

/// Answers each request with what `answer` gives for its URL.
struct ScriptedByURLTransport: HTTPTransport {
    let answer: @Sendable (String) -> TransportResponse

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        answer(request.url)
    }
}
