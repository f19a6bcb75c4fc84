import AuthProfiles
import AzureIdentity
import Foundation
import Synchronization

/// Runs a profile's credential tree: binds each leaf to an AzureIdentity credential (once, so their token caches
/// stay warm), applies each chain's policy, timeouts and deadline, and records every link's outcome.
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
        deadline: ContinuousClock.Instant?, attempts: inout [LinkAttempt]
    ) async -> Result {
        let start = clock.now
        let index = attempts.count
        attempts.append(LinkAttempt(path: node.path, kind: node.kind.rawValue, location: node.location,
                                    depth: depth, outcome: .notTried, latency: .zero))
        var requests: Int?
        let result: Result
        switch node.settings {
        case .chain(let links, let chainDeadline):
            result = await evaluateChain(links, chainDeadline: chainDeadline, in: scope, request: request,
                                         depth: depth, deadline: deadline, attempts: &attempts)
        case .profile(let name):
            if let target = reference(name, scope) {
                result = await evaluate(target.profile.credential, in: target, request: request, depth: depth + 1,
                                        deadline: deadline, attempts: &attempts)
            } else {
                result = .failed("profile '\(name)' is not defined")
            }
        case .default(let settings):
            result = await evaluateDefault(node, settings: settings, in: scope, request: request, depth: depth,
                                           deadline: deadline, attempts: &attempts)
        default:
            let limit = limit(for: node, deadline: deadline)
            (result, requests) = await runLeaf(
                key: node.path, limit: limit.instant, limitText: limit.text, request: request
            ) { () throws(ValueProblem) -> any TokenCredential in
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
        _ links: [CredentialNode], chainDeadline: ProfileValue<Duration>?, in scope: LinkScope,
        request: TokenRequest, depth: Int, deadline: ContinuousClock.Instant?, attempts: inout [LinkAttempt]
    ) async -> Result {
        var deadline = deadline
        if let chainDeadline {
            switch resolver.resolve(chainDeadline, field: "deadline", parse: ProfileDuration.parse) {
            case .success(let (duration, _)):
                let own = clock.now + duration
                deadline = deadline.map { min($0, own) } ?? own
            case .failure(let problem):
                return problem.isMissing ? .unavailable(problem.message) : .failed(problem.message)
            }
        }
        var reasons: [String] = []
        var allUnavailable = true
        for (position, link) in links.enumerated() {
            if let deadline, clock.now >= deadline {
                for skipped in links[position...] {
                    attempts.append(LinkAttempt(
                        path: skipped.path, kind: skipped.kind.rawValue, location: skipped.location, depth: depth + 1,
                        outcome: .notTried, reason: "the chain's deadline passed", latency: .zero))
                }
                return .unavailable("the chain's deadline passed after \(position) link(s)")
            }
            let result = await evaluate(link, in: scope, request: request, depth: depth + 1, deadline: deadline,
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
        let summary = reasons.joined(separator: "; ")
        return allUnavailable ? .unavailable(summary) : .failed(summary)
    }

    /// Runs one bound credential under a time limit; binds it on first use and keeps it for later calls. Returns
    /// the outcome and how many HTTP requests the credential sent (0 with a token: a cache hit).
    func runLeaf(
        key: String, limit: ContinuousClock.Instant?, limitText: String, request: TokenRequest,
        bind: () throws(ValueProblem) -> any TokenCredential
    ) async -> (Result, requests: Int) {
        let counter = CountingTransport.Counter()
        let result = await CountingTransport.$counter.withValue(counter) {
            await runBound(key: key, limit: limit, limitText: limitText, request: request, bind: bind)
        }
        return (result, counter.value)
    }

    private func runBound(
        key: String, limit: ContinuousClock.Instant?, limitText: String, request: TokenRequest,
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
            let token = try await TimeLimit.run(until: limit, clock: clock) {
                try await credential.getToken(for: request)
            }
            guard let token else { return .unavailable("no answer within \(limitText)") }
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

    /// The earlier of the link's own timeout and the enclosing deadline.
    func limit(for node: CredentialNode, deadline: ContinuousClock.Instant?) -> (instant: ContinuousClock.Instant?,
                                                                               text: String) {
        var instant = deadline
        var text = "the chain's deadline"
        if let timeout = node.timeout,
            case .success(let (duration, _)) = resolver.resolve(timeout, field: "timeout", parse: ProfileDuration.parse)
        {
            let own = clock.now + duration
            if instant == nil || own < instant! {
                instant = own
                text = "its timeout of \(ProfileDuration.format(duration))"
            }
        }
        return (instant, text)
    }
}
