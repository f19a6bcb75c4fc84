// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfilesRuntime
import AzureIdentity
import AzureIdentityTesting
import Foundation
import Synchronization
import Testing

/// A link's `timeout` and a chain's `deadline` fire on the injected clock (``ProfileRuntimeOptions/timeSource``),
/// not in real time: the clock stands still until the test advances it, so the bounds here are hours long and the
/// tests still finish at once. The `.timeLimit` only guards against a hang.
@Suite(.timeLimit(.minutes(1))) struct ProfileTimeLimitTests {
    static let profiles = """
          timeout:
            tenant: test
            credential:
              type: chain
              links:
                - { type: clientSecret, clientId: \(FakeProfileEnvironment.clientID), clientSecret: { env: GOOD },
                    timeout: 1h }
                - { type: clientSecret, clientId: \(FakeProfileEnvironment.clientID), clientSecret: { env: GOOD } }
          deadline:
            tenant: test
            credential:
              type: chain
              deadline: 2h
              links:
                - { type: clientSecret, clientId: \(FakeProfileEnvironment.clientID), clientSecret: { env: GOOD } }
                - { type: clientSecret, clientId: \(FakeProfileEnvironment.clientID), clientSecret: { env: GOOD } }
        """

    /// The fake's options on `clock`, with a transport whose first `stalls` requests never answer, and only the
    /// bounds the profiles write (the defaults, 30 s and 60 s, are `DefaultBoundsTests`' subject).
    private func options(
        _ env: FakeProfileEnvironment, clock: SuspendingTimeSource, stalls: Int
    ) -> ProfileRuntimeOptions {
        var options = env.options(["GOOD": FakeProfileEnvironment.secret])
        options.transport = StallingTransport(base: env.transport, stalls: stalls)
        options.timeSource = clock
        options.defaultLinkTimeout = nil
        options.defaultChainDeadline = nil
        return options
    }

    @Test func aSlowLinkIsUnavailableAfterItsTimeoutOnTheInjectedClockAndTheChainMovesOn() async throws {
        try await withFakeProfiles { env in
            let clock = SuspendingTimeSource()
            let credential = try AuthProfile.credential(
                named: "timeout", document: env.profiles(Self.profiles),
                options: options(env, clock: clock, stalls: 1))
            let evaluation = Task {
                try await credential.evaluate(for: TokenRequest(scopes: [FakeProfileEnvironment.scope]))
            }
            // The first link's request stalls; its timeout is the one sleeper on the clock.
            await clock.waitForSleepers(1)
            clock.advance(by: .seconds(3600))
            let result = try await evaluation.value
            #expect(result.token != nil)
            #expect(result.attempts.map(\.outcome) == [.authenticated, .unavailable, .authenticated])
            #expect(result.attempts[1].reason == "no answer within its timeout of 1h")
            // Latency is read on the same clock: exactly the hour the test moved it by.
            #expect(result.attempts[1].latency == .seconds(3600))
            #expect(clock.elapsed == .seconds(3600))
        }
    }

    @Test func theChainDeadlineStopsTheLinksItLeavesNoTimeForOnTheInjectedClock() async throws {
        try await withFakeProfiles { env in
            let clock = SuspendingTimeSource()
            let credential = try AuthProfile.credential(
                named: "deadline", document: env.profiles(Self.profiles),
                options: options(env, clock: clock, stalls: 2))
            let evaluation = Task {
                try await credential.evaluate(for: TokenRequest(scopes: [FakeProfileEnvironment.scope]))
            }
            // An hour in, the deadline has not fired: the first link is still waiting.
            await clock.waitForSleepers(1)
            clock.advance(by: .seconds(3600))
            #expect(clock.sleeperCount == 1)
            clock.advance(by: .seconds(3600))
            let result = try await evaluation.value
            #expect(result.token == nil)
            #expect(result.attempts.map(\.outcome) == [.unavailable, .unavailable, .notTried])
            // Each reason names the bound that fired and where it was set.
            let bound = "the deadline of 2h set on deadline/credential"
            #expect(result.attempts[1].reason == "no answer within \(bound)")
            #expect(result.attempts[1].latency == .seconds(7200))
            #expect(result.attempts[2].reason == "\(bound) passed")
            #expect(
                result.attempts[0].reason
                    == "deadline/credential/links[0]:clientSecret: unavailable: no answer within \(bound); "
                    + "deadline/credential/links[1]:clientSecret: not tried: \(bound) passed")
        }
    }
}

/// Passes requests to `base`, except the first `stalls`, which never answer (until cancelled).
final class StallingTransport: HTTPTransport, Sendable {
    private let base: any HTTPTransport
    private let left: Mutex<Int>

    init(base: any HTTPTransport, stalls: Int) {
        self.base = base
        self.left = Mutex(stalls)
    }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        let stall = left.withLock { left in
            defer { left -= 1 }
            return left > 0
        }
        guard stall else { return try await base.send(request) }
        // Real time, but never reached: the link's time limit on the injected clock cancels it first.
        try await Task.sleep(for: .seconds(86_400))
        throw CancellationError()
    }
}
