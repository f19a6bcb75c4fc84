// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

@testable import AuthProfilesRuntime

/// Issue 13: the dry run asks the broker's presence (never a call to the broker, which D-Bus activation would
/// start), once and only when a link needs it; it says whether a session bus is there, whether the broker runs
/// or is activatable, and for VS Code whether a record exists and for which account. The run uses the broker.
@Suite struct BrokerInspectionTests {
    static let tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47"
    static let alice = InMemoryIdentityBroker.Account(
        objectID: "0a0a0a0a-0000-0000-0000-00000000000a", tenantID: tenant, username: "alice@contoso.example")

    static let profiles = """
        version: 1
        profiles:
          brokered:
            tenant: \(tenant)
            credential:
              type: interactiveBrowser
              clientId: 2d1a8c9e-0000-4000-8000-000000000902
              broker: { enabled: true, useDefaultBrokerAccount: true }
          vscode:
            credential: { type: visualStudioCode }
          browser:
            tenant: \(tenant)
            credential: { type: interactiveBrowser }
          everything:
            credential: { type: default, credentials: dev }
        """

    static func home(withRecord: Bool) throws -> String {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("broker-explain-\(UUID())")
        let directory = home.appendingPathComponent(".azure/ms-azuretools.vscode-azureresourcegroups")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        if withRecord {
            let record = """
                {"username": "\(alice.username)", "authority": "https://login.microsoftonline.com",
                 "homeAccountId": "\(alice.homeAccountID)", "tenantId": "\(tenant)",
                 "clientId": "aebc6443-996d-45c2-90f0-388ff96faa56", "datetime": "2026-12-01T10:00:00.000Z"}
                """
            try Data(record.utf8).write(to: directory.appendingPathComponent("authRecord.json"))
        }
        return home.path
    }

    static func explain(
        _ profile: String, broker: InMemoryIdentityBroker, environment: [String: String] = ["PATH": "/nonexistent"]
    ) async throws -> Explanation {
        let entry = try #require(ProfileCatalog.load(text: profiles).entry(named: profile))
        return await ProfileExplainer.explain(
            entry, context: InspectionContext(environment: environment, workingDirectory: "/"), broker: broker)
    }

    @Test("an interactiveBrowser link with the broker: presence asked once, the broker never called")
    func brokeredLink() async throws {
        for (presence, verdict, detail) in [
            (InMemoryIdentityBroker.BrokerPresenceState.running, Verdict.ready, "runs"),
            (.activatable, .ready, "D-Bus can start it"),
            (.absent, .unavailable, "neither running nor activatable"),
            (.noBus, .unavailable, "DBUS_SESSION_BUS_ADDRESS is not set"),
        ] {
            let broker = InMemoryIdentityBroker(accounts: [Self.alice])
            broker.setPresence(presence)
            let explanation = try await Self.explain("brokered", broker: broker)
            let link = try #require(explanation.links.first)
            #expect(link.verdict == verdict, "\(presence): \(link.evidence)")
            #expect(link.evidence.contains { $0.detail.contains(detail) }, "\(link.evidence)")
            #expect(!link.evidence.contains { $0.subject == "env BROWSER" })
            #expect(broker.presenceChecks == 1)
            #expect(broker.calls.isEmpty)
        }
    }

    @Test("links that do not need the broker never ask for its presence")
    func noBrokerNoQuestion() async throws {
        let broker = InMemoryIdentityBroker(accounts: [Self.alice])
        _ = try await Self.explain("browser", broker: broker)
        let home = try Self.home(withRecord: false)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let vscode = try await Self.explain("vscode", broker: broker, environment: ["HOME": home])
        let link = try #require(vscode.links.first)
        #expect(link.verdict == .unavailable)
        #expect(link.evidence.contains { $0.subject == "VS Code record" && $0.detail.hasPrefix("none at \(home)") })
        #expect(broker.presenceChecks == 0)
        #expect(broker.calls.isEmpty)
    }

    @Test("visualStudioCode: the record's account, and the broker's presence; also as a default member")
    func visualStudioCode() async throws {
        let home = try Self.home(withRecord: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let broker = InMemoryIdentityBroker(accounts: [Self.alice])
        let explanation = try await Self.explain("vscode", broker: broker, environment: ["HOME": home])
        let link = try #require(explanation.links.first)
        #expect(link.verdict == .ready)
        #expect(link.evidence.contains { $0.subject == "VS Code record" && $0.detail.contains(Self.alice.username) })
        #expect(link.evidence.contains { $0.subject == "identity broker" })

        let chain = try await Self.explain(
            "everything", broker: broker, environment: ["HOME": home, "PATH": "/nonexistent"])
        let member = try #require(chain.links.first { $0.kind == "visualStudioCode" })
        #expect(member.verdict == .ready)
        #expect(
            chain.links.map(\.kind).firstIndex(of: "visualStudioCode")! < chain.links.map(\.kind).firstIndex(
                of: "azureCli")!)
        #expect(broker.presenceChecks == 2)
        #expect(broker.calls.isEmpty)
    }

    @Test("the run: a profile's brokered link and visualStudioCode link get their tokens from the broker")
    func run() async throws {
        let home = try Self.home(withRecord: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        // The real clock: a stepping one would let the link's time limit win the race against the broker's answer.
        let time = SystemTimeSource()
        let broker = InMemoryIdentityBroker(accounts: [Self.alice], timeSource: time)
        for profile in ["brokered", "vscode"] {
            let entry = try #require(ProfileCatalog.load(text: Self.profiles).entry(named: profile))
            var options = ProfileRuntimeOptions(
                environment: ["HOME": home], workingDirectory: "/",
                transport: NeverAnsweringTransport(timeSource: time), timeSource: time)
            options.brokerConnection = broker
            let evaluation = try await ProfileCredential(entry: entry, options: options)
                .evaluate(for: TokenRequest(scopes: ["https://management.azure.com/.default"]))
            let token = try #require(evaluation.token, "\(profile): \(evaluation.attempts)")
            #expect(broker.issuedTokens.last == token.token.revealedValue())
        }
        #expect(broker.calls(to: "acquireTokenInteractively").isEmpty)
        #expect(broker.violations.isEmpty)
    }
}
