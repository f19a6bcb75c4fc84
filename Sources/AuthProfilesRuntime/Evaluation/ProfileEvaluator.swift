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
final class ProfileEvaluator: Sendable {
    enum Result: Sendable {
        case token(AccessToken)
        case unavailable(String)
        case failed(String)
    }

    let resolver: ValueResolver
    let options: ProfileRuntimeOptions
    let transport: (any HTTPTransport)?
    /// Finds the scope of a referenced profile.
    let reference: @Sendable (String, LinkScope) -> LinkScope?
    /// Each leaf's credential once bound, or its binding failure when that depends on the environment alone (so a
    /// warm chain does not redo it). Binding happens under the lock: concurrent first calls share one credential
    /// and so one token cache and one in-flight request.
    private let bindings = Mutex<[String: Swift.Result<any TokenCredential, ValueProblem>]>([:])
    private let clock = ContinuousClock()

    init(resolver: ValueResolver, options: ProfileRuntimeOptions, transport: (any HTTPTransport)?,
         reference: @escaping @Sendable (String, LinkScope) -> LinkScope?) {
        self.resolver = resolver
        self.options = options
        self.transport = transport
        self.reference = reference
    }

    func evaluate(
        _ node: CredentialNode, in scope: LinkScope, request: TokenRequest, depth: Int,
        deadlines: [Deadline], attempts: inout [LinkAttempt]
    ) async -> Result {
        let start = clock.now
        let index = attempts.count
        attempts.append(LinkAttempt(path: node.path, kind: node.kind.rawValue, location: node.location,
                                    depth: depth, outcome: .notTried, latency: .zero))
        var requests: Int?
        let result: Result
        switch node.settings {
        case .chain(let links, let chainDeadline):
            result = await evaluateChain(node, links, chainDeadline: chainDeadline, in: scope, request: request,
                                         depth: depth, deadlines: deadlines + ownTimeout(of: node), attempts: &attempts)
        case .profile(let name):
            if let target = reference(name, scope) {
                result = await evaluate(target.profile.credential, in: target, request: request, depth: depth + 1,
                                        deadlines: deadlines + ownTimeout(of: node), attempts: &attempts)
            } else {
                result = .failed("profile '\(name)' is not defined")
            }
        case .default(let settings):
            result = await evaluateDefault(node, settings: settings, in: scope, request: request, depth: depth,
                                           deadlines: deadlines, attempts: &attempts)
        default:
            let limit = limit(for: node, deadlines: deadlines)
            (result, requests) = await runLeaf(key: node.path, limit: limit, request: request) {
                () throws(ValueProblem) -> any TokenCredential in
                try CredentialBinder(resolver: resolver, options: options, transport: transport).bind(node, in: scope)
            }
        }
        attempts[index].latency = clock.now - start
        attempts[index].requests = requests
        record(result, at: index, in: &attempts)
        return result
    }

    func record(_ result: Result, at index: Int, in attempts: inout [LinkAttempt]) {
        switch result {
        case .token:
            // The principal is decoded by `ProfileCredential.evaluate(for:)` for traces: decoding the JWT on every
            // call would cost far more than a cache hit.
            attempts[index].outcome = .authenticated
        case .unavailable(let reason):
            attempts[index].outcome = .unavailable
            attempts[index].reason = reason
        case .failed(let reason):
            attempts[index].outcome = .failed
            attempts[index].reason = reason
        }
    }

    private func evaluateChain(
        _ node: CredentialNode, _ links: [CredentialNode], chainDeadline: ProfileValue<Duration>?, in scope: LinkScope,
        request: TokenRequest, depth: Int, deadlines: [Deadline], attempts: inout [LinkAttempt]
    ) async -> Result {
        var deadlines = deadlines
        if let chainDeadline {
            switch resolver.resolve(chainDeadline, field: "deadline", parse: ProfileDuration.parse) {
            case .success(let (duration, _)):
                deadlines.append(Deadline(
                    instant: clock.now + duration,
                    bound: "the deadline of \(ProfileDuration.format(duration)) set on \(node.path)", isDefault: false))
            case .failure(let problem):
                return problem.isMissing ? .unavailable(problem.message) : .failed(problem.message)
            }
        } else if node.timeout == nil, let duration = options.defaultChainDeadline {
            // A chain with a `timeout` of its own has its bound already (see `ownTimeout(of:)`).
            deadlines.append(Deadline(
                instant: clock.now + duration,
                bound: "the default chain deadline of \(ProfileDuration.format(duration)) for \(node.path) (set "
                    + "`deadline` to change it)",
                isDefault: true))
        }
        var reasons: [String] = []
        var allUnavailable = true
        var passed: (deadline: Deadline, after: Int)?
        for (position, link) in links.enumerated() {
            if let deadline = deadlines.earliest(binding: link), clock.now >= deadline.instant {
                attempts.append(LinkAttempt(
                    path: link.path, kind: link.kind.rawValue, location: link.location, depth: depth + 1,
                    outcome: .notTried, reason: "\(deadline.bound) passed", latency: .zero))
                if passed == nil { passed = (deadline, position) }
                continue
            }
            let result = await evaluate(link, in: scope, request: request, depth: depth + 1, deadlines: deadlines,
                                        attempts: &attempts)
            let action: ChainAction
            switch result {
            case .token:
                return result
            case .unavailable(let reason):
                reasons.append("\(link.displayName): unavailable: \(reason)")
                action = link.onUnavailable
            case .failed(let reason):
                reasons.append("\(link.displayName): failed: \(reason)")
                allUnavailable = false
                action = link.onFailed
            }
            if action == .stop {
                for skipped in links[(position + 1)...] {
                    attempts.append(LinkAttempt(
                        path: skipped.path, kind: skipped.kind.rawValue, location: skipped.location, depth: depth + 1,
                        outcome: .notTried, reason: "an earlier link stopped the chain", latency: .zero))
                }
                break
            }
        }
        if let passed {
            reasons.insert("\(passed.deadline.bound) passed after \(passed.after) link(s)", at: 0)
        }
        let summary = reasons.joined(separator: "; ")
        return allUnavailable ? .unavailable(summary) : .failed(summary)
    }

