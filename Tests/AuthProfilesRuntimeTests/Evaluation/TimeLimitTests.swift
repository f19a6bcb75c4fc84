import AuthProfilesRuntime
import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

/// A link's `timeout` and a chain's `deadline` against a fake that answers late.
@Suite struct ProfileTimeLimitTests {
    static let profiles = """
          timeout:
            tenant: test
            credential:
              type: chain
              links:
                - { type: clientSecret, clientId: \(FakeProfileEnvironment.clientID), clientSecret: { env: GOOD },
                    timeout: 200ms }
                - { type: clientSecret, clientId: \(FakeProfileEnvironment.clientID), clientSecret: { env: GOOD } }
          deadline:
            tenant: test
            credential:
              type: chain
              deadline: 300ms
              links:
                - { type: clientSecret, clientId: \(FakeProfileEnvironment.clientID), clientSecret: { env: GOOD } }
                - { type: clientSecret, clientId: \(FakeProfileEnvironment.clientID), clientSecret: { env: GOOD } }
        """

    @Test func aSlowLinkIsUnavailableAfterItsTimeoutAndTheChainMovesOn() async throws {
        try await withFakeProfiles { env in
            env.fake.inject(FakeFault(.delay(.seconds(3)), count: 1, pathContains: "/oauth2/v2.0/token"))
            let credential = try AuthProfile.credential(
                named: "timeout", document: env.profiles(Self.profiles),
                options: env.options(["GOOD": FakeProfileEnvironment.secret]))
            let evaluation = try await credential.evaluate(for: TokenRequest(scopes: [FakeProfileEnvironment.scope]))
            #expect(evaluation.token != nil)
            #expect(evaluation.attempts.map(\.outcome) == [.authenticated, .unavailable, .authenticated])
            #expect(evaluation.attempts[1].reason == "no answer within its timeout of 200ms")
            #expect(evaluation.attempts[1].latency < .seconds(2), "the slow request was cancelled")
        }
    }

    @Test func theChainDeadlineStopsTheLinksItLeavesNoTimeFor() async throws {
        try await withFakeProfiles { env in
            env.fake.inject(FakeFault(.delay(.seconds(3)), count: 1, pathContains: "/oauth2/v2.0/token"))
            let credential = try AuthProfile.credential(
                named: "deadline", document: env.profiles(Self.profiles),
                options: env.options(["GOOD": FakeProfileEnvironment.secret]))
            let evaluation = try await credential.evaluate(for: TokenRequest(scopes: [FakeProfileEnvironment.scope]))
            #expect(evaluation.token == nil)
            #expect(evaluation.attempts.map(\.outcome) == [.unavailable, .unavailable, .notTried])
            // Each reason names the bound that fired and where it was set.
            let bound = "the deadline of 300ms set on deadline/credential"
            #expect(evaluation.attempts[1].reason == "no answer within \(bound)")
            #expect(evaluation.attempts[2].reason == "\(bound) passed")
            #expect(
                evaluation.attempts[0].reason
                    == "deadline/credential/links[0]:clientSecret: unavailable: no answer within \(bound); "
                    + "deadline/credential/links[1]:clientSecret: not tried: \(bound) passed")
        }
    }
}
