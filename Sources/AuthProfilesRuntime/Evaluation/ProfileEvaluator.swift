// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AzureIdentity
import Foundation
import Synchronization

/// Runs a profile's credential tree: binds each leaf to an AzureIdentity credential (once, so their token caches
/// stay warm), applies each chain's policy, timeouts and deadline, and records every link's outcome.
///
/// Time limits: a link's `timeout` and every enclosing chain's `deadline` (and a `timeout` written on a chain or a
/// profile reference) bound it; where the profile sets none, ``ProfileRuntimeOptions/defaultLinkTimeout`` and
/// ``ProfileRuntimeOptions/defaultChainDeadline`` do, except for interactive links. A link cut short is
/// unavailable, with a reason naming the bound that fired.
///
/// Chains and `default` links run on ``ChainEngine``, the loop `ChainedTokenCredential` and
/// `DefaultAzureCredential` run on; a leaf runs through ``ChainEngine/run(_:for:limit:timeSource:)``. A cancelled caller
/// gets `CancellationError`: no later link is tried and nothing is recorded as failed.
final class ProfileEvaluator: Sendable {
    let resolver: ValueResolver
    let options: ProfileRuntimeOptions
    let transport: (any HTTPTransport)?
    /// Finds the scope of a referenced profile.
    let reference: @Sendable (String, LinkScope) -> LinkScope?
    /// Each leaf's credential once bound, or its binding failure when that depends on the environment alone (so a
    /// warm chain does not redo it). Binding (which may read and decrypt a key file) happens outside the lock; the
    /// first credential stored wins, so concurrent first calls still share one credential, one token cache and one
    /// in-flight request.
    private let bindings = Mutex<[String: Swift.Result<any TokenCredential, ValueProblem>]>([:])
    /// The one clock of the host (``ProfileRuntimeOptions/timeSource``): deadlines, time limits and latencies are
    /// read on it, as the credentials read expiry on it.
    var timeSource: any TimeSource { options.timeSource }

    init(
        resolver: ValueResolver, options: ProfileRuntimeOptions, transport: (any HTTPTransport)?,
        reference: @escaping @Sendable (String, LinkScope) -> LinkScope?
    ) {
        self.resolver = resolver
        self.options = options
        self.transport = transport
        self.reference = reference
    }

    func evaluate(
        _ node: CredentialNode, in scope: LinkScope, request: TokenRequest, depth: Int,
        deadlines: [Deadline], attempts: inout [LinkAttempt]
    ) async throws -> LinkResult {
        let start = timeSource.instant()
        let index = attempts.count
        attempts.append(
            LinkAttempt(
                path: node.path, kind: node.kind.rawValue, location: node.location,
                depth: depth, outcome: .notTried, latency: .zero))
        var requests: Int?
        var cacheSource: TokenCacheTrace.Source?
        let result: LinkResult
        if case .failure(let problem) = resolver.timeout(of: node) {
            // A `timeout` that cannot be read stops the node before anything in it runs
            // (``ValueResolver/timeout(of:)``).
            result = problem.linkResult
        } else {
            // Only a composite node (chain, profile reference, `default`) has its settings cast: a leaf, most
            // calls, is told by its category, with no failed cast and no comparison of kind names.
            let composite = node.category == .composite
            if composite, let chain = node.settings as? ChainSettings {
                result = try await evaluateChain(
                    node, chain.links, chainDeadline: chain.deadline, in: scope, request: request,
                    depth: depth, deadlines: deadlines + ownTimeout(of: node), attempts: &attempts)
            } else if composite, let name = node.referencedProfile {
                if let target = self.reference(name, scope) {
                    result = try await evaluate(
                        target.profile.credential, in: target, request: request, depth: depth + 1,
                        deadlines: deadlines + ownTimeout(of: node), attempts: &attempts)
                } else {
                    result = .failed("profile '\(name)' is not defined")
                }
            } else if composite, let settings = node.settings as? DefaultCredentialSettings {
                result = try await evaluateDefault(
                    node, settings: settings, in: scope, request: request, depth: depth,
                    deadlines: deadlines, attempts: &attempts)
            } else {
                let limit = limit(for: node, deadlines: deadlines)
                (result, requests, cacheSource) = try await runLeaf(key: node.path, limit: limit, request: request) {
                    () throws(ValueProblem) -> any TokenCredential in
                    try CredentialBinder(resolver: resolver, options: options, transport: transport).bind(
                        node, in: scope)
                }
            }
        }
        attempts[index].latency = timeSource.instant() - start
        attempts[index].requests = requests
        if case .token = result, requests == 0, cacheSource != .network { attempts[index].cacheSource = cacheSource }
        record(result, at: index, in: &attempts)
        return result
    }

    func record(_ result: LinkResult, at index: Int, in attempts: inout [LinkAttempt]) {
        // The principal is decoded by `ProfileCredential.evaluate(for:)` for traces: decoding the JWT on every call
        // would cost far more than a cache hit.
        attempts[index].outcome = result.outcome
        attempts[index].reason = result.reason
        attempts[index].serviceReport = (result.error as? AzureIdentityError)?.serviceReport
    }