    /// A `timeout` written on a chain or a profile reference, as a deadline for everything inside it.
    private func ownTimeout(of node: CredentialNode) -> [Deadline] {
        guard let timeout = node.timeout,
            case .success(let (duration, _)) = resolver.resolve(timeout, field: "timeout", parse: ProfileDuration.parse)
        else { return [] }
        return [Deadline(instant: clock.now + duration,
                         bound: "the timeout of \(ProfileDuration.format(duration)) set on \(node.path)",
                         isDefault: false)]
    }

    /// Runs one bound credential under a time limit; binds it on first use and keeps it for later calls. Returns
    /// the outcome and how many HTTP requests the credential sent (0 with a token: a cache hit).
    func runLeaf(
        key: String, limit: Deadline?, request: TokenRequest,
        bind: () throws(ValueProblem) -> any TokenCredential
    ) async -> (Result, requests: Int) {
        let counter = CountingTransport.Counter()
        let result = await CountingTransport.$counter.withValue(counter) {
            await runBound(key: key, limit: limit, request: request, bind: bind)
        }
        return (result, counter.value)
    }

    private func runBound(
        key: String, limit: Deadline?, request: TokenRequest,
        bind: () throws(ValueProblem) -> any TokenCredential
    ) async -> Result {
        func failure(_ problem: ValueProblem) -> Result {
            let message = problem.hint.map { "\(problem.message) (\($0))" } ?? problem.message
            return problem.isMissing ? .unavailable(message) : .failed(message)
        }
        let bound: Swift.Result<any TokenCredential, ValueProblem> = bindings.withLock { bindings in
            if let known = bindings[key] { return known }
            do throws(ValueProblem) {
                let credential = try bind()
                bindings[key] = .success(credential)
                return .success(credential)
            } catch {
                if error.isStable { bindings[key] = .failure(error) }
                return .failure(error)
            }
        }
        let credential: any TokenCredential
        switch bound {
        case .success(let bound): credential = bound
        case .failure(let problem): return failure(problem)
        }
        do {
            let token = try await TimeLimit.run(until: limit?.instant, clock: clock) {
                try await credential.getToken(for: request)
            }
            guard let token else { return .unavailable("no answer within \(limit?.bound ?? "its time limit")") }
            return .token(token)
        } catch let error as AzureIdentityError {
            return error.allowsChainToContinue ? .unavailable(error.message) : .failed(error.message)
        } catch let error as ChainError {
            let text = error.attempts.map(\.description).joined(separator: "; ")
            return error.allLinksUnavailable ? .unavailable(text) : .failed(text)
        } catch is CancellationError {
            return .failed("cancelled")
        } catch {
            return .failed("\(error)")
        }
    }

    /// The time limit of a link that runs a credential: the earliest of the enclosing deadlines that bind it and
    /// its own `timeout`, else (for a link that waits on no person) the default link timeout.
    func limit(for node: CredentialNode, deadlines: [Deadline]) -> Deadline? {
        var candidates = deadlines
        if let timeout = node.timeout,
            case .success(let (duration, _)) = resolver.resolve(timeout, field: "timeout", parse: ProfileDuration.parse)
        {
            candidates.append(Deadline(
                instant: clock.now + duration, bound: "its timeout of \(ProfileDuration.format(duration))",
                isDefault: false))
        } else if node.kind.category != .interactive, let duration = options.defaultLinkTimeout {
            candidates.append(Deadline(
                instant: clock.now + duration,
                bound: "the default link timeout of \(ProfileDuration.format(duration)) (set `timeout` to change it)",
                isDefault: true))
        }
        return candidates.earliest(binding: node)
    }
}
