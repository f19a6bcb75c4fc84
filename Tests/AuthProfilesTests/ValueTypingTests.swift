// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Testing

@testable import AuthProfiles

/// Scalars are typed by their field, never by YAML 1.1 guessing.
@Suite struct ValueTypingTests {
    func profile(_ credential: String) -> String {
        "version: 1\nprofiles:\n  app:\n    tenant: contoso.onmicrosoft.com\n    credential: \(credential)\n"
    }

    @Test func booleansAreOnlyTrueAndFalse() {
        let base =
            "{ type: clientCertificate, clientId: \(clientA), certificate: { path: c.pem }, sendCertificateChain: "
        #expect(codes(profile(base + "true }")) == [])
        #expect(codes(profile(base + "yes }")) == ["AP202"])
        #expect(codes(profile(base + "\"true\" }")) == ["AP202"])
    }

    @Test func durations() {
        #expect(ProfileDuration.parse("500ms") == .milliseconds(500))
        #expect(ProfileDuration.parse("2s") == .seconds(2))
        #expect(ProfileDuration.parse("1m") == .seconds(60))
        #expect(ProfileDuration.parse("1h") == .seconds(3600))
        for bad in ["", "s", "10", "-1s", "1.5s", "1d", "9999999999s", "2 s"] {
            #expect(ProfileDuration.parse(bad) == nil, "\(bad)")
        }
        #expect(ProfileDuration.format(.milliseconds(120_000)) == "2m")
        #expect(ProfileDuration.format(.milliseconds(1500)) == "1500ms")
        let diagnostic = validate(profile("{ type: azureCli, timeout: 10 }")).diagnostics.first
        #expect(diagnostic?.code == .invalidDuration)
        #expect(diagnostic?.hint == "add a unit: '10s' or '10ms'")
    }

    @Test func identifiers() {
        #expect(Identifiers.isGUID(clientA))
        #expect(!Identifiers.isGUID("2d1a8c9e00004000800000000000001"))
        #expect(!Identifiers.isGUID("2d1a8c9e-0000-4000-8000-00000000000g"))
        #expect(Identifiers.isTenantID("contoso.onmicrosoft.com"))
        #expect(!Identifiers.isTenantID("contoso_tenant"))
        #expect(Identifiers.isEnvironmentName("AZURE_CLIENT_ID"))
        #expect(!Identifiers.isEnvironmentName("1X"))
        #expect(!Identifiers.isEnvironmentName("A-B"))
        #expect(Identifiers.isResourceID("/subscriptions/abc/resourceGroups/rg"))
        #expect(!Identifiers.isResourceID("subscriptions/abc"))
    }

    @Test func environmentBindingsWithTypedDefaults() throws {
        let yaml = profile("{ type: azureCli, timeout: { env: CLI_TIMEOUT, default: 20s } }")
        let graph = try #require(validate(yaml).graph)
        let node = try #require(graph.profile(named: "app")?.credential)
        #expect(node.timeout == .environment(EnvironmentBinding(name: "CLI_TIMEOUT", defaultValue: "20s")))
        #expect(codes(profile("{ type: azureCli, timeout: { env: CLI_TIMEOUT, default: soon } }")) == ["AP207"])
        #expect(codes(profile("{ type: azureCli, timeout: { env: A, file: b } }")) == ["AP200"])
        #expect(codes(profile("{ type: azureCli, timeout: {} }")) == ["AP201"])
    }

    @Test func secretsAreReferencesOnly() throws {
        let good = profile("{ type: clientSecret, clientId: \(clientA), clientSecret: { file: /run/secrets/app } }")
        let graph = try #require(validate(good).graph)
        let secret = try #require(graph.profile(named: "app")?.credential.settings as? ClientSecretSettings).secret
        #expect(secret == .file(path: "/run/secrets/app"))
        let inline = validate(profile("{ type: clientSecret, clientId: \(clientA), clientSecret: hunter2 }"))
        #expect(inline.diagnostics.map(\.code) == [.inlineSecret])
        #expect(inline.diagnostics.allSatisfy { $0.isSensitive && !$0.message.contains("hunter2") })
        #expect(
            codes(profile("{ type: clientSecret, clientId: \(clientA), clientSecret: { env: S, default: x } }"))
                == ["AP200"])
    }

    @Test func yamlGuessesDoNotLeakIntoText() throws {
        let yaml =
            "version: 1\nprofiles:\n  app:\n    description: 012\n    tenant: contoso.onmicrosoft.com\n"
            + "    credential: { type: azureCli, subscription: no }\n"
        let graph = try #require(validate(yaml).graph)
        #expect(graph.profile(named: "app")?.description == "012")
        let subscription = try #require(graph.profile(named: "app")?.credential.settings as? AzureCliSettings)
            .subscription
        #expect(subscription == .literal("no"))
    }

    @Test func nullIsNotAString() {
        #expect(
            codes("version: 1\nprofiles:\n  app:\n    description:\n    credential: { type: azureCli }\n")
                == ["AP202"])
    }

    @Test func suggestions() {
        #expect(Suggestion.closest(to: "clientID", in: ["clientId", "tenant"]) == "clientId")
        #expect(Suggestion.closest(to: "tokneFile", in: ["tokenFile", "clientId"]) == "tokenFile")
        #expect(Suggestion.closest(to: "zzz", in: ["clientId", "tenant"]) == nil)
        #expect(Suggestion.editDistance(Array("ab".unicodeScalars), Array("ba".unicodeScalars), atMost: 3) == 1)
    }
}
