// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AzureIdentity
import IdentitySupport

/// Explains a profile without running it: no request is sent and no process is started.
///
/// For each link, in chain order, it inspects what the link needs (variables, files, certificates, token files,
/// installed and signed-in tools) and gives a ``Verdict`` with evidence; then it applies the chains' policies to
/// say which link would authenticate and why the earlier ones would not.
public struct ProfileExplainer: Sendable {
    /// The environment, clock and working directory the profile is explained under.
    public var context: InspectionContext

    /// Creates an explainer that inspects under `context`.
    public init(context: InspectionContext) {
        self.context = context
    }

    /// Explains one profile of a catalog.
    public func explain(_ entry: ProfileCatalog.Entry) -> Explanation {
        let walk = ExplainWalk(context: context)
        let scope = entry.scope
        var profileFacts = walk.profileFacts(scope)
        let outcome = walk.walk(entry.profile.credential, in: scope, depth: 0, reached: true)
        walk.blameProfile(entry.profile)
        var conclusion = walk.conclusionWithReasons(outcome)
        // What would stop every link before the first one runs: the transport settings, checked by the same
        // function the run builds its transport with.
        if case .failure(let error) = ProfileTransport.configuration(
            for: scope, resolver: walk.resolver, environment: context.environment)
        {
            // A caBundle that cannot be loaded is already a fact of its own (``ExplainWalk/profileFacts(_:)``).
            if error.code == .invalidEnvironment {
                profileFacts.append(Evidence(.problem, "environment", error.message))
            }
            conclusion = Conclusion(
                result: .noToken, winner: nil, contingentOn: [],
                summary: "no link would run: the HTTP transport cannot be set up (\(error.message))",
                reasons: [])
        }
        return Explanation(
            profile: entry.profile.name, location: entry.profile.location, description: entry.profile.description,
            context: profileFacts, links: walk.links, conclusion: conclusion,
            ignoredVariables: AmbientVariables.ignored(
                environment: EnvironmentVariables(context.environment), read: Set(walk.readLog.read)),
            blame: walk.blame)
    }
}

/// The state of one dry run: the links met so far, the variables read, the blame entries.
final class ExplainWalk {
    /// What a dry run expects of a node.
    enum Expectation {
        case authenticates(winner: String, contingentOn: [String])
        /// Only a request can tell; `otherwise` is the outcome when the links it depends on do not answer (a chain
        /// whose earlier link failed fails then, not unavailable), to which an enclosing chain applies its policy.
        case unknown(contingentOn: [String], otherwise: LinkOutcome)
        case unavailable
        case failed
    }

    let context: InspectionContext
    let resolver: ValueResolver
    var links: [LinkExplanation] = []
    var blame: [BlameEntry] = []
    /// Every variable the walk looked up: through the resolver (profile bindings) and through the inspections,
    /// which read through the same readers as the run (``EnvironmentVariables``). The ambient-variable report is
    /// computed from it, so what a kind reads is known from the code that reads it, not from a list.
    let readLog = EnvironmentVariables.ReadLog()
    /// The links met that keep tokens in a persistent cache, with the entries that are theirs (``cacheTarget(_:in:)``).
    var cacheTargets: [LinkCacheTarget] = []
    private var referenceStack: [String] = []

    init(context: InspectionContext) {
        var context = context
        context.readLog = readLog
        self.context = context
        self.resolver = ValueResolver(
            environment: context.environment, workingDirectory: context.workingDirectory, readLog: readLog)
    }

    func walk(_ node: CredentialNode, in scope: LinkScope, depth: Int, reached: Bool) -> Expectation {
        let index = links.count
        links.append(
            LinkExplanation(
                path: node.path, kind: node.kind.rawValue, location: node.location, depth: depth, verdict: .unknown,
                evidence: [], reached: reached))
        let expectation: Expectation
        let timeout = self.timeout(node)
        if timeout.verdict == .unavailable || timeout.verdict == .misconfigured {
            // As the run: a `timeout` that cannot be read stops the node before anything in it runs
            // (``ValueResolver/timeout(of:)``); the links inside a chain, reference or `default` are shown, not
            // reached.
            if node.leaf == nil { _ = walkInside(node, index: index, in: scope, depth: depth, reached: false) }
            links[index].evidence = timeout.evidence
            links[index].hint = timeout.hint
            expectation = timeout.verdict == .unavailable ? .unavailable : .failed
        } else {
            expectation = walkInside(node, index: index, in: scope, depth: depth, reached: reached)
        }
        links[index].verdict = Self.verdict(for: expectation)
        return expectation
    }

