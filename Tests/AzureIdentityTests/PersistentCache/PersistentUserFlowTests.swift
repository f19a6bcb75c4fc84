// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

@Suite("PersistentTokenCache: user flows sign in silently in a later process")
struct PersistentUserFlowTests {
    private func credential(
        _ env: FakeEnvironment,
        _ fixture: CacheFixture,
        prompted: @escaping @Sendable () -> Void = {}
    ) throws -> DeviceCodeCredential {
        var options = env.options(logger: fixture.logger, timeSource: env.time)
        options.tokenCachePersistence = fixture.persistence()
        return try DeviceCodeCredential(
            tenantID: FakeEnvironment.tenant,
            clientID: InteractiveFixtures.app,
            options: options,
            prompt: { info in
                prompted()
                env.fake.approveDeviceCode(userCode: info.userCode, username: InteractiveFixtures.alice)
            }
        )
    }

    @Test("device code once; later credentials use the disk's token, then its refresh token, never a prompt")
    func deviceCodeSurvivesTheProcess() async throws {
        let fixture = try CacheFixture()
        try await withFake { env in
            InteractiveFixtures.register(env)
            let first = try credential(env, fixture)
            let token = try await first.getToken(scopes: managementScope)
            let record = try #require(first.authenticationRecord)
            let afterSignIn = env.fake.tokenRequests.count

            let contents = try fixture.cache(fixture.persistence()).contents()
            #expect(contents.accounts == [record])
            #expect(contents.refreshTokenCount == 1)
            #expect(contents.accessTokens.contains { $0.key.account == record.homeAccountID })

            // The fast path (PersistentCacheReading) reads the same key, the account's home id included.
            let reader = try credential(env, fixture) { Issue.record("no prompt in a later process") }
            #expect(reader.tokenFromPersistentCache(for: TokenRequest(scopes: managementScope))?.token == token.token)
            #expect(
                reader.tokenFromPersistentCache(for: TokenRequest(scopes: ["https://vault.azure.net/.default"])) == nil)

            let later = try credential(env, fixture) { Issue.record("no prompt in a later process") }
            #expect(later.authenticationRecord == record, "the account was found on disk")
            let again = try await later.getToken(scopes: managementScope)
            #expect(again.token == token.token)
            #expect(env.fake.tokenRequests.count == afterSignIn, "the access token came from disk")

            let vault = try await later.getToken(scopes: ["https://vault.azure.net/.default"])
            #expect(!vault.token.isEmpty)
            let last = try #require(env.fake.tokenRequests.last)
            #expect(last.form["grant_type"] == "refresh_token", "silent: the refresh token from disk")
            #expect(env.fake.tokenRequests.count == afterSignIn + 1)
            let bytes = try #require(fixture.bytes())
            #expect(!bytes.contains(text: last.form["refresh_token"] ?? "unset"), "the refresh token is encrypted")
        }
    }
}
