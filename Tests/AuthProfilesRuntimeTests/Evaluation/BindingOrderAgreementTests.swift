// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AuthProfilesRuntime
import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

/// Issue 10 item 3, the rest of the class: the binder stops at a link's first problem, in the order it resolves
/// the settings; the dry run used to take the worst problem of the link instead. With an unset tenant variable
/// (unavailable: the chain goes on) before a secret file that is a FIFO (wrong: the chain would stop), the run
/// moved on to the next link and authenticated, while explain predicted that the chain stops with no token.
/// Each case runs both sides on the same input and compares every link's outcome and the winner. The profile's
/// tenant puts it in the fake cloud; a link's own `tenant:` overrides only the tenant.
@Suite struct BindingOrderAgreementTests {
    static let secondLink = """
                    - type: clientSecret
                      clientId: \(FakeProfileEnvironment.clientID)
                      clientSecret: { env: GOOD_SECRET }
        """

    /// (first link, what to put in the directory, environment additions, the first link's outcome)
    static let cases: [(String, String, [String: String], LinkOutcome)] = [
        // Tenant unset, then a FIFO secret: the tenant decides (unavailable).
        (
            """
                        - type: clientSecret
                          tenant: { env: APP_TENANT }
                          clientId: \(FakeProfileEnvironment.clientID)
                          clientSecret: { file: fifo }
            """, "fifo", [:], .unavailable
        ),
        // A FIFO assertion file is read before the tenant: the file decides (failed).
        (
            """
                        - type: clientAssertion
                          tenant: { env: APP_TENANT }
                          clientId: \(FakeProfileEnvironment.clientID)
                          assertion: { file: fifo }
            """, "fifo", [:], .failed
        ),
        // az with a subscription never reads the tenant: an unset tenant variable does not make it unavailable;
        // az is not on PATH, which does.
        (
            """
                        - type: azureCli
                          tenant: { env: APP_TENANT }
                          subscription: { env: SUBSCRIPTION }
                          timeout: { env: AZ_TIMEOUT }
            """, "", ["SUBSCRIPTION": "dev", "AZ_TIMEOUT": "never"], .failed
        ),
    ]

    @Test(arguments: cases.indices)
    func eachLinksOutcomeAndTheWinnerAgree(_ index: Int) async throws {
        let (first, special, additions, outcome) = Self.cases[index]
        try await withFakeProfiles { env in
            if special == "fifo" { try SpecialFiles.makeFIFO(at: env.directory + "/fifo") }
            let profiles = env.profiles(
                """
                  app:
                    tenant: test
                    credential:
                      type: chain
                      links:
                \(first)
                \(Self.secondLink)
                """)
            let environment = ["PATH": "", "GOOD_SECRET": FakeProfileEnvironment.secret].merging(additions) { $1 }
            let entry = try #require(ProfileCatalog.load(text: profiles).entry(named: "app"))
            let explanation = ProfileExplainer(
                context: InspectionContext(
                    environment: environment, workingDirectory: env.directory)
            ).explain(entry)
            let credential = try ProfileCredential(entry: entry, options: env.options(environment))
            let evaluation = try await credential.evaluate(for: TokenRequest(scopes: [FakeProfileEnvironment.scope]))
            let leaves = explanation.links.filter { $0.depth == 1 }
            let attempts = evaluation.attempts.filter { $0.depth == 1 }
            #expect(attempts.first?.outcome == outcome, "\(attempts.first?.reason ?? "")")
            #expect(leaves.first?.verdict.runtimeOutcome == outcome, "\(leaves.first?.evidence ?? [])")
            let authenticated = outcome == .unavailable
            #expect((evaluation.token != nil) == authenticated, "\(attempts.map { $0.reason ?? "" })")
            #expect(
                (explanation.conclusion.winner == attempts.last?.displayName) == authenticated,
                "\(explanation.conclusion.summary)")
        }
    }
}
