// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

@Suite struct TokenCacheTests {
    private func credential(
        _ env: FakeEnvironment,
        clock: ManualTimeSource? = nil,
        retry: RetryPolicy = .none
    ) throws -> ClientSecretCredential {
        try ClientSecretCredential(
            tenantID: FakeEnvironment.tenant,
            clientID: FakeEnvironment.clientID,
            secret: Secret(FakeEnvironment.secret),
            options: env.options(timeSource: clock, retry: retry)
        )
    }

    @Test func thousandConcurrentCallersCauseOneRequest() async throws {
        try await withFake { env in
            env.fake.inject(FakeFault(.delay(.milliseconds(300))))
            let credential = try credential(env)
            let tokens = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<1000 {
                    group.addTask { try await credential.getToken(scopes: managementScope).token.revealedValue() }
                }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(tokens.count == 1)
            #expect(env.fake.tokenRequests.count == 1)
        }
    }

    /// Waits (in real time, briefly) until the fake has seen `count` token requests.
    private func waitForRequests(_ env: FakeEnvironment, count: Int) async throws {
        _ = try await eventually { env.fake.tokenRequests.count >= count }
    }

    /// Polls `condition` until it holds or ``HangGuard/limit`` of real time passes (a loaded machine running the suite
    /// in parallel was seen to take more than 10 s for a background refresh); returns whether it held.
    private func eventually(_ condition: () async throws -> Bool) async throws -> Bool {
        try await HangGuard.eventually(condition)
    }

    @Test func refreshesAheadFiveMinutesBeforeExpiryWhileServingTheCachedToken() async throws {
        try await withFake { env in
            let clock = ManualTimeSource()
            let credential = try credential(env, clock: clock)
            let first = try await credential.getToken(scopes: managementScope)
            clock.advance(by: 3599 - 301)
            #expect(try await credential.getToken(scopes: managementScope).token == first.token)
            #expect(env.fake.tokenRequests.count == 1, "still outside the refresh window")
            clock.advance(by: 2)
            let during = try await credential.getToken(scopes: managementScope)
            #expect(during.token == first.token, "the cached token is served while the refresh runs")
            let refreshed = try await eventually {
                try await credential.getToken(scopes: managementScope).token != first.token
            }
            #expect(refreshed, "the background refresh replaced the cached token")
            #expect(env.fake.tokenRequests.count == 2, "exactly one background refresh")
        }
    }

    @Test func honoursRefreshIn() async throws {
        try await withFake(configuration: .init(refreshIn: 1800)) { env in
            let clock = ManualTimeSource()
            let credential = try credential(env, clock: clock)
            let first = try await credential.getToken(scopes: managementScope)
            #expect(first.refreshOn.map { $0.timeIntervalSince(clock.now()) } == 1800)
            clock.advance(by: 1799)
            _ = try await credential.getToken(scopes: managementScope)
            #expect(env.fake.tokenRequests.count == 1)
            clock.advance(by: 2)
            _ = try await credential.getToken(scopes: managementScope)
            try await waitForRequests(env, count: 2)
            #expect(env.fake.tokenRequests.count == 2)
        }
    }

