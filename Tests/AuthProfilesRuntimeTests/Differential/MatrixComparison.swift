// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfilesRuntime
import AzureIdentity

/// Compares what the dry run predicted with what the run did, link by link (matched by `path:kind`, in order) and
/// for the winner. Verdicts become outcomes only through ``Verdict/runtimeOutcome``: a verdict with an outcome
/// must be met exactly; `ready` (no outcome: the link would try) must authenticate; `unknown` (only a request can
/// tell) allows a token or unavailable for a leaf, and any outcome of a chain, reference or `default` link that
/// holds an unknown link.
enum MatrixComparison {
    static let composites: Set<String> = ["chain", "profile", "default"]

    /// The outcomes the run may report for a link the dry run gave `verdict`.
    static func allowed(_ verdict: Verdict, kind: String) -> Set<LinkOutcome> {
        if let outcome = verdict.runtimeOutcome { return [outcome] }
        if verdict == .ready { return [.authenticated] }
        return composites.contains(kind) ? [.authenticated, .unavailable, .failed] : [.authenticated, .unavailable]
    }

    /// Every disagreement, in words that name the link; empty when the run did what the dry run said.
    static func disagreements(_ result: MatrixResult) -> [String] {
        let links = result.explanation.links
        let attempts = result.evaluation.attempts
        var problems: [String] = []
        var used = Set<Int>()
        var uncertain = false
        for link in links {
            let match = attempts.indices.first { !used.contains($0) && attempts[$0].displayName == link.displayName }
            if let match { used.insert(match) }
            let attempt = match.map { attempts[$0] }
            let tried = attempt.map { $0.outcome != .notTried } ?? false
            let name = link.displayName
            if !link.reached, tried {
                problems.append("\(name): the dry run does not reach it, the run tried it (\(attempt!.outcome))")
            }
            if link.reached, !tried, !uncertain {
                problems.append(
                    "\(name): the dry run reaches it (\(link.verdict)), the run did not try it"
                        + (attempt?.reason.map { " (\($0))" } ?? ""))
            }
            if link.reached, let attempt, tried {
                let allowed = allowed(link.verdict, kind: link.kind)
                if !allowed.contains(attempt.outcome) {
                    let evidence = link.evidence.map { "\($0.subject): \($0.detail)" }.joined(separator: "; ")
                    problems.append(
                        "\(name): the dry run says \(link.verdict) [\(evidence)], the run says "
                            + "\(attempt.outcome): \(attempt.reason ?? "")")
                }
            }
            if link.reached, link.verdict == .unknown, !composites.contains(link.kind) { uncertain = true }
        }
        for index in attempts.indices where !used.contains(index) {
            problems.append("\(attempts[index].displayName): run (\(attempts[index].outcome)) but not in the dry run")
        }
        problems += winnerDisagreements(result)
        return problems
    }

    private static func winnerDisagreements(_ result: MatrixResult) -> [String] {
        let conclusion = result.explanation.conclusion
        let winner = result.evaluation.winner?.displayName
        let tokenWinner = result.evaluation.token == nil ? nil : winner
        let said = "the dry run concludes \(conclusion.result) (\(conclusion.summary))"
        switch conclusion.result {
        case .authenticates:
            let allowed = [conclusion.winner].compactMap { $0 } + conclusion.contingentOn
            if tokenWinner == nil || !allowed.contains(tokenWinner!) {
                return ["\(said), the run's winner is \(tokenWinner ?? "none")"]
            }
        case .dependsOnProbe:
            if let tokenWinner, !conclusion.contingentOn.contains(tokenWinner) {
                return ["\(said), the run's winner is \(tokenWinner)"]
            }
        case .noToken:
            if result.evaluation.token != nil { return ["\(said), the run got a token from \(winner ?? "?")"] }
        }
        return []
    }
}
