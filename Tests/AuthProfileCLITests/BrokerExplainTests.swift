// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfileCLI
import AzureIdentity
import AzureIdentityTesting
import Foundation
import Synchronization
import Testing

/// Issue 13: `explain` on a brokered link asks the broker's presence and never calls it; `explain --live` reports
/// the broker's answer (its status, subStatus and context), never a token.
@Suite struct BrokerExplainTests {
    static let directory = "\(CLIHarness.fixturesDirectory)/explain"

    static func run(_ arguments: [String], broker: InMemoryIdentityBroker) async -> CLIRun {
        let out = Mutex("")
        let err = Mutex("")
        var context = CLIContext(
            standardOutput: { text in out.withLock { $0 += text } },
            standardError: { text in err.withLock { $0 += text } },
            workingDirectory: CLIHarness.packageRoot)
        context.brokerConnection = broker
        let status = await CommandRunner.run(
            ["explain", "broker", "--file", "\(directory)/kinds.yaml", "--env", "\(directory)/env/kinds.env"]
                + arguments,
            context: context)
        return CLIRun(status: status, stdout: out.withLock { $0 }, stderr: err.withLock { $0 })
    }

    static let alice = InMemoryIdentityBroker.Account(
        tenantID: "72f988bf-86f1-41af-91ab-2d7cd011db47", username: "alice@contoso.example")

    @Test("the dry run says the broker runs, from its presence only")
    func dryRun() async throws {
        let broker = InMemoryIdentityBroker(accounts: [Self.alice])
        let run = await Self.run([], broker: broker)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("✓ session bus: unix:path=/run/user/1000/bus"))
        #expect(run.stdout.contains("✓ identity broker: com.microsoft.identity.broker1 runs"))
        #expect(broker.presenceChecks == 1)
        #expect(broker.calls.isEmpty)
    }

    @Test("--live reports the broker's refusal with status, subStatus and context, and no token")
    func liveRefusal() async throws {
        let broker = InMemoryIdentityBroker(accounts: [Self.alice])
        broker.setReply(.brokerError(status: 7, subStatus: 6000, context: "AADSTS50076"), for: "acquireTokenSilently")
        broker.setReply(
            .brokerError(status: 7, subStatus: 6000, context: "AADSTS50076"), for: "acquireTokenInteractively")
        let run = await Self.run(["--live"], broker: broker)
        #expect(run.status == 1)
        #expect(run.stdout.contains("status 7, subStatus 6000, context 'AADSTS50076'"), "\(run.stdout)")

        let working = InMemoryIdentityBroker(accounts: [Self.alice])
        let success = await Self.run(["--live"], broker: working)
        #expect(success.status == 0, "\(success.stdout)\(success.stderr)")
        let token = try #require(working.issuedTokens.first)
        #expect(!success.stdout.contains(token))
        #expect(success.stdout.contains(Self.alice.username))
        #expect(working.calls(to: "acquireTokenInteractively").isEmpty)
    }
}
