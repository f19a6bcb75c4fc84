// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AuthProfilesRuntime
import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

/// Issue 10: one rule for a written `timeout` or `deadline` whose variable is unset or malformed, on every kind of
/// node, in the run and the dry run alike: the node stops before anything in it runs — unavailable when the
/// variable is unset, failed when it is not a duration — instead of running under another bound. (Before, a leaf's
/// unreadable `timeout` fell back to the default link timeout except on the developer tools, which failed; a
/// chain's or reference's was ignored; a chain's `deadline` already stopped the chain.)
@Suite struct TimeoutRuleAgreementTests {
    static let secretLink =
        "{ type: clientSecret, clientId: \(FakeProfileEnvironment.clientID), clientSecret: { env: GOOD_SECRET } }"

    /// The credential of profile `app`, each with `timeout: { env: T }` (or `deadline:` on the chain).
    static let bodies: [(String, String)] = [
        (
            "leaf",
            "credential: { type: clientSecret, clientId: \(FakeProfileEnvironment.clientID), "
                + "clientSecret: { env: GOOD_SECRET }, timeout: { env: T } }"
        ),
        ("tool", "credential: { type: azureCli, timeout: { env: T } }"),
        ("chain", "credential: { type: chain, timeout: { env: T }, links: [\(secretLink)] }"),
        ("chainDeadline", "credential: { type: chain, deadline: { env: T }, links: [\(secretLink)] }"),
        ("reference", "credential: { type: profile, name: other, timeout: { env: T } }"),
        ("default", "credential: { type: default, timeout: { env: T } }"),
    ]

    @Test(arguments: bodies, [nil, "soon"])
    func anUnreadableTimeoutStopsTheNodeInBothRuns(_ body: (String, String), _ value: String?) async throws {
        try await withFakeProfiles { env in
            var environment = ["PATH": "", "GOOD_SECRET": FakeProfileEnvironment.secret]
            environment["T"] = value
            let profiles = env.profiles(
                "  app:\n    tenant: test\n    \(body.1)\n  other:\n    tenant: test\n    credential: \(Self.secretLink)"
            )
            let expected: LinkOutcome = value == nil ? .unavailable : .failed
            let entry = try #require(ProfileCatalog.load(text: profiles).entry(named: "app"))
            let explanation = ProfileExplainer(
                context: InspectionContext(environment: environment, workingDirectory: env.directory)
            ).explain(entry)
            let first = try #require(explanation.links.first)
            let credential = try ProfileCredential(entry: entry, options: env.options(environment))
            let evaluation = try await credential.evaluate(for: TokenRequest(scopes: [FakeProfileEnvironment.scope]))
            // The run stops at the node: one attempt, nothing inside it tried, no token.
            #expect(evaluation.token == nil, "\(body.0)")
            #expect(evaluation.attempts.map(\.outcome) == [expected], "\(body.0): \(evaluation.attempts)")
            #expect(evaluation.attempts.first?.reason?.contains("T") == true)
            // The dry run says the same of the node, and shows what is inside as not reached.
            #expect(first.verdict.runtimeOutcome == expected, "\(body.0): \(first.evidence)")
            #expect(first.evidence.contains { $0.subject == "env T" }, "\(body.0): \(first.evidence)")
            #expect(explanation.links.dropFirst().allSatisfy { !$0.reached }, "\(body.0)")
            #expect(explanation.conclusion.winner == nil)
        }
    }

    @Test("A readable timeout still bounds the node, and the link authenticates")
    func aReadableTimeoutRuns() async throws {
        try await withFakeProfiles { env in
            let environment = ["PATH": "", "GOOD_SECRET": FakeProfileEnvironment.secret, "T": "20s"]
            let profiles = env.profiles("  app:\n    tenant: test\n    \(Self.bodies[2].1)")
            let attempt = try await runLastAttempt(profiles, env, environment: environment)
            #expect(attempt.outcome == .authenticated)
            let link = try explainFirstLink(profiles, env, environment: environment)
            #expect(link.verdict == .ready)
        }
    }
}
