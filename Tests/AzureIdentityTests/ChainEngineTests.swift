// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentityTesting
import Foundation
import Synchronization
import Testing

@testable import AzureIdentity

/// The one chain loop (issue 10): policy, deadlines, cancellation and the report of every link, and the two public
/// chains that run on it.
@Suite struct ChainEngineTests {
    /// A credential that answers as told and counts its calls.
    final class Scripted: TokenCredential, Sendable {
        enum Answer: Sendable { case token, unavailable, failed, hang }
        let answer: Answer
        private let calls = Mutex(0)
        var called: Int { calls.withLock { $0 } }

        init(_ answer: Answer) { self.answer = answer }

        func getToken(for request: TokenRequest) async throws -> AccessToken {
            calls.withLock { $0 += 1 }
            switch answer {
            case .token:
                return AccessToken(token: Secret("t"), expiresOn: Date(timeIntervalSinceNow: 3600))
            case .unavailable:
                throw AzureIdentityError(code: .credentialUnavailable, message: "not here")
            case .failed:
                throw AzureIdentityError(code: .authenticationFailed, message: "refused")
            case .hang:
                try await Task.sleep(for: .seconds(3600))
                throw CancellationError()
            }
        }
    }

    @Test("the policy decides after each outcome, and every link is reported, those not reached included")
    func policyAndReports() async throws {
        let links: [(Scripted, ChainPolicy)] = [
            (Scripted(.unavailable), .standard), (Scripted(.failed), .alwaysContinue), (Scripted(.failed), .standard),
            (Scripted(.token), .standard),
        ]
        var heard: [LinkOutcome] = []
        let conclusion = try await ChainEngine.run(
            links.map { ChainEngine.Link(policy: $0.1) },
            attempt: { try await ChainEngine.run(links[$0].0, for: TokenRequest(scopes: ["s"]), limit: nil) },
            observe: { heard.append($0.outcome) })
        guard case .noToken(let outcome, let reports) = conclusion else {
            Issue.record("the third link stops the chain before the fourth gives a token")
            return
        }
        #expect(outcome == .failed)
        #expect(reports.map(\.outcome) == [.unavailable, .failed, .failed, .notTried])
        #expect(heard == reports.map(\.outcome))
        #expect(reports[3].reason == "link 3 stopped the chain")
        #expect(links[3].0.called == 0)
    }

    @Test("a chain whose every link tried was unavailable is unavailable; an empty chain too")
    func conclusion() {
        #expect(ChainPolicy.conclusion(of: [.unavailable, .notTried]) == .unavailable)
        #expect(ChainPolicy.conclusion(of: []) == .unavailable)
        #expect(ChainPolicy.conclusion(of: [.unavailable, .failed]) == .failed)
        #expect(ChainPolicy.standard.continues(after: .unavailable))
        #expect(!ChainPolicy.standard.continues(after: .failed))
        #expect(ChainPolicy.alwaysContinue.continues(after: .failed))
    }

    @Test("a link whose deadline has passed is not tried, and says which bound")
    func passedDeadline() async throws {
        let link = Scripted(.token)
        let past = ChainDeadline(instant: .now - .seconds(1), bound: "the deadline of 1s set on x")
        let conclusion = try await ChainEngine.run(
            [ChainEngine.Link(policy: .standard, deadline: past)],
            attempt: { _ in try await ChainEngine.run(link, for: TokenRequest(scopes: ["s"]), limit: nil) })
        guard case .noToken(.unavailable, let reports) = conclusion else {
            Issue.record("expected no token")
            return
        }
        #expect(reports.first?.reason == "the deadline of 1s set on x passed")
        #expect(link.called == 0)
    }

    @Test("a link's time limit makes it unavailable and names the bound")
    func limit() async throws {
        let result = try await ChainEngine.run(
            Scripted(.hang), for: TokenRequest(scopes: ["s"]),
            limit: ChainDeadline(instant: .now + .milliseconds(50), bound: "its timeout of 50ms"))
        #expect(result.outcome == .unavailable)
        #expect(result.reason == "no answer within its timeout of 50ms")
    }

    @Test("ChainedTokenCredential and DefaultAzureCredential rethrow CancellationError and try no later link")
    func cancellation() async throws {
        let first = Scripted(.hang)
        let second = Scripted(.token)
        let chain = ChainedTokenCredential([first, second])
        let task = Task { try await chain.getToken(for: TokenRequest(scopes: ["s"])) }
        _ = try await HangGuard.eventually { first.called > 0 }
        task.cancel()
        let result = await task.result
        #expect(throws: CancellationError.self) { try result.get() }
        #expect(second.called == 0)
    }

    @Test(
        "a cancelled caller is not a failed link: a credential that maps cancellation to its own error still ends the chain with CancellationError"
    )
    func cancellationWrappedByACredential() async throws {
        /// Turns cancellation into an AzureIdentityError, as a transport may.
        struct Wrapping: TokenCredential {
            func getToken(for request: TokenRequest) async throws -> AccessToken {
                do {
                    try await Task.sleep(for: .seconds(3600))
                } catch {
                    throw AzureIdentityError(code: .transportFailed, message: "the request was cancelled")
                }
                throw AzureIdentityError(code: .transportFailed, message: "unreachable")
            }
        }
        let second = Scripted(.token)
        let task = Task {
            try await ChainedTokenCredential([Wrapping(), second]).getToken(for: TokenRequest(scopes: ["s"]))
        }
        try await Task.sleep(for: .milliseconds(50))
        task.cancel()
        let result = await task.result
        #expect(throws: CancellationError.self) { try result.get() }
        #expect(second.called == 0)
    }
}
