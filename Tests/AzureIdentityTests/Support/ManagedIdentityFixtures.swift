// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation

/// Identities and helpers shared by the managed identity tests.
enum MIFixtures {
    static let system = FakeManagedIdentity(
        clientID: "5a5a5a5a-0000-0000-0000-000000000001",
        tenantID: FakeEnvironment.tenant,
        isSystemAssigned: true
    )
    static let user = FakeManagedIdentity(
        clientID: "7b7b7b7b-0000-0000-0000-000000000002",
        tenantID: FakeEnvironment.tenant,
        objectID: "0b0b0b0b-0000-0000-0000-000000000003",
        resourceID: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/u"
    )

    static func register(_ env: FakeEnvironment) {
        env.fake.register(system)
        env.fake.register(user)
    }

    /// A credential against the fake: IMDS base URL overridden, no jitter, the manual clock, loopback only.
    static func credential(
        _ env: FakeEnvironment,
        identity: ManagedIdentityID = .systemAssigned,
        environment: [String: String] = [:],
        configure: (inout ManagedIdentityOptions) -> Void = { _ in }
    ) throws -> (ManagedIdentityCredential, LoopbackOnlyTransport) {
        let transport = LoopbackOnlyTransport(env.transport)
        var settings = ManagedIdentityOptions(
            identity: identity,
            imdsBaseURL: env.fake.managedIdentityURL,
            jitter: false
        )
        configure(&settings)
        var options = env.options(environment: environment, timeSource: env.time)
        options.transport = transport
        return (try ManagedIdentityCredential(managedIdentity: settings, options: options), transport)
    }

    /// The recorded managed identity requests (the fake's plain-HTTP side).
    static func requests(_ env: FakeEnvironment) -> [RecordedRequest] {
        env.fake.requests.filter { !$0.path.contains("/oauth2/v2.0/") && !$0.path.contains("openid") }
    }
}
