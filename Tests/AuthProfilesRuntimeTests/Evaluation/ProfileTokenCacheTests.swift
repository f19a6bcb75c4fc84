// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AuthProfilesRuntime
import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

/// A profile's `cache: {persistent: true}` bound to its links' credentials, and what explain says about it.
@Suite struct ProfileTokenCacheTests {
    static let profiles = """
          cached:
            tenant: test
            cache: { persistent: true, name: runtime-test }
            credential:
              type: chain
              links:
                - { type: azureCli }
                - { type: clientSecret, clientId: \(FakeProfileEnvironment.clientID), clientSecret: { env: GOOD } }
          inherits:
            extends: cached
          unresolved:
            tenant: test
            cache: { persistent: true, name: runtime-test }
            credential: { type: clientSecret, clientId: { env: NO_CLIENT }, clientSecret: { env: GOOD } }
          memory:
            tenant: test
            credential: { type: clientSecret, clientId: \(FakeProfileEnvironment.clientID), clientSecret: { env: GOOD } }
        """

    static let environment = ["GOOD": FakeProfileEnvironment.secret, "PATH": ""]

    private func options(
        _ env: FakeProfileEnvironment, keyStore: FakeKeyStore, enabled: Bool = true
    ) -> ProfileRuntimeOptions {
        var options = env.options(Self.environment)
        options.tokenCache = ProfileTokenCacheOptions(
            isEnabled: enabled, directory: env.directory + "/token-cache", keyStore: keyStore)
        return options
    }

    @Test("a later credential of the profile (or of one that extends it) is answered from disk")
    func laterCredentialsUseTheDisk() async throws {
        try await withFakeProfiles { env in
            let keys = FakeKeyStore()
            let request = TokenRequest(scopes: [FakeProfileEnvironment.scope])
            let document = env.profiles(Self.profiles)
            let first = try AuthProfile.credential(
                named: "cached", document: document, options: options(env, keyStore: keys))
            let fetched = try await first.evaluate(for: request)
            #expect(fetched.winner?.cacheHit == false)
            #expect(fetched.winner?.cacheSource == nil)
            #expect(env.fake.tokenRequests.count == 1)

            let again = try await first.evaluate(for: request)
            #expect(again.winner?.cacheSource == .memory)

            for name in ["cached", "inherits"] {
                let later = try AuthProfile.credential(
                    named: name, document: document, options: options(env, keyStore: keys))
                let answered = try await later.evaluate(for: request)
                #expect(answered.token?.token == fetched.token?.token)
                #expect(answered.winner?.cacheHit == true)
                #expect(answered.winner?.cacheSource == .disk, "\(name)")
            }
            #expect(env.fake.tokenRequests.count == 1)

            let off = try AuthProfile.credential(
                named: "cached", document: document, options: options(env, keyStore: keys, enabled: false))
            _ = try await off.evaluate(for: request)
            #expect(env.fake.tokenRequests.count == 2, "with the cache turned off (--no-cache) the disk is not read")
            let memory = try AuthProfile.credential(
                named: "memory", document: document, options: options(env, keyStore: keys))
            _ = try await memory.evaluate(for: request)
            #expect(env.fake.tokenRequests.count == 3, "a profile without cache: keeps tokens in memory only")
        }
    }

