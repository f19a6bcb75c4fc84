// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation
import InMemoryLogging
import Logging
import Testing

@Suite("Redaction: managed identity, developer tools and interactive sign-in")
struct NewCredentialRedactionTests {
    @Test("no token, identity header, refresh token, code or verifier reaches logs, errors or dumps")
    func noSecretsAnywhere() async throws {
        try await withFake { env in
            var handler = InMemoryLogHandler()
            handler.logLevel = .trace
            let logger = Logger(label: "redaction", factory: { _ in handler })
            MIFixtures.register(env)
            InteractiveFixtures.register(env)
            let tools = try FakeTools()
            defer { tools.remove() }
            try FakeDeveloperTools.install(into: tools)
            var secrets = [env.fake.appServiceIdentityHeader, FakeDeveloperTools.token]
            var texts: [String] = []
            func record(_ value: Any) {
                var dumped = ""
                dump(value, to: &dumped)
                texts += ["\(value)", String(reflecting: value), dumped]
            }

            let appService = [
                "IDENTITY_ENDPOINT": "\(env.fake.managedIdentityURL)/msi/token",
                "IDENTITY_HEADER": env.fake.appServiceIdentityHeader,
            ]
            let managed = try ManagedIdentityCredential(
                options: env.options(logger: logger, environment: appService, timeSource: env.time)
            )
            record(managed)
            let miToken = try await managed.getToken(scopes: managementScope)
            secrets.append(miToken.token.revealedValue())
            record(miToken)

            var cliOptions = FakeDeveloperTools.options(tools)
            cliOptions.logger = logger
            let cli = try AzureCliCredential(options: cliOptions)
            record(try await cli.getToken(scopes: managementScope))
            cliOptions.environment["FAKE_MODE"] = "aadsts"
            cliOptions.environment["FAKE_LEAK"] = FakeDeveloperTools.token
            record(
                await caught { try await AzureCliCredential(options: cliOptions).getToken(scopes: managementScope) }
                    as Any
            )

            var browserOptions = InteractiveFixtures.options(
                env,
                environment: try InteractiveFixtures.browserEnvironment(env, tools: tools)
            )
            browserOptions.logger = logger
            let browser = try InteractiveBrowserCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: InteractiveFixtures.app,
                options: browserOptions
            )
            record(browser)
            let userToken = try await browser.getToken(scopes: managementScope)
            secrets.append(userToken.token.revealedValue())
            let redeem = try #require(env.fake.tokenRequests.first { $0.form["grant_type"] == "authorization_code" })
            secrets += [redeem.form["code"], redeem.form["code_verifier"]].compactMap { $0 }
            _ = try await browser.getToken(scopes: ["https://vault.azure.net/.default"])
            let refresh = try #require(env.fake.tokenRequests.last?.form["refresh_token"])
            secrets.append(refresh)
            record(try #require(browser.authenticationRecord))

            let entries = handler.entries
            #expect(!entries.isEmpty, "the credentials logged something to check")
            texts += entries.map { "\($0.message) \($0.metadata)" }
            for secret in secrets {
                #expect(!secret.isEmpty)
                let leaks = texts.compactMap { text -> String? in
                    guard let range = text.range(of: secret) else { return nil }
                    return String(text[..<range.lowerBound].suffix(400))
                }
                #expect(leaks.isEmpty, "a secret leaked after: \(leaks)")
            }
        }
    }
}
