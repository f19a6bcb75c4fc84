// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

extension GraphBuilder {
    /// Reports profile references that form a cycle (`a` uses `b`'s credential, which uses `a`'s).
    ///
    /// Profiles are visited by position: a `Profile` copy would retain a dozen references per step.
    mutating func checkReferenceCycles(_ profiles: [Profile], positions: [String: Int]) {
        // Per profile, its `type: profile` references to profiles that were built (others cannot be in a cycle).
        var edges: [[(target: Int, node: CredentialNode)]] = Array(repeating: [], count: profiles.count)
        for source in profiles.indices {
            profiles[source].credential.forEachNode { node in
                if let name = node.referencedProfile, let target = positions[name] {
                    edges[source].append((target, node))
                }
            }
        }
        var state = [UInt8](repeating: 0, count: profiles.count)  // 1 = on the stack, 2 = done
        var stack: [(profile: Int, via: CredentialNode?)] = []
        var reported = Set<String>()
        // Depth-first with an explicit stack: a chain of thousands of references must not overflow the call stack.
        var nextEdge: [Int] = []  // per entry of `stack`, the index of the next edge to follow
        for root in profiles.indices where state[root] == 0 && !edges[root].isEmpty {
            state[root] = 1
            stack.append((root, nil))
            nextEdge.append(0)
            while let position = nextEdge.last {
                let current = stack[stack.count - 1].profile
                guard position < edges[current].count else {
                    nextEdge.removeLast()
                    stack.removeLast()
                    state[current] = 2
                    continue
                }
                nextEdge[nextEdge.count - 1] = position + 1
                let edge = edges[current][position]
                switch state[edge.target] {
                case 1:
                    guard let start = stack.firstIndex(where: { $0.profile == edge.target }) else { continue }
                    let members = stack[start...].map { profiles[$0.profile].name }
                    let key = Set(members).sorted().joined(separator: "\u{0}")
                    guard reported.insert(key).inserted else { continue }
                    let cycle = members + [profiles[edge.target].name]
                    report(
                        .referenceCycle, "profiles reference each other in a cycle: " + cycle.joined(separator: " → "),
                        at: edge.node.location, path: edge.node.path,
                        hint: "remove one `type: profile` reference to break the cycle",
                        related: stack[(start + 1)...].compactMap { entry in
                            entry.via.map {
                                RelatedLocation("refers to '\(profiles[entry.profile].name)'", at: $0.location)
                            }
                        })
                case 0:
                    state[edge.target] = 1
                    stack.append((edge.target, edge.node))
                    nextEdge.append(0)
                default:
                    break
                }
            }
        }
    }

    /// Unreachable links, link timeouts longer than the chain deadline, and deprecated kinds, for a node and the
    /// links nested in it (depth first, in order).
    mutating func checkChains(_ node: CredentialNode) {
        if let deprecation = node.definition.deprecation {
            reportOnce(
                .deprecatedCredential, deprecation.message, at: node.location, path: node.path, hint: deprecation.hint)
        }
        guard node.kind == .chain, let chain = node.settings as? ChainSettings else { return }
        let (links, deadline) = (chain.links, chain.deadline)
        if let stopper = links.dropLast().firstIndex(where: { $0.onUnavailable == .stop && $0.onFailed == .stop }) {
            let blocker = links[stopper]
            let name = blocker.path.split(separator: "/").last.map(String.init) ?? blocker.path
            for link in links[(stopper + 1)...] {
                reportOnce(
                    .unreachableLink,
                    "this link can never run: \(name) (\(blocker.kind.rawValue)) ends the chain on every outcome",
                    at: link.location, path: link.path,
                    hint: "set `onUnavailable: next` on \(name), or remove the links after it",
                    related: [RelatedLocation("\(name) stops on every outcome", at: blocker.location)])
            }
        }
        if let deadline = deadline?.literal {
            for link in links {
                guard let timeout = link.timeout?.literal, timeout > deadline else { continue }
                reportOnce(
                    .timeoutExceedsDeadline,
                    "link timeout \(ProfileDuration.format(timeout)) is longer than the chain deadline \(ProfileDuration.format(deadline))",
                    at: link.location, path: link.path, hint: "the deadline wins; shorten the timeout")
            }
        }
        for index in links.indices { checkChains(links[index]) }
    }

