// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation

/// A DefaultAzureCredential wired to the fake Entra, a loopback-only transport, fake tools on an injected PATH
/// and an IMDS base URL that is either the fake or a closed loopback port.
struct DefaultCredentialHarness {
    let env: FakeEnvironment
    let tools: FakeTools
    let transport: LoopbackOnlyTransport

    init(_ env: FakeEnvironment) throws {
        self.env = env
        self.tools = try FakeTools()
        self.transport = LoopbackOnlyTransport(env.transport)
    }

    func make(
        environment: [String: String] = [:],
        imdsAnswers: Bool = false,
        installTools: Bool = false,
        mode: String = "ok",
        configure: (inout DefaultAzureCredentialOptions) -> Void = { _ in }
    ) throws -> DefaultAzureCredential {
        if installTools { try FakeDeveloperTools.install(into: tools) }
        var settings = DefaultAzureCredentialOptions(processTimeout: .seconds(20))
        settings.managedIdentity.imdsBaseURL =
            imdsAnswers ? env.fake.managedIdentityURL : "http://127.0.0.1:\(closedLoopbackPort())"
        settings.managedIdentity.jitter = false
        // A probe that must pass gets time to, even under the full suite's load; a closed port fails at once anyway.
        settings.managedIdentity.probeTimeout = .seconds(30)
        configure(&settings)
        var options = env.options(
            environment: tools.environment(["FAKE_MODE": mode, "FAKE_TOKEN": FakeDeveloperTools.token])
                .merging(FakeDeveloperTools.expiring(anHourAfter: env.time.now())) { $1 }
                .merging(environment) { $1 },
            timeSource: env.time
        )
        options.transport = transport
        return try DefaultAzureCredential(settings, options: options)
    }
}
