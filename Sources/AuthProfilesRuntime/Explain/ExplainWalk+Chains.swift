// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AzureIdentity

/// One step of a chain as the dry run sees it: a link of a `chain`, or a member of a `default` link, with the
/// policy the runtime's chain engine applies to it.
struct ChainStep {
    var node: CredentialNode?
    var memberName: String?
    var policy: ChainPolicy

    init(node: CredentialNode) {
        self.node = node
        self.policy = ChainPolicy(node)
    }

    init(member: DefaultMembers.Member) {
        self.memberName = member.name
        self.policy = member.policy
    }

    /// What the chain does after `outcome`, in the words of the dry run.
    func action(after outcome: LinkOutcome) -> String {
        policy.continues(after: outcome) ? "next" : "stop"
    }
}

extension ExplainWalk {
    /// Applies a chain's policy to its steps' expectations with the runtime's own policy function
    /// (``ChainPolicy/continues(after:)``, through ``ChainStep/action(after:)``), as the chain engine would.
    func walkChain(
        _ steps: [ChainStep], in scope: LinkScope, depth: Int, reached: Bool,
        walkStep: ((ChainStep, Bool) -> Expectation)? = nil
    ) -> Expectation {
        var contingent: [String] = []
        var reachNext = reached
        var result: Expectation?
        // The outcome the engine would see from each reached link that gives no token; the chain's own outcome is
        // the engine's rule for them (``ChainPolicy/conclusion(of:)``), not a copy of it.
        var predicted: [LinkOutcome] = []
        func concluded() -> LinkOutcome { ChainPolicy.conclusion(of: predicted) }
        func noToken() -> Expectation { concluded() == .unavailable ? .unavailable : .failed }
        for step in steps {
            let index = links.count
            let expectation =
                walkStep.map { $0(step, reachNext) }
                ?? walk(step.node!, in: scope, depth: depth + 1, reached: reachNext)
            guard reachNext else { continue }
            let name = links[index].displayName
            switch expectation {
            case .authenticates(let winner, let inner):
                links[index].decision = "would authenticate; the chain stops here"
                result = .authenticates(winner: winner, contingentOn: contingent + inner)
                reachNext = false
            case .unknown(let inner, let otherwise):
                contingent += inner.isEmpty ? [name] : inner
                // Reached links after it are those the chain tries when it does not answer: its outcome then is
                // `otherwise` (failed for a chain whose earlier link failed).
                predicted.append(otherwise)
                let unanswered = otherwise == .failed ? "if it fails" : "if unavailable"
                links[index].decision = "a token if it answers; \(unanswered) → \(step.action(after: otherwise))"
                if !step.policy.continues(after: otherwise) {
                    result = .unknown(contingentOn: contingent, otherwise: concluded())
                    reachNext = false
                }
            case .unavailable:
                predicted.append(.unavailable)
                links[index].decision = "unavailable → \(step.action(after: .unavailable))"
                if !step.policy.continues(after: .unavailable) {
                    result = contingent.isEmpty ? noToken() : .unknown(contingentOn: contingent, otherwise: concluded())
                    reachNext = false
                }
            case .failed:
                predicted.append(.failed)
                links[index].decision = "fails → \(step.action(after: .failed))"
                if !step.policy.continues(after: .failed) {
                    result = contingent.isEmpty ? noToken() : .unknown(contingentOn: contingent, otherwise: concluded())
                    reachNext = false
                }
            }
        }
        if let result { return result }
        return contingent.isEmpty ? noToken() : .unknown(contingentOn: contingent, otherwise: concluded())
    }

    func walkDefault(
        _ node: CredentialNode, settings: DefaultCredentialSettings, index: Int, scope: LinkScope, depth: Int,
        reached: Bool
    ) -> Expectation {
        let selection: DefaultMembers
        switch DefaultMembers.resolve(settings, resolver: resolver) {
        case .success(let resolved): selection = resolved
        case .failure(let problem):
            links[index].evidence = [Evidence(.problem, "env AZURE_TOKEN_CREDENTIALS", problem.message)]
            return .failed
        }
        links[index].evidence = [
            Evidence(
                .note, "members", "\(selection.members.map(\.name).joined(separator: ", ")) (\(selection.selectedBy))")
        ]
        // Every member uses the link's authority host; a problem with it is shown on each member, as each stops.
        if let authority = authorityEvidence(for: node, in: scope) { links[index].evidence.append(authority) }
        let steps = selection.members.map(ChainStep.init(member:))
        return walkChain(steps, in: scope, depth: depth, reached: reached) { step, reachable in
            let name = step.memberName!
            let position = self.links.count
            self.links.append(
                LinkExplanation(
                    path: "\(node.path)/\(name)", kind: name, location: nil, depth: depth + 1, verdict: .unknown,
                    evidence: [], reached: reachable))
            let result = self.inspectDefaultMember(
                name, settings: settings, node: node, in: scope,
                single: selection.single)
            self.links[position].verdict = result.verdict
            self.links[position].evidence =
                result.evidence + self.cachedTokenFacts(member: name, settings: settings, node: node, in: scope)
            self.links[position].hint = result.hint
            return Self.expectation(for: result.verdict, winner: self.links[position].displayName)
        }
    }
}
