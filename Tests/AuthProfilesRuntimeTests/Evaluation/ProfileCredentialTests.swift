// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AuthProfilesRuntime
import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

@Suite struct ProfileCredentialTests {
    static let chains = """
          fallthrough:
            tenant: test
            credential:
              type: chain
              links:
                - { type: workloadIdentity, clientId: \(FakeProfileEnvironment.clientID), tokenFile: { env: NO_FILE } }
                - { type: azureCli }
                - { type: clientSecret, clientId: \(FakeProfileEnvironment.clientID), clientSecret: { env: GOOD } }
          stops:
            tenant: test
            credential:
              type: chain
              links:
                - { type: clientSecret, clientId: \(FakeProfileEnvironment.clientID), clientSecret: { env: BAD } }
                - { type: clientSecret, clientId: \(FakeProfileEnvironment.clientID), clientSecret: { env: GOOD } }
          nested:
            tenant: test
            credential:
              type: chain
              links:
                - { type: profile, name: stops, onFailed: next }
                - { type: profile, name: fallthrough }
        """

    static let environment = ["GOOD": FakeProfileEnvironment.secret, "BAD": "wrong~secret", "PATH": ""]

    @Test func fallsThroughTwoUnavailableLinksThenAuthenticates() async throws {
        try await withFakeProfiles { env in
            let credential = try AuthProfile.credential(
                named: "fallthrough", document: env.profiles(Self.chains), options: env.options(Self.environment))
            let first = try await credential.evaluate(for: TokenRequest(scopes: [FakeProfileEnvironment.scope]))
            let token = try #require(first.token)
            #expect(first.attempts.map(\.outcome) == [.authenticated, .unavailable, .unavailable, .authenticated])
            #expect(
                first.attempts.map(\.displayName) == [
                    "fallthrough/credential:chain", "fallthrough/credential/links[0]:workloadIdentity",
                    "fallthrough/credential/links[1]:azureCli", "fallthrough/credential/links[2]:clientSecret",
                ])
            #expect(first.attempts[1].reason?.contains("NO_FILE is not set") == true)
            #expect(first.attempts[2].reason?.hasPrefix("AzureCliCredential: Azure CLI could not be found") == true)
            #expect(first.winner?.displayName == "fallthrough/credential/links[2]:clientSecret")
            #expect(first.winner?.cacheHit == false)
            #expect(first.winner?.principal?.tenantID == FakeProfileEnvironment.tenant)
            #expect(first.winner?.principal?.applicationID == FakeProfileEnvironment.clientID)
            #expect(first.attempts[3].location?.line == 17)

            let second = try await credential.evaluate(for: TokenRequest(scopes: [FakeProfileEnvironment.scope]))
            #expect(second.token?.token == token.token)
            #expect(second.winner?.cacheHit == true, "the bound credential keeps its cache between calls")
            #expect(env.fake.tokenRequests.count == 1)
        }
    }

    @Test func stopsOnAFailedLinkAndListsEveryOutcome() async throws {
        try await withFakeProfiles { env in
            let credential = try AuthProfile.credential(
                named: "stops", document: env.profiles(Self.chains), options: env.options(Self.environment))
            let error = await #expect(throws: AuthProfileError.self) {
                _ = try await credential.getToken(scopes: [FakeProfileEnvironment.scope])
            }
            let failure = try #require(error)
            #expect(failure.code == .noToken)
            #expect(failure.attempts.map(\.outcome) == [.failed, .failed, .notTried])
            #expect(failure.attempts[2].reason == "link 1 stopped the chain")
            let text = failure.description
            #expect(text.contains("stops/credential/links[0]:clientSecret (<memory>:"))
            #expect(text.contains("AADSTS7000215") || text.contains("invalid_client"))
            #expect(!text.contains("wrong~secret") && !text.contains(FakeProfileEnvironment.secret))
            #expect(env.fake.tokenRequests.count == 1, "the second link never ran")
        }
    }

    @Test func referencesSwitchProfilesAndPoliciesAreOverridable() async throws {
        try await withFakeProfiles { env in
            let credential = try AuthProfile.credential(
                named: "nested", document: env.profiles(Self.chains), options: env.options(Self.environment))
            let evaluation = try await credential.evaluate(for: TokenRequest(scopes: [FakeProfileEnvironment.scope]))
            #expect(evaluation.token != nil)
            #expect(evaluation.winner?.displayName == "fallthrough/credential/links[2]:clientSecret")
            let depths = evaluation.attempts.map(\.depth)
            #expect(depths.first == 0 && depths.max() == 3)
            #expect(evaluation.attempts.contains { $0.path == "stops/credential/links[0]" && $0.outcome == .failed })
        }
    }

    @Test func concurrentFirstCallsShareOneCredentialAndOneRequest() async throws {
        try await withFakeProfiles { env in
            let credential = try AuthProfile.credential(
                named: "fallthrough", document: env.profiles(Self.chains), options: env.options(Self.environment))
            let tokens = try await withThrowingTaskGroup(of: AccessToken.self) { group in
                for _ in 0..<50 {
                    group.addTask { try await credential.getToken(scopes: [FakeProfileEnvironment.scope]) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(Set(tokens.map(\.token)).count == 1)
            #expect(env.fake.tokenRequests.count == 1)
        }
    }

    @Test func unknownProfileSuggestsTheClosestName() throws {
        let error = #expect(throws: AuthProfileError.self) {
            _ = try AuthProfile.credential(
                named: "falthrough",
                document: "version: 1\nprofiles:\n"
                    + "  fallthrough: { credential: { type: azureCli } }\n")
        }
        #expect(error?.code == .profileNotFound)
        #expect(error?.message.contains("Did you mean 'fallthrough'?") == true)
        #expect(error?.message.contains("default") == true, "the built-in profile is listed")
    }

    @Test func invalidDocumentsCarryTheirDiagnostics() throws {
        let error = #expect(throws: AuthProfileError.self) {
            _ = try AuthProfile.credential(named: "x", document: "version: 1\nprofiles:\n  x: { credential: 3 }\n")
        }
        #expect(error?.code == .invalidProfileFile)
        #expect(error?.diagnostics.isEmpty == false)
    }
}
