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
        var allUnavailable = true
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
                if otherwise == .failed { allUnavailable = false }
                let unanswered = otherwise == .failed ? "if it fails" : "if unavailable"
                links[index].decision = "a token if it answers; \(unanswered) → \(step.action(after: otherwise))"
                if !step.policy.continues(after: otherwise) {
                    result = .unknown(contingentOn: contingent, otherwise: allUnavailable ? .unavailable : .failed)
                    reachNext = false
                }
            case .unavailable:
                links[index].decision = "unavailable → \(step.action(after: .unavailable))"
                if !step.policy.continues(after: .unavailable) {
                    // As ``ChainPolicy/conclusion(of:)``: unavailable only when no link before it failed.
                    result =
                        !contingent.isEmpty
                        ? .unknown(contingentOn: contingent, otherwise: allUnavailable ? .unavailable : .failed)
                        : allUnavailable ? .unavailable : .failed
                    reachNext = false
                }
            case .failed:
                allUnavailable = false
                links[index].decision = "fails → \(step.action(after: .failed))"
                if !step.policy.continues(after: .failed) {
                    result = contingent.isEmpty ? .failed : .unknown(contingentOn: contingent, otherwise: .failed)
                    reachNext = false
                }
            }
        }
        if let result { return result }
        if !contingent.isEmpty {
            return .unknown(contingentOn: contingent, otherwise: allUnavailable ? .unavailable : .failed)
        }
        return allUnavailable ? .unavailable : .failed
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
            self.links[position].evidence = result.evidence
            self.links[position].hint = result.hint
            return Self.expectation(for: result.verdict, winner: self.links[position].displayName)
        }
    }
}
