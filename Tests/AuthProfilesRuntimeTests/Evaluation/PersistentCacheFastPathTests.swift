// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AuthProfilesRuntime
import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

/// `ProfileCredential.evaluationFromPersistentCache(for:)`, the fast path of `authprofile token`: whenever it
/// answers, a new process's run answers the same token from disk; it declines everything it cannot decide the way
/// the run would; it sends nothing.
@Suite struct PersistentCacheFastPathTests {
    static let secretLink =
        "{ type: clientSecret, clientId: \(FakeProfileEnvironment.clientID), clientSecret: { env: GOOD } }"
    static let profiles = """
          single:
            tenant: test
            cache: { persistent: true, name: fast-path }
            credential: \(secretLink)
          chained:
            tenant: test
            cache: { persistent: true, name: fast-path }
            credential:
              type: chain
              links:
                - \(secretLink)
                - { type: azureCli }
          referencing:
            tenant: test
            cache: { persistent: true, name: fast-path }
            credential:
              type: chain
              links:
                - { type: profile, name: single }
          unboundFirst:
            tenant: test
            cache: { persistent: true, name: fast-path }
            credential:
              type: chain
              links:
                - { type: clientSecret, clientId: \(FakeProfileEnvironment.clientID), clientSecret: { env: MISSING } }
                - \(secretLink)
          viaDefault:
            tenant: test
            cache: { persistent: true, name: fast-path }
            credential: { type: default }
          memory:
            tenant: test
            credential: \(secretLink)
        """

    /// The wall clock moved by `offset`: the fake issues tokens on the real clock.
    struct ShiftedTime: TimeSource {
        var offset: TimeInterval
        func now() -> Date { Date().addingTimeInterval(offset) }
        func sleep(for duration: Duration) async throws { try await Task.sleep(for: duration) }
    }

    /// A new process: a new credential of `name` (empty memory caches) with the same cache directory and key.
    private func credential(
        _ name: String, _ env: FakeProfileEnvironment, keys: FakeKeyStore, offset: TimeInterval = 0
    ) throws -> ProfileCredential {
        var options = env.options(["GOOD": FakeProfileEnvironment.secret, "PATH": ""])
        options.tokenCache = ProfileTokenCacheOptions(directory: env.directory + "/token-cache", keyStore: keys)
        options.timeSource = ShiftedTime(offset: offset)
        return try AuthProfile.credential(named: name, document: env.profiles(Self.profiles), options: options)
    }

    @Test("it answers what a new process's run answers from disk, and declines what it cannot decide")
    func agreesWithTheRun() async throws {
        try await withFakeProfiles { env in
            let keys = FakeKeyStore()
            let request = TokenRequest(scopes: [FakeProfileEnvironment.scope])
            #expect(try credential("single", env, keys: keys).evaluationFromPersistentCache(for: request) == nil)
            let fetched = try #require(try await credential("single", env, keys: keys).evaluate(for: request).token)
            #expect(env.fake.tokenRequests.count == 1)

            for name in ["single", "chained", "referencing"] {
                let fast = try #require(
                    try credential(name, env, keys: keys).evaluationFromPersistentCache(for: request), "\(name)")
                let run = try await credential(name, env, keys: keys).evaluate(for: request)
                #expect(fast.token?.token == fetched.token, "\(name)")
                #expect(run.token?.token == fast.token?.token, "\(name)")
                #expect(run.winner?.cacheSource == .disk, "\(name)")
                #expect(fast.winner?.cacheSource == .disk && fast.winner?.requests == 0, "\(name)")
                #expect(fast.winner?.path == run.winner?.path, "\(name): the same link answers")
                #expect(fast.token.flatMap { TokenPrincipal(token: $0.token) } == run.winner?.principal, "\(name)")
            }
            #expect(env.fake.tokenRequests.count == 1, "neither path sent anything")

            // The run would answer these too (from another link, or the memory cache), but not certainly the way
            // a cache read can tell: the fast path leaves them to the run.
            for name in ["unboundFirst", "viaDefault", "memory"] {
                #expect(
                    try credential(name, env, keys: keys).evaluationFromPersistentCache(for: request) == nil, "\(name)")
            }
            let challenge = TokenRequest(
                scopes: [FakeProfileEnvironment.scope], claims: #"{"access_token":{"nbf":{"essential":true}}}"#)
            #expect(try credential("single", env, keys: keys).evaluationFromPersistentCache(for: challenge) == nil)
            let otherScope = TokenRequest(scopes: ["https://storage.azure.com/.default"])
            #expect(try credential("single", env, keys: keys).evaluationFromPersistentCache(for: otherScope) == nil)
            let otherTenant = TokenRequest(
                scopes: [FakeProfileEnvironment.scope], tenantID: "99999999-2222-3333-4444-555555555555")
            #expect(try credential("single", env, keys: keys).evaluationFromPersistentCache(for: otherTenant) == nil)
            var off = env.options(["GOOD": FakeProfileEnvironment.secret, "PATH": ""])
            off.tokenCache = ProfileTokenCacheOptions(
                isEnabled: false, directory: env.directory + "/token-cache", keyStore: keys)
            let disabled = try AuthProfile.credential(
                named: "single", document: env.profiles(Self.profiles), options: off)
            #expect(disabled.evaluationFromPersistentCache(for: request) == nil, "--no-cache reads no disk")
            #expect(env.fake.tokenRequests.count == 1)
        }
    }

    @Test("a token due for refresh or expired is left to the run")
    func leavesRefreshToTheRun() async throws {
        try await withFakeProfiles { env in
            let keys = FakeKeyStore()
            let request = TokenRequest(scopes: [FakeProfileEnvironment.scope])
            let token = try #require(try await credential("single", env, keys: keys).evaluate(for: request).token)
            let lifetime = token.expiresOn.timeIntervalSinceNow
            #expect(lifetime > 600, "the fake issues tokens that live longer than the refresh window")
            // Four minutes before expiry: inside the refresh window (five minutes before expiry), still valid.
            let due = try credential("single", env, keys: keys, offset: lifetime - 240)
            #expect(due.evaluationFromPersistentCache(for: request) == nil)
            let expired = try credential("single", env, keys: keys, offset: lifetime + 60)
            #expect(expired.evaluationFromPersistentCache(for: request) == nil)
            let fresh = try credential("single", env, keys: keys, offset: lifetime - 600)
            #expect(fresh.evaluationFromPersistentCache(for: request)?.token?.token == token.token)
            #expect(env.fake.tokenRequests.count == 1)
        }
    }
}
