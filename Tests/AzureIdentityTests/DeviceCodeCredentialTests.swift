// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation
import Synchronization
import Testing

@Suite("DeviceCodeCredential end to end")
struct DeviceCodeCredentialTests {
    private func credential(
        _ env: FakeEnvironment,
        store: UserTokenStore? = nil,
        record: AuthenticationRecord? = nil,
        disableAutomatic: Bool = false,
        prompt: @escaping @Sendable (DeviceCodeInfo) async -> Void
    ) throws -> DeviceCodeCredential {
        try DeviceCodeCredential(
            tenantID: FakeEnvironment.tenant,
            clientID: InteractiveFixtures.app,
            authenticationRecord: record,
            tokenStore: store,
            disableAutomaticAuthentication: disableAutomatic,
            options: env.options(timeSource: env.time),
            prompt: prompt
        )
    }

    @Test("prompt, pending polls at the interval, slow_down adds 5 s, then the token")
    func pollsUntilApproved() async throws {
        try await withFake { env in
            InteractiveFixtures.register(env)
            env.fake.slowDownNextDeviceCodePolls(1)
            let seen = Mutex<DeviceCodeInfo?>(nil)
            let credential = try credential(env) { info in seen.withLock { $0 = info } }
            let task = Task { try await credential.getToken(scopes: managementScope) }
            var info: DeviceCodeInfo?
            _ = try await HangGuard.eventually {
                info = seen.withLock { $0 }
                return info != nil
            }
            let prompt = try #require(info)
            #expect(prompt.message.contains(prompt.userCode))
            _ = try await HangGuard.eventually { env.fake.tokenRequests.count >= 3 }
            env.fake.approveDeviceCode(userCode: prompt.userCode, username: InteractiveFixtures.alice)
            let token = try await task.value
            #expect(
                env.fake.verifiedClaims(of: token.token.revealedValue())?["upn"] as? String == InteractiveFixtures.alice
            )
            let sleeps = env.time.sleeps
            #expect(sleeps.first == .seconds(5))
            #expect(sleeps.dropFirst().allSatisfy { $0 == .seconds(10) }, "slow_down raised the interval to 10 s")
            #expect(
                env.fake.tokenRequests.allSatisfy {
                    $0.form["grant_type"] == "urn:ietf:params:oauth:grant-type:device_code"
                })
        }
    }

    @Test("a declined sign-in fails; cancellation stops polling")
    func declineAndCancel() async throws {
        try await withFake { env in
            InteractiveFixtures.register(env)
            let declining = try credential(env) { info in env.fake.declineDeviceCode(userCode: info.userCode) }
            let error = try #require(
                await caught { try await declining.getToken(scopes: managementScope) } as? AzureIdentityError
            )
            #expect(error.code == .authenticationFailed)
            #expect(error.message.contains("declined"))

            let waiting = try credential(env) { _ in }
            let task = Task { try await waiting.getToken(scopes: managementScope) }
            _ = try await HangGuard.eventually { env.fake.tokenRequests.count >= 3 }
            task.cancel()
            let cancelled = await caught { try await task.value }
            #expect(cancelled is CancellationError)
        }
    }

    @Test("an expired device code stops polling")
    func expiry() async throws {
        try await withFake { env in
            InteractiveFixtures.register(env)
            let time = env.time
            let credential = try credential(env) { _ in time.advance(by: 901) }
            let error = try #require(
                await caught { try await credential.getToken(scopes: managementScope) } as? AzureIdentityError
            )
            #expect(error.message.contains("expired"))
        }
    }

    @Test("AuthenticationRecord: another credential with the record and store signs in silently")
    func silentReuse() async throws {
        try await withFake { env in
            InteractiveFixtures.register(env)
            let store = UserTokenStore()
            let first = try credential(env, store: store) { info in
                env.fake.approveDeviceCode(userCode: info.userCode, username: InteractiveFixtures.bob)
            }
            let record = try await first.authenticate(scopes: managementScope)
            #expect(record.username == InteractiveFixtures.bob)
            let restored = try AuthenticationRecord.deserialize(try record.serialize())
            #expect(restored == record)

            let prompted = Mutex(false)
            let second = try credential(env, store: store, record: restored, disableAutomatic: true) { _ in
                prompted.withLock { $0 = true }
            }
            let token = try await second.getToken(scopes: ["https://vault.azure.net/.default"])
            #expect(
                env.fake.verifiedClaims(of: token.token.revealedValue())?["upn"] as? String == InteractiveFixtures.bob
            )
            #expect(!prompted.withLock { $0 })
            #expect(env.fake.tokenRequests.last?.form["grant_type"] == "refresh_token")

            let stranger = try credential(env, record: restored, disableAutomatic: true) { _ in }
            let required = await caught { try await stranger.getToken(scopes: managementScope) }
            #expect((required as? AzureIdentityError)?.code == .authenticationRequired)
            #expect(throws: AzureIdentityError.self) { try AuthenticationRecord.deserialize(#"{"version":"2.0"}"#) }
        }
    }
}