    @Test func failedBackgroundRefreshKeepsServingTheValidToken() async throws {
        try await withFake { env in
            let clock = ManualTimeSource()
            let credential = try credential(env, clock: clock)
            let first = try await credential.getToken(scopes: managementScope)
            env.fake.inject(FakeFault(.status(500), count: 100))
            clock.advance(by: 3400)
            #expect(try await credential.getToken(scopes: managementScope).token == first.token)
            try await waitForRequests(env, count: 2)
            // While the clock stands still, the failed refresh is not retried, however often callers ask.
            for _ in 0..<20 {
                #expect(try await credential.getToken(scopes: managementScope).token == first.token)
                try await Task.sleep(for: .milliseconds(5))
            }
            #expect(env.fake.tokenRequests.count == 2)
            // After the retry interval a caller starts one more background attempt, and still gets the valid token.
            // The failed refresh's answer may be handled after the clock has moved (late, when the suite runs in
            // parallel on 2 cores), which starts the 5 s interval from then: so the clock moves 6 s at a time, every
            // 2.5 s of real time and at most 20 times (120 s, within the 170 s the token is still served), until a
            // caller starts the attempt.
            var servedValidToken = true
            var moves = 0
            var lastMove = ContinuousClock.now - .seconds(60)
            let retried = try await eventually {
                if moves < 20, ContinuousClock.now - lastMove >= .milliseconds(2500) {
                    clock.advance(by: 6)
                    moves += 1
                    lastMove = ContinuousClock.now
                }
                let token = try await credential.getToken(scopes: managementScope)
                servedValidToken = servedValidToken && token.token == first.token
                return env.fake.tokenRequests.count >= 3
            }
            #expect(retried)
            #expect(servedValidToken)
            clock.advance(by: 200)
            let error = try #require(
                await caught { try await credential.getToken(scopes: managementScope) } as? AzureIdentityError
            )
            #expect(error.statusCode == 500)
        }
    }

    @Test func cancelledCallerStopsWaiting() async throws {
        try await withFake { env in
            env.fake.inject(FakeFault(.delay(.seconds(600))))
            let credential = try credential(env)
            let started = ContinuousClock.now
            let task = Task { try await credential.getToken(scopes: managementScope) }
            try await Task.sleep(for: .milliseconds(100))
            task.cancel()
            let result = await task.result
            #expect(throws: CancellationError.self) { try result.get() }
            // A hang guard; the response would take 10 minutes.
            #expect(ContinuousClock.now - started < HangGuard.limit, "returned long before the 600 s response")
        }
    }

    @Test func concurrentCallersShareOneFailure() async throws {
        try await withFake { env in
            // Long enough for all 100 callers to join the one request even when the suite runs in parallel on 2 cores.
            env.fake.inject(FakeFault(.delay(.seconds(5))))
            let credential = try ClientSecretCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: FakeEnvironment.clientID,
                secret: Secret("wrong-secret"),
                options: env.options()
            )
            let codes = await withTaskGroup(of: [Int].self) { group in
                for _ in 0..<100 {
                    group.addTask {
                        let error = await caught { try await credential.getToken(scopes: managementScope) }
                        return (error as? AzureIdentityError)?.entraError?.errorCodes ?? []
                    }
                }
                return await group.reduce(into: [[Int]]()) { $0.append($1) }
            }
            #expect(codes.count == 100)
            #expect(codes.allSatisfy { $0 == [7000215] })
            #expect(env.fake.tokenRequests.count == 1)
        }
    }

    @Test func oneCancelledWaiterDoesNotCancelTheSharedFetch() async throws {
        try await withFake { env in
            // Long enough that the impatient caller joins and is cancelled before the answer, even under load. The
            // request's own bounds are only hang guards here: a parallel run on 2 loaded cores can starve the
            // cooperative pool for many seconds, and a 10 s request timeout then fired before the 5 s answer.
            env.fake.inject(FakeFault(.delay(.seconds(5))))
            var patientPolicy = RetryPolicy.none
            patientPolicy.totalTimeout = nil
            let credential = try ClientSecretCredential(
                tenantID: FakeEnvironment.tenant, clientID: FakeEnvironment.clientID,
                secret: Secret(FakeEnvironment.secret),
                options: env.options(retry: patientPolicy, timeout: HangGuard.limit))
            let patient = Task { try await credential.getToken(scopes: managementScope) }
            try await waitForRequests(env, count: 1)
            let impatient = Task { try await credential.getToken(scopes: managementScope) }
            try await Task.sleep(for: .milliseconds(100))
            impatient.cancel()
            await #expect(throws: CancellationError.self) { try await impatient.value }
            let token = try await patient.value
            #expect(env.fake.verifiedClaims(of: token.token.revealedValue()) != nil)
            #expect(env.fake.tokenRequests.count == 1)
        }
    }

    @Test func cacheKeysIgnoreScopeOrder() {
        let one = TokenCacheKey(authority: "a", tenantID: "t", clientID: "c", scopes: ["x", "y"], isCAE: false)
        let two = TokenCacheKey(authority: "a", tenantID: "t", clientID: "c", scopes: ["y", "x"], isCAE: false)
        let cae = TokenCacheKey(authority: "a", tenantID: "t", clientID: "c", scopes: ["x", "y"], isCAE: true)
        #expect(one == two)
        #expect(one != cae)
    }
}