    /// Developer and interactive credentials may not run in a production profile, even through a reference.
    ///
    /// One breadth-first walk over the `type: profile` references from every production profile at once (in file
    /// order): each profile's credential tree is visited once, by the nearest production profile that reaches it,
    /// and each offending node is reported once, naming that profile and the references it goes through. A
    /// production profile reached from another is not entered again: it reports its own nodes. Walking every
    /// production profile's references separately was quadratic (1,000 profiles referring to each other: 4.8 s).
    mutating func checkProductionPolicy(_ profiles: [Profile], positions: [String: Int]) {
        // The "reached through" path is a parent-linked list turned into an array only when a diagnostic needs it.
        var hops: [(location: RelatedLocation, parent: Int)] = []
        func via(_ hop: Int) -> [RelatedLocation] {
            var path: [RelatedLocation] = []
            var index = hop
            while index >= 0 {
                path.append(hops[index].location)
                index = hops[index].parent
            }
            return path.reversed()
        }
        // Per profile: the production profile that reached it and the hop it was reached through (-1: itself).
        var reachedBy = [(source: Int, hop: Int)?](repeating: nil, count: profiles.count)
        var queue: [Int] = []
        for position in profiles.indices where profiles[position].isProduction {
            reachedBy[position] = (position, -1)
            queue.append(position)
        }
        var next = 0
        while next < queue.count {
            let current = queue[next]
            next += 1
            guard let (source, hop) = reachedBy[current] else { continue }
            let production = profiles[source].name
            var pending: [CredentialNode] = [profiles[current].credential]
            while let node = pending.popLast() {
                reportProductionPolicy(node, profile: production, via: { via(hop) })
                pending.append(contentsOf: node.links.reversed())
                if let name = node.referencedProfile {
                    guard let target = positions[name], reachedBy[target] == nil else { continue }
                    hops.append(
                        (
                            RelatedLocation(
                                "reached from production profile '\(production)' through a reference to '\(name)'",
                                at: node.location), hop
                        ))
                    reachedBy[target] = (source, hops.count - 1)
                    queue.append(target)
                }
            }
        }
    }

    /// The production-policy diagnostics of one node (not of the links nested in it).
    private mutating func reportProductionPolicy(
        _ node: CredentialNode, profile: String, via: () -> [RelatedLocation]
    ) {
        switch node.category {
        case .developerTool:
            report(
                .developerCredentialInProduction,
                "\(node.kind.rawValue) cannot run in production profile '\(profile)'",
                at: node.location, path: node.path,
                hint: "use workloadIdentity, managedIdentity or a certificate, or mark the profile non-production",
                related: via())
        case .interactive:
            report(
                .interactiveCredentialInProduction,
                "\(node.kind.rawValue) needs a person and cannot run in production profile '\(profile)'",
                at: node.location, path: node.path, hint: "use a workload credential in production", related: via())
        default:
            break
        }
        guard node.kind == .default, let settings = node.settings as? DefaultCredentialSettings else { return }
        let developerTools = settings.members.filter { CredentialKind(rawValue: $0)?.category == .developerTool }
        if !developerTools.isEmpty && developerTools.count == settings.members.count {
            report(
                .developerCredentialInProduction,
                "default credential in production profile '\(profile)' can only use developer tools ("
                    + developerTools.joined(separator: ", ") + ")",
                at: node.location, path: node.path, hint: "use `credentials: prod`", related: via())
        } else if !developerTools.isEmpty {
            report(
                .defaultIncludesDeveloperTools,
                "default credential in production profile '\(profile)' includes "
                    + developerTools.joined(separator: ", "),
                at: node.location, path: node.path, hint: "add `credentials: prod`", related: via())
        }
    }

    /// Reports a code at a location once (a node inherited through `extends` is checked once per profile). A set
    /// of what was reported, not a scan of every diagnostic so far: that made a file of many such nodes quadratic.
    private mutating func reportOnce(
        _ code: DiagnosticCode, _ message: String, at location: SourceLocation, path: String, hint: String? = nil,
        related: [RelatedLocation] = []
    ) {
        guard reportedOnce.insert(ReportedOnceKey(code: code, location: location)).inserted else { return }
        report(code, message, at: location, path: path, hint: hint, related: related)
    }
}

extension CredentialNode {
    /// Calls `body` for this node and every node nested in it (chain links), depth first, in order.
    public func forEachNode(_ body: (CredentialNode) -> Void) {
        body(self)
        for link in links { link.forEachNode(body) }
    }
}