    private func evaluateChain(
        _ node: CredentialNode, _ links: [CredentialNode], chainDeadline: ProfileValue<Duration>?, in scope: LinkScope,
        request: TokenRequest, depth: Int, deadlines: [Deadline], attempts: inout [LinkAttempt]
    ) async throws -> LinkResult {
        var bounds = deadlines
        if let chainDeadline {
            switch resolver.resolve(chainDeadline, field: "deadline", parse: ProfileDuration.parse) {
            case .success(let (duration, _)):
                bounds.append(
                    Deadline(
                        instant: timeSource.instant() + duration,
                        bound: "the deadline of \(ProfileDuration.format(duration)) set on \(node.path)",
                        isDefault: false))
            case .failure(let problem):
                return problem.linkResult
            }
        } else if node.timeout == nil, let duration = options.defaultChainDeadline {
            // A chain with a `timeout` of its own has its bound already (see `ownTimeout(of:)`).
            bounds.append(
                Deadline(
                    instant: timeSource.instant() + duration,
                    bound: "the default chain deadline of \(ProfileDuration.format(duration)) for \(node.path) (set "
                        + "`deadline` to change it)",
                    isDefault: true))
        }
        let deadlines = bounds
        let conclusion = try await ChainEngine.run(
            links.map { ChainEngine.Link(policy: ChainPolicy($0), deadline: deadlines.earliest(binding: $0)) },
            timeSource: timeSource,
            attempt: { index in
                try await evaluate(
                    links[index], in: scope, request: request, depth: depth + 1, deadlines: deadlines,
                    attempts: &attempts)
            },
            observe: { report in
                guard report.outcome == .notTried else { return }
                let link = links[report.index]
                attempts.append(
                    LinkAttempt(
                        path: link.path, kind: link.kind.rawValue, location: link.location, depth: depth + 1,
                        outcome: .notTried, reason: report.reason, latency: .zero))
            })
        return Self.result(of: conclusion) { links[$0].displayName }
    }

    /// A chain's conclusion as the result of the link that holds it: the token, or every link's outcome in one
    /// reason.
    static func result(of conclusion: ChainEngine.Conclusion, name: (Int) -> String) -> LinkResult {
        switch conclusion {
        case .token(let token, _):
            return .token(token)
        case .noToken(let outcome, let reports):
            let reason = reports.map { report in
                let what = report.outcome == .notTried ? "not tried" : report.outcome.rawValue
                return "\(name(report.index)): \(what): \(report.reason ?? "")"
            }.joined(separator: "; ")
            return outcome == .unavailable ? .unavailable(reason) : .failed(reason)
        }
    }

    /// A `timeout` written on a chain or a profile reference, as a deadline for everything inside it.
    private func ownTimeout(of node: CredentialNode) -> [Deadline] {
        guard case .success(let duration?) = resolver.timeout(of: node) else { return [] }
        return [
            Deadline(
                instant: timeSource.instant() + duration,
                bound: "the timeout of \(ProfileDuration.format(duration)) set on \(node.path)",
                isDefault: false)
        ]
    }

    /// Runs one bound credential under a time limit; binds it on first use and keeps it for later calls. Returns
    /// the outcome and how many HTTP requests the credential sent (0 with a token: a cache hit).
    func runLeaf(
        key: String, limit: ChainDeadline?, request: TokenRequest,
        bind: () throws(ValueProblem) -> any TokenCredential
    ) async throws -> (LinkResult, requests: Int, cacheSource: TokenCacheTrace.Source?) {
        let credential: any TokenCredential
        switch bound(key: key, bind: bind) {
        case .success(let bound): credential = bound
        case .failure(let problem):
            return (problem.linkResult, 0, nil)
        }
        let counter = CountingTransport.Counter()
        let trace = TokenCacheTrace()
        let result = try await CountingTransport.$counter.withValue(counter) {
            try await TokenCacheTrace.$current.withValue(trace) {
                try await ChainEngine.run(credential, for: request, limit: limit, timeSource: timeSource)
            }
        }
        return (result, counter.value, trace.last)
    }

    /// The credential bound for `key`: the one stored by an earlier call, else a new one. Binding runs outside the
    /// lock, so a slow binding (a key file to read and decrypt) never holds up another caller; when two first calls
    /// race, both use the credential stored first.
    func bound(
        key: String, bind: () throws(ValueProblem) -> any TokenCredential
    ) -> Swift.Result<any TokenCredential, ValueProblem> {
        if let known = bindings.withLock({ $0[key] }) { return known }
        let made: Swift.Result<any TokenCredential, ValueProblem>
        do throws(ValueProblem) {
            made = .success(try bind())
        } catch {
            made = .failure(error)
        }
        return bindings.withLock { bindings in
            if let known = bindings[key] { return known }
            switch made {
            case .success: bindings[key] = made
            case .failure(let problem): if problem.isStable { bindings[key] = made }
            }
            return made
        }
    }

    /// The time limit of a link that runs a credential: the earliest of the enclosing deadlines that bind it and
    /// its own `timeout`, else (for a link that waits on no person) the default link timeout.
    func limit(for node: CredentialNode, deadlines: [Deadline]) -> ChainDeadline? {
        var candidates = deadlines
        if case .success(let duration?) = resolver.timeout(of: node) {
            candidates.append(
                Deadline(
                    instant: timeSource.instant() + duration,
                    bound: "its timeout of \(ProfileDuration.format(duration))",
                    isDefault: false))
        } else if node.category != .interactive, let duration = options.defaultLinkTimeout {
            candidates.append(
                Deadline(
                    instant: timeSource.instant() + duration,
                    bound:
                        "the default link timeout of \(ProfileDuration.format(duration)) (set `timeout` to change it)",
                    isDefault: true))
        }
        return candidates.earliest(binding: node)
    }
}
