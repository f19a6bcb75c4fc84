// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// The one loop every chain runs on: ``ChainedTokenCredential``, ``DefaultAzureCredential``, profile chains and
/// profiles' `default` links.
///
/// It tries links in order, applies each link's ``ChainPolicy`` to its outcome, skips a link whose deadline has
/// passed, propagates cancellation, and reports every link's outcome to an observer — links the chain never
/// reached included, so an error can list every link. A link that runs a credential runs it through
/// ``run(_:for:limit:timeSource:)``, the one place a per-link time limit is applied and an error becomes an outcome.
///
/// Deadlines, time limits and latencies are read on the caller's ``TimeSource`` (``TimeSource/instant()``), so a
/// test clock decides when they fire.
package enum ChainEngine {
    /// One link as the engine sees it.
    package struct Link: Sendable {
        /// How the chain treats this link's outcome.
        package var policy: ChainPolicy
        /// A deadline that, once passed, means the link is not tried (checked when the chain reaches it).
        package var deadline: ChainDeadline?

        package init(policy: ChainPolicy, deadline: ChainDeadline? = nil) {
            self.policy = policy
            self.deadline = deadline
        }
    }

    /// What the observer hears about one link.
    package struct Report: Sendable {
        /// The link's position in the chain.
        package var index: Int
        package var outcome: LinkOutcome
        /// Why, when the link gave no token (for a link not tried: why not).
        package var reason: String?
        /// The error the link threw, if it threw one.
        package var error: (any Error & Sendable)?
        /// How long the link took (zero when it was not tried).
        package var latency: Duration
    }

    /// How a chain ended.
    package enum Conclusion: Sendable {
        /// A link gave a token.
        case token(AccessToken, winner: Int)
        /// No link did: ``LinkOutcome/unavailable`` when every link tried was unavailable, else
        /// ``LinkOutcome/failed``; the reports of every link, in order.
        case noToken(LinkOutcome, reports: [Report])
    }

    /// Runs `links` in order until one gives a token or the policy stops the chain.
    ///
    /// - Parameters:
    ///   - timeSource: the clock deadlines and latencies are read on.
    ///   - attempt: runs link `index`; returns its result. It may throw only `CancellationError` (any other error
    ///     is mapped by ``LinkResult/init(error:)``).
    ///   - observe: hears about every link, including those not tried, in chain order.
    /// - Throws: `CancellationError` when the calling task is cancelled: a cancelled caller gets no token and no
    ///   chain error, and no later link is tried.
    package static func run(
        _ links: [Link],
        timeSource: any TimeSource = SystemTimeSource(),
        attempt: (Int) async throws -> LinkResult,
        observe: (Report) -> Void = { _ in }
    ) async throws -> Conclusion {
        var reports: [Report] = []
        func report(_ report: Report) {
            reports.append(report)
            observe(report)
        }
        var stopped: Int?
        for (index, link) in links.enumerated() {
            if let stopped {
                report(
                    Report(
                        index: index, outcome: .notTried, reason: "link \(stopped + 1) stopped the chain",
                        latency: .zero))
                continue
            }
            try Task.checkCancellation()
            if let deadline = link.deadline, timeSource.instant() >= deadline.instant {
                report(Report(index: index, outcome: .notTried, reason: "\(deadline.bound) passed", latency: .zero))
                continue
            }
            let start = timeSource.instant()
            let result = try await attempt(index)
            try Task.checkCancellation()
            switch result {
            case .token(let token):
                report(Report(index: index, outcome: .authenticated, latency: timeSource.instant() - start))
                for rest in links.indices.dropFirst(index + 1) {
                    report(
                        Report(
                            index: rest, outcome: .notTried, reason: "an earlier link gave the token",
                            latency: .zero))
                }
                return .token(token, winner: index)
            case .unavailable, .failed:
                report(
                    Report(
                        index: index, outcome: result.outcome, reason: result.reason, error: result.error,
                        latency: timeSource.instant() - start))
                if !link.policy.continues(after: result.outcome) { stopped = index }
            }
        }
        return .noToken(ChainPolicy.conclusion(of: reports.map(\.outcome)), reports: reports)
    }

    /// Runs a credential as a link under a time limit: its token, or its error mapped to an outcome
    /// (``LinkResult/init(error:)``). The single place a link's run becomes a ``LinkResult``, inside a chain or
    /// alone. A limit that fires makes the link unavailable, with a reason naming the bound.
    /// - Throws: `CancellationError` when the calling task is cancelled, whatever the credential threw.
    package static func run(
        _ credential: some TokenCredential, for request: TokenRequest, limit: ChainDeadline?,
        timeSource: any TimeSource = SystemTimeSource()
    ) async throws -> LinkResult {
        let result: LinkResult
        do {
            if let limit {
                let token = try await TimeLimit.run(until: limit.instant, on: timeSource) {
                    try await credential.getToken(for: request)
                }
                result = token.map(LinkResult.token) ?? .unavailable("no answer within \(limit.bound)")
            } else {
                result = .token(try await credential.getToken(for: request))
            }
        } catch {
            try Task.checkCancellation()
            result = LinkResult(error: error)
        }
        try Task.checkCancellation()
        return result
    }
}

/// A moment by which a link must finish, and what set it, so a link cut short can say which bound fired.
package struct ChainDeadline: Sendable {
    /// When it passes, on the ``TimeSource/instant()`` of the clock the chain runs on.
    package var instant: ContinuousClock.Instant
    /// The bound in words, completing "no answer within …" and "… passed": `its timeout of 5s`, `the deadline of
    /// 20s set on prod/credential`. Written when read: every warm call of a profile makes a limit per link, and
    /// only one that fires is ever read.
    package var bound: String { describe() }
    private let describe: @Sendable () -> String

    package init(instant: ContinuousClock.Instant, bound: @escaping @autoclosure @Sendable () -> String) {
        self.instant = instant
        self.describe = bound
    }
}