    @Test("explain reads the cache: protection, and per link whether a cached token would answer; sends nothing")
    func explainReportsTheCache() async throws {
        try await withFakeProfiles { env in
            let keys = FakeKeyStore()
            let document = env.profiles(Self.profiles)
            let runtime = options(env, keyStore: keys)
            func explain() throws -> Explanation {
                let entry = try #require(ProfileCatalog.load(text: document).entry(named: "cached"))
                return ProfileExplainer(context: InspectionContext(options: runtime)).explain(entry)
            }
            let cold = try explain()
            let fact = try #require(cold.context.first { $0.subject == "token cache" })
            #expect(fact.status == .ok)
            #expect(fact.detail.contains("runtime-test at \(env.directory)/token-cache/runtime-test.cache"))
            #expect(fact.detail.contains("AES-256-GCM, key in the fake key store"))
            let secretLink = try #require(cold.links.first { $0.kind == "clientSecret" })
            #expect(secretLink.evidence.contains { $0.subject == "cached tokens" && $0.detail.contains("none") })
            let toolLink = try #require(cold.links.first { $0.kind == "azureCli" })
            #expect(!toolLink.evidence.contains { $0.subject.hasPrefix("cached token") }, "az keeps its own tokens")
            #expect(
                !FileManager.default.fileExists(atPath: env.directory + "/token-cache"), "the dry run creates nothing")

            let credential = try AuthProfile.credential(named: "cached", document: document, options: runtime)
            let token = try #require(
                try await credential.evaluate(for: TokenRequest(scopes: [FakeProfileEnvironment.scope])).token)
            let warm = try explain()
            let link = try #require(warm.links.first { $0.kind == "clientSecret" })
            let cached = try #require(
                link.evidence.first { $0.subject == "cached token \(FakeProfileEnvironment.scope)" })
            #expect(cached.status == .ok)
            #expect(cached.detail.hasPrefix("would answer; expires 20"))
            let text =
                warm.links.flatMap { $0.evidence.map { "\($0.subject) \($0.detail)" } } + warm.context.map(\.detail)
            #expect(!text.contains { $0.contains(token.token.revealedValue()) })
            #expect(env.fake.tokenRequests.count == 1, "explaining sent nothing")

            // A link whose client id is unset cannot run: another profile's token in the shared cache is not its.
            let unresolvedEntry = try #require(ProfileCatalog.load(text: document).entry(named: "unresolved"))
            let unresolved = ProfileExplainer(context: InspectionContext(options: runtime)).explain(unresolvedEntry)
            let unresolvedLink = try #require(unresolved.links.first { $0.kind == "clientSecret" })
            #expect(
                unresolvedLink.evidence.contains { $0.subject == "cached tokens" && $0.detail.contains("resolved") })
            #expect(!unresolvedLink.evidence.contains { $0.subject.hasPrefix("cached token ") })

            keys.fail(with: "keyctl search failed: Operation not permitted (errno 1)")
            let off = try #require(try explain().context.first { $0.subject == "token cache" })
            #expect(off.status == .problem)
            #expect(off.detail.contains("allowUnencryptedStorage"))
        }
    }

    @Test("a token from the persistent cache builds no HTTP client; the first request does")
    func diskHitBuildsNoTransport() async throws {
        try await withFakeProfiles { env in
            let keys = FakeKeyStore()
            let document = env.profiles(Self.profiles)
            // The first credential, with the test's transport, puts a token on disk.
            _ = try await AuthProfile.credential(
                named: "cached", document: document, options: options(env, keyStore: keys)
            )
            .getToken(scopes: [FakeProfileEnvironment.scope])
            // The second makes its own transport from the profile: the cloud's caBundle makes its configuration
            // this test's own, so no other test can have made it.
            var runtime = options(env, keyStore: keys)
            runtime.transport = nil
            var configuration = try TransportConfiguration.fromEnvironment(Self.environment)
            configuration.additionalTrustRootFiles.append(env.directory + "/fake-ca.pem")
            let later = try AuthProfile.credential(named: "cached", document: document, options: runtime)
            let answered = try await later.evaluate(for: TokenRequest(scopes: [FakeProfileEnvironment.scope]))
            #expect(answered.winner?.cacheSource == .disk)
            #expect(!SharedTransport.isMade(for: configuration), "no HTTP client for a disk hit")
            _ = try await later.getToken(scopes: ["https://vault.azure.net/.default"])
            #expect(SharedTransport.isMade(for: configuration), "the first request made it")
            #expect(env.fake.tokenRequests.count == 2)
        }
    }
}
