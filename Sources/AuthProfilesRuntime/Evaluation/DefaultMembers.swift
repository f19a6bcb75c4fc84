// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AzureIdentity

extension ProfileEvaluator {
    func evaluateDefault(
        _ node: CredentialNode, settings: DefaultCredentialSettings, in scope: LinkScope, request: TokenRequest,
        depth: Int, deadlines: [Deadline], attempts: inout [LinkAttempt]
    ) async throws -> LinkResult {
        let selection: DefaultMembers
        switch DefaultMembers.resolve(settings, resolver: resolver) {
        case .success(let resolved): selection = resolved
        case .failure(let problem): return .failed(problem.message)
        }
        if selection.members.isEmpty { return .unavailable("every member is excluded") }
        // One limit for the whole `default` link, as its `timeout` (or the default link timeout) is the link's.
        let limit = limit(for: node, deadlines: deadlines)
        let members = selection.members
        let conclusion = try await ChainEngine.run(
            members.map { ChainEngine.Link(policy: $0.policy) },
            timeSource: timeSource,
            attempt: { index in
                let member = members[index]
                let path = "\(node.path)/\(member.name)"
                let start = timeSource.instant()
                let (result, requests, cacheSource) = try await runLeaf(key: path, limit: limit, request: request) {
                    () throws(ValueProblem) -> any TokenCredential in
                    try CredentialBinder(resolver: resolver, options: options, transport: transport)
                        .bindDefaultMember(member, settings: settings, single: selection.single, node: node, in: scope)
                }
                attempts.append(
                    LinkAttempt(
                        path: path, kind: member.name, location: nil, depth: depth + 1,
                        outcome: .notTried, latency: timeSource.instant() - start,
                        requests: requests))
                if case .token = result, requests == 0, cacheSource != .network {
                    attempts[attempts.count - 1].cacheSource = cacheSource
                }
                record(result, at: attempts.count - 1, in: &attempts)
                return result
            },
            observe: { report in
                guard report.outcome == .notTried else { return }
                let member = members[report.index]
                attempts.append(
                    LinkAttempt(
                        path: "\(node.path)/\(member.name)", kind: member.name, location: nil, depth: depth + 1,
                        outcome: .notTried, reason: report.reason, latency: .zero))
            })
        return Self.result(of: conclusion) { members[$0].name }
    }
}