    /// What a node's kind makes of it: a chain walks its links, a reference the referenced profile, `default` its
    /// members, and a leaf is inspected.
    private func walkInside(
        _ node: CredentialNode, index: Int, in scope: LinkScope, depth: Int, reached: Bool
    ) -> Expectation {
        let expectation: Expectation
        switch node.settings {
        case let chain as ChainSettings:
            let (members, deadline) = (chain.links, chain.deadline)
            links[index].evidence = [Evidence(.note, "chain", "\(members.count) link(s), tried in order")]
            let steps = members.map { ChainStep(node: $0) }
            let deadlineResult = deadline.map {
                typed($0, field: "deadline") { resolver.duration($0, field: "deadline") }
            }
            if let deadlineResult, deadlineResult.verdict == .unavailable || deadlineResult.verdict == .misconfigured {
                // The run reads the chain's deadline before its first link: one it cannot read ends the chain
                // there (unavailable when unset, failed when malformed), and no link is tried.
                links[index].evidence += deadlineResult.evidence
                links[index].hint = deadlineResult.hint
                _ = walkChain(steps, in: scope, depth: depth, reached: false)
                expectation = deadlineResult.verdict == .unavailable ? .unavailable : .failed
            } else {
                expectation = walkChain(steps, in: scope, depth: depth, reached: reached)
            }
        case let reference as ProfileReferenceSettings:
            expectation = walkReference(reference.name, index: index, scope: scope, depth: depth, reached: reached)
        case let settings as DefaultCredentialSettings:
            expectation = walkDefault(
                node, settings: settings, index: index, scope: scope, depth: depth,
                reached: reached)
        default:
            let result = inspectLeaf(node, in: scope)
            links[index].evidence = result.evidence + cachedTokenFacts(node, in: scope)
            links[index].hint = result.hint
            expectation = Self.expectation(for: result.verdict, winner: node.displayName)
        }
        return expectation
    }

    private func walkReference(_ name: String, index: Int, scope: LinkScope, depth: Int, reached: Bool) -> Expectation {
        guard let profile = scope.graph.profile(named: name), !referenceStack.contains(name) else {
            links[index].evidence = [Evidence(.problem, "profile \(name)", "is not defined")]
            return .failed
        }
        links[index].evidence = [Evidence(.note, "profile \(name)", "defined at \(profile.location)")]
        referenceStack.append(name)
        defer { referenceStack.removeLast() }
        return walk(
            profile.credential, in: LinkScope(profile: profile, graph: scope.graph), depth: depth + 1,
            reached: reached)
    }

    static func expectation(for verdict: Verdict, winner: String) -> Expectation {
        switch verdict {
        case .ready: .authenticates(winner: winner, contingentOn: [])
        case .unknown: .unknown(contingentOn: [winner], otherwise: .unavailable)
        case .unavailable: .unavailable
        case .misconfigured: .failed
        }
    }

    static func verdict(for expectation: Expectation) -> Verdict {
        switch expectation {
        case .authenticates: .ready
        case .unknown: .unknown
        case .unavailable: .unavailable
        case .failed: .misconfigured
        }
    }

    func conclusionWithReasons(_ expectation: Expectation) -> Conclusion {
        var conclusion = conclusion(expectation)
        let winnerIndex = conclusion.winner.flatMap { name in links.firstIndex { $0.displayName == name } }
        for link in links[..<(winnerIndex ?? links.count)] where link.reached && link.verdict != .ready {
            // Chains, references and default links are explained by the links inside them.
            guard CredentialKind(rawValue: link.kind)?.definition.isComposite != true else { continue }
            let first =
                link.evidence.first { $0.status == .missing || $0.status == .problem }
                ?? link.evidence.first { $0.status == .note }
            let because = first.map { ": \($0.subject): \($0.detail)" } ?? ""
            conclusion.reasons.append("\(link.displayName): \(link.verdict.rawValue)\(because)")
        }
        return conclusion
    }

    func conclusion(_ expectation: Expectation) -> Conclusion {
        switch expectation {
        case .authenticates(let winner, let contingent):
            let unless = contingent.isEmpty ? "" : " unless \(contingent.joined(separator: " or ")) answers first"
            return Conclusion(
                result: .authenticates, winner: winner, contingentOn: contingent,
                summary: "\(winner) would authenticate\(unless)")
        case .unknown(let contingent, _):
            return Conclusion(
                result: .dependsOnProbe, winner: nil, contingentOn: contingent,
                summary: "only a request can tell: \(contingent.joined(separator: ", ")) "
                    + "would be tried; nothing after \(contingent.count == 1 ? "it" : "them") would work")
        case .unavailable:
            return Conclusion(
                result: .noToken, winner: nil, contingentOn: [],
                summary: "no link would authenticate: every link is unavailable here")
        case .failed:
            let failing = links.first {
                $0.reached && $0.verdict == .misconfigured
                    && $0.evidence.contains {
                        $0.status == .problem
                    }
            }
            return Conclusion(
                result: .noToken, winner: nil, contingentOn: [],
                summary: "no link would authenticate: "
                    + (failing.map { "\($0.displayName) would fail and stop the chain" }
                        ?? "a link would fail"))
        }
    }
}
