// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

@Suite("ManagedIdentityCredential retries and probe")
struct ManagedIdentityRetryTests {
    @Test("404, 410 (longer first wait), 429 with Retry-After, 5xx and dropped connections are retried")
    func retries() async throws {
        try await withFake { env in
            MIFixtures.register(env)
            let path = "/metadata/identity"
            env.fake.inject(FakeFault(.status(404), pathContains: path))
            env.fake.inject(FakeFault(.status(410), pathContains: path))
            env.fake.inject(FakeFault(.status(429, retryAfter: "7"), pathContains: path))
            env.fake.inject(FakeFault(.status(503), pathContains: path))
            env.fake.inject(FakeFault(.dropConnection, pathContains: path))
            let (credential, _) = try MIFixtures.credential(env)
            _ = try await credential.getToken(scopes: managementScope)
            // 404: 0.8 s; 410: 3 s base doubled at attempt 1; 429: the server's 7 s; 503: 0.8 × 8; network: 0.8 × 16.
            #expect(
                env.time.sleeps == [
                    .milliseconds(800), .seconds(6), .seconds(7), .milliseconds(6400), .milliseconds(12_800),
                ]
            )
            #expect(MIFixtures.requests(env).count == 6)
        }
    }

    @Test("410 alone waits at least 3 s first; retries stop after maxRetries with the last answer")
    func goneAndExhausted() async throws {
        try await withFake { env in
            MIFixtures.register(env)
            env.fake.inject(FakeFault(.status(410), count: 10, pathContains: "/metadata/identity"))
            let (credential, _) = try MIFixtures.credential(env) { $0.maxRetries = 2 }
            let error = try #require(
                await caught { try await credential.getToken(scopes: managementScope) } as? AzureIdentityError
            )
            #expect(error.code == .authenticationFailed)
            #expect(error.statusCode == 410)
            #expect(env.time.sleeps == [.seconds(3), .seconds(6)])
            #expect(MIFixtures.requests(env).count == 3)
        }
    }

    @Test("jittered delays stay within [d/2, d] and are capped")
    func jitter() {
        let settings = ManagedIdentityOptions(maxRetryDelay: .seconds(10))
        for attempt in 0..<8 {
            for status in [nil, 404, 410] as [Int?] {
                let delay = settings.retryDelay(attempt: attempt, status: status)
                let base = status == 410 ? 3.0 : 0.8
                let full = min(base * Double(1 << attempt), 10)
                #expect(delay >= .milliseconds(Int64(full * 500)) && delay <= .milliseconds(Int64(full * 1000)))
            }
        }
    }

    @Test("no endpoint: the probe fails fast, is remembered, and never reaches 169.254.169.254")
    func probeClosedPort() async throws {
        try await withFake { env in
            let port = closedLoopbackPort()
            let transport = LoopbackOnlyTransport(env.transport)
            var options = env.options(timeSource: env.time)
            options.transport = transport
            let credential = try ManagedIdentityCredential(
                managedIdentity: ManagedIdentityOptions(
                    imdsBaseURL: "http://127.0.0.1:\(port)",
                    probeTimeout: .seconds(1)
                ),
                options: options
            )
            let started = ContinuousClock.now
            let first = try #require(
                await caught { try await credential.getToken(scopes: managementScope) } as? AzureIdentityError
            )
            #expect(first.code == .credentialUnavailable)
            // No retries and no waiting (the benchmark measures the real speed; this suite runs under parallel load).
            #expect(ContinuousClock.now - started < HangGuard.limit, "a hang guard only")
            _ = await caught { try await credential.getToken(scopes: ["https://storage.azure.com/.default"]) }
            #expect(transport.sent.count == 1, "the probe ran once and its result was remembered")
            #expect(transport.refused.isEmpty)
            #expect(env.time.sleeps.isEmpty)
        }
    }

    @Test("a reachable IMDS passes the probe once: plain GET without query or Metadata header")
    func probeAvailable() async throws {
        try await withFake { env in
            MIFixtures.register(env)
            // Generous: the probe must pass even when the whole suite loads the machine.
            let (credential, _) = try MIFixtures.credential(env) { $0.probeTimeout = .seconds(30) }
            _ = try await credential.getToken(scopes: managementScope)
            _ = try await credential.getToken(scopes: ["https://storage.azure.com/.default"])
            let requests = MIFixtures.requests(env)
            #expect(requests.count == 3)
            #expect(requests[0].query.isEmpty && requests[0].header("Metadata") == nil)
            #expect(requests.dropFirst().allSatisfy { $0.header("Metadata") == "true" })
        }
    }

    @Test("AZURE_POD_IDENTITY_AUTHORITY_HOST overrides the IMDS host and skips the probe")
    func podIdentity() async throws {
        try await withFake { env in
            MIFixtures.register(env)
            let environment = ["AZURE_POD_IDENTITY_AUTHORITY_HOST": env.fake.managedIdentityURL]
            let (credential, _) = try MIFixtures.credential(env, environment: environment) {
                $0.imdsBaseURL = "http://127.0.0.1:\(closedLoopbackPort())"
                $0.probeTimeout = .milliseconds(100)
            }
            _ = try await credential.getToken(scopes: managementScope)
            #expect(MIFixtures.requests(env).count == 1)
        }
    }
}
