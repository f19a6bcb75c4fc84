extension GraphBuilder {
    /// Reports profile references that form a cycle (`a` uses `b`'s credential, which uses `a`'s).
    mutating func checkReferenceCycles(_ profiles: [Profile]) {
        var edges: [String: [(target: String, node: CredentialNode)]] = [:]
        for profile in profiles {
            profile.credential.forEachNode { node in
                if case .profile(let target) = node.settings { edges[profile.name, default: []].append((target, node)) }
            }
        }
        var state: [String: Int] = [:]  // 1 = on the stack, 2 = done
        var stack: [(name: String, via: CredentialNode?)] = []
        var reported = Set<String>()
        func visit(_ name: String, via: CredentialNode?) {
            state[name] = 1
            stack.append((name, via))
            for edge in edges[name] ?? [] {
                switch state[edge.target] {
                case 1:
                    guard let start = stack.firstIndex(where: { $0.name == edge.target }) else { continue }
                    let members = stack[start...].map(\.name)
                    let key = Set(members).sorted().joined(separator: "\u{0}")
                    guard reported.insert(key).inserted else { continue }
                    let cycle = members + [edge.target]
                    report(.referenceCycle, "profiles reference each other in a cycle: " + cycle.joined(separator: " → "),
                           at: edge.node.location, path: edge.node.path,
                           hint: "remove one `type: profile` reference to break the cycle",
                           related: stack[(start + 1)...].compactMap { entry in
                               entry.via.map { RelatedLocation("refers to '\(entry.name)'", at: $0.location) }
                           })
                case nil:
                    visit(edge.target, via: edge.node)
                default:
                    break
                }
            }
            stack.removeLast()
            state[name] = 2
        }
        for profile in profiles where state[profile.name] == nil { visit(profile.name, via: nil) }
    }

    /// Unreachable links, link timeouts longer than the chain deadline, and deprecated kinds.
    mutating func checkChains(_ root: CredentialNode) {
        var nodes: [CredentialNode] = []
        root.forEachNode { nodes.append($0) }
        for node in nodes {
            if node.kind == .usernamePassword {
                reportOnce(.deprecatedCredential,
                           "usernamePassword cannot satisfy multi-factor authentication and is deprecated by Microsoft",
                           at: node.location, path: node.path,
                           hint: "use interactiveBrowser or deviceCode for users, or a workload credential for services")
            }
            guard case .chain(let links, let deadline) = node.settings else { continue }
            if let stopper = links.dropLast().firstIndex(where: { $0.onUnavailable == .stop && $0.onFailed == .stop }) {
                let blocker = links[stopper]
                let name = blocker.path.split(separator: "/").last.map(String.init) ?? blocker.path
                for link in links[(stopper + 1)...] {
                    reportOnce(.unreachableLink,
                               "this link can never run: \(name) (\(blocker.kind.rawValue)) ends the chain on every outcome",
                               at: link.location, path: link.path,
                               hint: "set `onUnavailable: next` on \(name), or remove the links after it",
                               related: [RelatedLocation("\(name) stops on every outcome", at: blocker.location)])
                }
            }
            if let deadline = deadline?.literal {
                for link in links {
                    guard let timeout = link.timeout?.literal, timeout > deadline else { continue }
                    reportOnce(.timeoutExceedsDeadline,
                               "link timeout \(ProfileDuration.format(timeout)) is longer than the chain deadline \(ProfileDuration.format(deadline))",
                               at: link.location, path: link.path, hint: "the deadline wins; shorten the timeout")
                }
            }
        }
    }

    /// Developer and interactive credentials may not run in a production profile, even through a reference.
    mutating func checkProductionPolicy(_ profile: Profile, in profiles: [Profile]) {
        let byName = Dictionary(profiles.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var visited: Set<String> = [profile.name]
        func walk(_ node: CredentialNode, via: [RelatedLocation]) {
            switch node.kind.category {
            case .developerTool:
                report(.developerCredentialInProduction,
                       "\(node.kind.rawValue) cannot run in production profile '\(profile.name)'",
                       at: node.location, path: node.path,
                       hint: "use workloadIdentity, managedIdentity or a certificate, or mark the profile non-production",
                       related: via)
            case .interactive:
                report(.interactiveCredentialInProduction,
                       "\(node.kind.rawValue) needs a person and cannot run in production profile '\(profile.name)'",
                       at: node.location, path: node.path, hint: "use a workload credential in production",
                       related: via)
            default:
                break
            }
            switch node.settings {
            case .chain(let links, _):
                for link in links { walk(link, via: via) }
            case .profile(let name):
                guard visited.insert(name).inserted, let target = byName[name] else { return }
                walk(target.credential, via: via + [RelatedLocation(
                    "reached from production profile '\(profile.name)' through a reference to '\(name)'",
                    at: node.location)])
            case .default(let settings):
                let developerTools = settings.members.filter {
                    CredentialKind(rawValue: $0)?.category == .developerTool
                }
                if !developerTools.isEmpty && developerTools.count == settings.members.count {
                    report(.developerCredentialInProduction,
                           "default credential in production profile '\(profile.name)' can only use developer tools ("
                               + developerTools.joined(separator: ", ") + ")",
                           at: node.location, path: node.path, hint: "use `credentials: prod`", related: via)
                } else if !developerTools.isEmpty {
                    report(.defaultIncludesDeveloperTools,
                           "default credential in production profile '\(profile.name)' includes "
                               + developerTools.joined(separator: ", "),
                           at: node.location, path: node.path, hint: "add `credentials: prod`", related: via)
                }
            default:
                break
            }
        }
        walk(profile.credential, via: [])
    }

    private mutating func reportOnce(
        _ code: DiagnosticCode, _ message: String, at location: SourceLocation, path: String, hint: String? = nil,
        related: [RelatedLocation] = []
    ) {
        guard !diagnostics.contains(where: { $0.code == code && $0.location == location }) else { return }
        report(code, message, at: location, path: path, hint: hint, related: related)
    }
}

extension CredentialNode {
    /// Calls `body` for this node and every node nested in it (chain links), depth first, in order.
    public func forEachNode(_ body: (CredentialNode) -> Void) {
        body(self)
        if case .chain(let links, _) = settings {
            for link in links { link.forEachNode(body) }
        }
    }
}
