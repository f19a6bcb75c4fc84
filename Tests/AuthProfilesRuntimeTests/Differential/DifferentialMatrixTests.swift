// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfilesRuntime
import AzureIdentity
import Foundation
import Testing

/// Issue 10, proof: a differential test of `explain`'s promise. For every generated case the dry run's predicted
/// winner and every link's predicted outcome must be what the run does against the fakes (fake Entra ID, managed
/// identity endpoints and developer tools, all on 127.0.0.1 or in a temporary directory); see
/// ``MatrixComparison`` for the rule. Each test shares one ``DifferentialWorld`` across its cases and names the
/// case in every failure. About 1,600 cases in all (about 700 single leaves, 350 two-link chains, 90 nested chains,
/// 280 `default` links, 140 references, 40 written bounds), run serially in about 10 seconds.
@Suite struct DifferentialMatrixTests {
    /// Runs `cases` against one world and checks each; returns the outcomes seen, so a test can check that its
    /// cases reach every outcome (a matrix in which everything is unavailable would prove nothing).
    @discardableResult
    static func check(_ cases: [MatrixCase], in world: DifferentialWorld) async throws -> Set<LinkOutcome> {
        var outcomes = Set<LinkOutcome>()
        var names = Set<String>()
        for matrixCase in cases {
            #expect(names.insert(matrixCase.name).inserted, "two cases are named \(matrixCase.name)")
            let result: MatrixResult
            do {
                result = try await world.run(matrixCase)
            } catch {
                Issue.record("\(matrixCase.name): \(error)")
                continue
            }
            outcomes.formUnion(result.evaluation.attempts.map(\.outcome))
            for problem in MatrixComparison.disagreements(result) {
                Issue.record("\(matrixCase.name): \(problem)")
            }
        }
        return outcomes
    }

    static func withWorld(_ body: (DifferentialWorld) async throws -> Void) async throws {
        let world = try await DifferentialWorld.start()
        do {
            try await body(world)
            try await world.shutdown()
        } catch {
            try? await world.shutdown()
            throw error
        }
    }

    @Test func everyLeafKindInEveryInputState() async throws {
        try await Self.withWorld { world in
            let leaves = MatrixLeaves.all(world)
            var cases = leaves.map { MatrixCase(leaf: $0) }
            // Without a profile tenant, the kinds that need one read it from elsewhere or are unavailable.
            // (Not usernamePassword: without a tenant it signs in at `organizations`, which the fake does not serve.)
            cases += leaves.enumerated()
                .filter { $0.offset % 4 == 0 && !$0.element.name.hasPrefix("usernamePassword") }
                .map { MatrixCase(leaf: $0.element, profileTenant: false) }
            let outcomes = try await Self.check(cases, in: world)
            #expect(outcomes.isSuperset(of: [.authenticated, .unavailable, .failed]), "\(outcomes)")
            #expect(cases.count >= 400, "\(cases.count) cases")
        }
    }

    @Test func twoLeavesInAChainUnderEveryPolicy() async throws {
        try await Self.withWorld { world in
            let outcomes = try await Self.check(MatrixComposites.pairs(world), in: world)
            #expect(outcomes == [.authenticated, .unavailable, .failed, .notTried], "\(outcomes)")
        }
    }

    @Test func nestedChains() async throws {
        try await Self.withWorld { world in
            let outcomes = try await Self.check(MatrixComposites.nested(world), in: world)
            #expect(outcomes == [.authenticated, .unavailable, .failed, .notTried], "\(outcomes)")
        }
    }

    @Test func chainsThatOnlyAProbeCanDecide() async throws {
        try await Self.withWorld { world in
            let cases = MatrixComposites.probes(world)
            let outcomes = try await Self.check(cases, in: world)
            #expect(outcomes == [.authenticated, .unavailable, .failed, .notTried], "\(outcomes)")
            #expect(cases.count >= 100, "\(cases.count) cases")
        }
    }

    @Test func defaultLinksWithCredentialsAndExclude() async throws {
        try await Self.withWorld { world in
            let outcomes = try await Self.check(MatrixComposites.defaults(world), in: world)
            #expect(outcomes == [.authenticated, .unavailable, .failed, .notTried], "\(outcomes)")
        }
    }

    @Test func profileReferences() async throws {
        try await Self.withWorld { world in
            let outcomes = try await Self.check(MatrixComposites.references(world), in: world)
            #expect(outcomes == [.authenticated, .unavailable, .failed, .notTried], "\(outcomes)")
        }
    }

    @Test func writtenDeadlinesAndTimeouts() async throws {
        try await Self.withWorld { world in
            let outcomes = try await Self.check(MatrixComposites.deadlines(world), in: world)
            #expect(outcomes.isSuperset(of: [.authenticated, .unavailable, .failed]), "\(outcomes)")
        }
    }
}
