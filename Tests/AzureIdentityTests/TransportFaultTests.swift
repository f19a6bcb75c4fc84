// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

@Suite struct TransportFaultTests {
    private func credential(
        _ env: FakeEnvironment,
        clock: ManualTimeSource,
        retries: Int = 3,
        timeout: Duration = .seconds(10)
    ) throws -> ClientSecretCredential {
        try ClientSecretCredential(
            tenantID: FakeEnvironment.tenant,
            clientID: FakeEnvironment.clientID,
            secret: Secret(FakeEnvironment.secret),
            options: env.options(
                timeSource: clock,
                retry: RetryPolicy(maxRetries: retries, baseDelay: .milliseconds(800), jitter: false),
                timeout: timeout
            )
        )
    }

    @Test(arguments: [
        (FakeFault.Kind.status(503, retryAfter: "7"), Duration.seconds(7)),
        (.status(429, retryAfter: "2"), .seconds(2)),
        // Without a hint the first retry is prompt (RetryPolicy.promptFirstRetry, as MSAL's).
        (.status(500), .zero),
        (.status(504), .zero),
        (.dropConnection, .zero),
    ])
    func retriesTransientFailures(kind: FakeFault.Kind, expectedDelay: Duration) async throws {
        try await withFake { env in
            let clock = ManualTimeSource()
            env.fake.inject(FakeFault(kind))
            let token = try await credential(env, clock: clock).getToken(scopes: managementScope)
            #expect(env.fake.verifiedClaims(of: token.token.revealedValue()) != nil)
            #expect(env.fake.tokenRequests.count == 2)
            #expect(clock.sleeps == [expectedDelay])
        }
    }

    @Test func backoffDoublesAndGivesUpAfterMaxRetries() async throws {
        try await withFake { env in
            let clock = ManualTimeSource()
            env.fake.inject(FakeFault(.status(503), count: 10))
            let error = try #require(
                await caught { try await credential(env, clock: clock).getToken(scopes: managementScope) }
                    as? AzureIdentityError
            )
            #expect(error.statusCode == 503)
            #expect(error.entraError?.error == "temporarily_unavailable")
            #expect(env.fake.tokenRequests.count == 4)
            #expect(clock.sleeps == [.zero, .milliseconds(800), .milliseconds(1600)], "prompt, then 800 ms doubling")
        }
    }

    @Test func clientErrorsAreNotRetried() async throws {
        try await withFake { env in
            let clock = ManualTimeSource()
            env.fake.inject(FakeFault(.status(400)))
            _ = await caught { try await credential(env, clock: clock).getToken(scopes: managementScope) }
            #expect(env.fake.tokenRequests.count == 1)
            #expect(clock.sleeps.isEmpty)
        }
    }

    @Test func malformedBodyIsAnInvalidResponse() async throws {
        try await withFake { env in
            env.fake.inject(FakeFault(.malformedBody))
            let error = try #require(
                await caught { try await credential(env, clock: ManualTimeSource()).getToken(scopes: managementScope) }
                    as? AzureIdentityError
            )
            #expect(error.code == .invalidResponse)
            #expect(env.fake.tokenRequests.count == 1)
        }
    }

    @Test func oversizedBodyIsCapped() async throws {
        try await withFake(maxResponseBytes: 64 * 1024) { env in
            env.fake.inject(FakeFault(.oversizedBody(bytes: 256 * 1024)))
            let error = try #require(
                await caught {
                    try await credential(env, clock: ManualTimeSource(), retries: 0).getToken(scopes: managementScope)
                } as? AzureIdentityError
            )
            #expect(error.code == .transportFailed)
            #expect((error.underlying as? TransportError)?.code == .responseTooLarge)
        }
    }

    @Test func slowResponseHitsTheDeadline() async throws {
        try await withFake { env in
            env.fake.inject(FakeFault(.delay(.seconds(30))))
            let started = ContinuousClock.now
            let error = try #require(
                await caught {
                    try await credential(env, clock: ManualTimeSource(), retries: 0, timeout: .milliseconds(300))
                        .getToken(scopes: managementScope)
                } as? AzureIdentityError
            )
            #expect(error.code == .transportFailed)
            // Timed out, so the 300 ms deadline fired before the 30 s response came (which would have been a token).
            #expect((error.underlying as? TransportError)?.code == .timedOut)
            #expect(ContinuousClock.now - started < HangGuard.limit, "a hang guard only")
        }
    }

    @Test func unreachableEndpointFailsFast() async throws {
        let transport = try AsyncHTTPClientTransport()
        let started = ContinuousClock.now
        let error = await caught {
            try await transport.send(
                TransportRequest(method: "GET", url: "https://127.0.0.1:1/", timeout: .seconds(20))
            )
        }
        let elapsed = ContinuousClock.now - started
        try await transport.shutdown()
        // AsyncHTTPClient's default keeps retrying a refused connection until the 10 s connect timeout (which would
        // end as `timedOut`) or the deadline; ours gives up at the first refusal, so the error is the refusal.
        #expect((error as? TransportError)?.code == .connectionFailed, "connection establishment is not retried")
        #expect(elapsed < HangGuard.limit, "a hang guard only")
    }

    @Test func cancellingTheTransportRequest() async throws {
        try await withFake { env in
            env.fake.inject(FakeFault(.delay(.seconds(600))))
            let task = Task {
                try await env.transport.send(
                    TransportRequest(
                        method: "GET",
                        url: "\(env.fake.authorityURL)/\(FakeEnvironment.tenant)/v2.0/.well-known/openid-configuration"
                    )
                )
            }
            try await Task.sleep(for: .milliseconds(100))
            task.cancel()
            let result = await task.result
            #expect(throws: CancellationError.self) { try result.get() }
        }
    }

    @Test func openIDConfigurationIsServed() async throws {
        try await withFake { env in
            let response = try await env.transport.send(
                TransportRequest(
                    method: "GET",
                    url: "\(env.fake.authorityURL)/\(FakeEnvironment.tenant)/v2.0/.well-known/openid-configuration"
                )
            )
            #expect(response.status == 200)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
            #expect(document["token_endpoint"] as? String == env.fake.tokenEndpoint(tenantID: FakeEnvironment.tenant))
        }
    }
}
