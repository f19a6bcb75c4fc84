// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation

/// A public client with a `http://localhost` redirect URI and two users, plus a "browser" that follows the
/// authorize redirect to the loopback listener with curl (trusting the fake's CA), all on 127.0.0.1.
enum InteractiveFixtures {
    static let app = "b1b1b1b1-0000-0000-0000-00000000000b"
    static let alice = "alice@contoso.example"
    static let bob = "bob@contoso.example"

    static func register(_ env: FakeEnvironment) {
        env.fake.register(
            FakeApplication(
                clientID: app,
                tenantID: FakeEnvironment.tenant,
                redirectURIs: ["http://localhost"],
                isPublicClient: true
            )
        )
        for user in [alice, bob] {
            env.fake.register(FakeUser(tenantID: FakeEnvironment.tenant, username: user, password: "unused-password"))
        }
        env.fake.setInteractiveUser(alice)
    }

    /// Installs `fake-browser` (records the URL it was given, then lets curl follow the redirects) and returns the
    /// environment that selects it through `BROWSER`.
    static func browserEnvironment(_ env: FakeEnvironment, tools: FakeTools) throws -> [String: String] {
        let ca = tools.file("ca.pem")
        try env.fake.caCertificatePEM.write(to: ca, atomically: true, encoding: .utf8)
        try tools.install(
            "fake-browser",
            recordArguments("fake-browser") + "\n"
                + #"exec curl -sS -f -L --max-redirs 3 --cacert "$FAKE_CA" -o /dev/null "$1""#
        )
        return tools.environment(["BROWSER": "fake-browser", "FAKE_CA": ca.path])
    }

    static func options(_ env: FakeEnvironment, environment: [String: String]) -> CredentialOptions {
        var options = env.options(environment: environment)
        options.transport = LoopbackOnlyTransport(env.transport)
        return options
    }
}
