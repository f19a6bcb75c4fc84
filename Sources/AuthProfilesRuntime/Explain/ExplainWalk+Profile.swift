// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AzureIdentity
import IdentitySupport

extension ExplainWalk {
    /// Facts about the profile as a whole: tenant, cloud, authority host, deployment environment.
    func profileFacts(_ scope: LinkScope) -> [Evidence] {
        var facts: [Evidence] = []
        let profile = scope.profile
        switch profile.tenant {
        case nil:
            facts.append(Evidence(.note, "tenant", "none (links use their own or the tools' defaults)"))
        case .literal(let id):
            facts.append(Evidence(.ok, "tenant", id))
        case .declared(let tenant):
            switch resolver.resolve(tenant.id, field: "tenant") {
            case .success(let (id, _)): facts.append(Evidence(.ok, "tenant", "\(tenant.name) (\(id))"))
            case .failure(let problem): facts.append(Evidence(.missing, "tenant", "\(tenant.name): \(problem.message)"))
            }
        case .environment(let binding):
            switch resolver.resolve(.environment(binding), field: "tenant") {
            case .success: facts.append(Evidence(.ok, "tenant", "from env \(binding.name) (set)"))
            case .failure: facts.append(Evidence(.missing, "tenant", "env \(binding.name) is not set"))
            }
        }
        if let cloud = scope.cloud {
            switch resolver.cloudHost(cloud) {
            case .success(let host):
                facts.append(Evidence(.ok, "cloud", "\(cloud.name) (\(host.url))"))
            case .failure(let problem):
                facts.append(Evidence(.problem, "cloud", "\(cloud.name): \(problem.message)"))
            }
            switch resolver.caBundlePath(in: scope) {
            case .success(nil):
                break
            case .failure(let problem):
                facts.append(Evidence(problem.isMissing ? .missing : .problem, "caBundle", problem.message))
            case .success(let (path, absolute)?):
                // Read as the run's transport reads it; a bundle it cannot load stops the profile from running.
                do {
                    let count = try AsyncHTTPClientTransport.trustRootCount(inFile: absolute)
                    let found = count == 1 ? "1 certificate" : "\(count) certificates"
                    facts.append(Evidence(.ok, "caBundle \(path)", found))
                } catch {
                    let problem = (error.underlying as? FileProblem)?.description ?? "holds no PEM certificate"
                    let status: Evidence.Status = problem == "does not exist" ? .missing : .problem
                    facts.append(Evidence(status, "caBundle \(path)", problem))
                }
            }
        }
        if let environment = profile.environment {
            facts.append(Evidence(.note, "environment", environment.rawValue))
        }
        if let cache = tokenCacheFact(profile) { facts.append(cache) }
        return facts
    }

    /// Which layer set each profile-level setting.
    func blameProfile(_ profile: Profile) {
        var entries: [BlameEntry] = []
        for setting in ProfileSetting.allCases {
            guard let origin = profile.origins[setting] else { continue }
            switch origin {
            case .declared(let location):
                entries.append(BlameEntry(setting: setting.rawValue, origin: "file", location: location))
            case .inherited(let parent, let location):
                entries.append(BlameEntry(setting: setting.rawValue, origin: "extends \(parent)", location: location))
            case .tenant(let name, let location):
                entries.append(BlameEntry(setting: setting.rawValue, origin: "tenant \(name)", location: location))
            case .default:
                entries.append(BlameEntry(setting: setting.rawValue, origin: "default", location: nil))
            }
        }
        profile.credential.forEachLeaf { node in
            for field in node.defaultedFields {
                entries.append(BlameEntry(setting: "\(node.path).\(field)", origin: "default", location: node.location))
            }
        }
        blame = entries + blame
    }
}

extension CredentialNode {
    /// Visits this node and every node inside it (chains' links), not following profile references.
    func forEachLeaf(_ body: (CredentialNode) -> Void) {
        var stack = [self]
        while let node = stack.popLast() {
            body(node)
            stack.append(contentsOf: node.links.reversed())
        }
    }
}
