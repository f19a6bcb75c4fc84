// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
public import AzureIdentity

/// A profile as a `TokenCredential`: each call walks the profile's credential tree with its chain policies,
/// reusing the credentials (and their token caches) bound on earlier calls.
public struct ProfileCredential: TokenCredential {
    /// The outcome of one evaluation: the token, if any link produced one, and every link's outcome.
    public struct Evaluation: Sendable {
        /// The token, or `nil` when no link produced one.
        public var token: AccessToken?
        /// Every link in the order the walk met it, including links the chain never reached.
        public var attempts: [LinkAttempt]
        /// The first link (leaf) that produced the token.
        public var winner: LinkAttempt? {
            guard token != nil else { return nil }
            return attempts.last { $0.outcome == .authenticated && $0.requests != nil }
        }
    }

    /// The profile's name.
    public var profileName: String { entry.profile.name }
    /// The profile and its file.
    public let entry: ProfileCatalog.Entry
    private let evaluator: ProfileEvaluator

    /// Binds a catalog entry to the runtime.
    public init(entry: ProfileCatalog.Entry, options: ProfileRuntimeOptions) throws(AuthProfileError) {
        self.entry = entry
        let resolver = ValueResolver(environment: options.environment, workingDirectory: options.workingDirectory)
        let base: (any HTTPTransport)?
        if let given = options.transport {
            base = given
        } else {
            base = try Self.sharedTransport(for: entry, resolver: resolver, options: options)
        }
        let graph = entry.graph
        evaluator = ProfileEvaluator(
            resolver: resolver, options: options, transport: base.map { CountingTransport(base: $0) },
            reference: { name, _ in graph.profile(named: name).map { LinkScope(profile: $0, graph: graph) } })
    }

    /// Runs the profile and reports every link; a profile that gives no token is not an error here.
    /// - Throws: `CancellationError` when the calling task is cancelled, and nothing else.
    public func evaluate(for request: TokenRequest) async throws(CancellationError) -> Evaluation {
        let (token, attempts) = try await token(for: request)
        return Self.evaluation(token, attempts)
    }

    /// What ``evaluate(for:)`` would return when that is certain to be a token from the persistent cache of the
    /// first link the run tries; `nil` otherwise (then evaluate). Reads the cache file and nothing else: no HTTP
    /// client is made, nothing is sent, nothing waits — the fast path of `authprofile token` on every kubectl call.
    /// The link is bound and its cache key built by the code the run uses. The attempts are the links walked to
    /// the answer; their `principal` is not decoded (``TokenPrincipal/init(token:)`` does it when wanted).
    public func evaluationFromPersistentCache(for request: TokenRequest) -> Evaluation? {
        var attempts: [LinkAttempt] = []
        guard
            let token = evaluator.tokenFromPersistentCache(
                entry.profile.credential, in: entry.scope, request: request, depth: 0, attempts: &attempts)
        else { return nil }
        return Evaluation(token: token, attempts: attempts)
    }

    /// An evaluation's result, with the token's principal on every link that authenticated.
    private static func evaluation(_ token: AccessToken?, _ attempts: [LinkAttempt]) -> Evaluation {
        guard let token else { return Evaluation(token: nil, attempts: attempts) }
        var attempts = attempts
        let principal = TokenPrincipal(token: token.token)
        for index in attempts.indices where attempts[index].outcome == .authenticated {
            attempts[index].principal = principal
        }
        return Evaluation(token: token, attempts: attempts)
    }

    /// The token alone: the same walk without decoding the token's claims for a trace.
    private func token(for request: TokenRequest) async throws(CancellationError) -> (AccessToken?, [LinkAttempt]) {
        var attempts: [LinkAttempt] = []
        do {
            let result = try await evaluator.evaluate(
                entry.profile.credential, in: entry.scope, request: request, depth: 0, deadlines: [],
                attempts: &attempts)
            if case .token(let token) = result { return (token, attempts) }
            return (nil, attempts)
        } catch {
            // The engine throws nothing but cancellation.
            throw CancellationError()
        }
    }

    /// Returns the token of the first link that gives one.
    /// - Throws: ``AuthProfileError`` (`noToken`) listing every link's outcome; `CancellationError` when the
    ///   calling task is cancelled (no later link is tried).
    nonisolated(nonsending) public func getToken(for request: TokenRequest) async throws -> AccessToken {
        let (token, attempts) = try await token(for: request)
        if let token { return token }
        throw AuthProfileError(
            .noToken, "profile '\(profileName)' could not get a token; every link's outcome:",
            profile: profileName, location: entry.profile.location, attempts: attempts)
    }

    private static func sharedTransport(
        for entry: ProfileCatalog.Entry, resolver: ValueResolver, options: ProfileRuntimeOptions
    ) throws(AuthProfileError) -> any HTTPTransport {
        let configuration = try ProfileTransport.configuration(
            for: entry.scope, resolver: resolver, environment: options.environment
        ).get()
        do {
            // The HTTP client is made on the first request: a token from the persistent cache needs none.
            return try LazySharedTransport(configuration: configuration)
        } catch {
            throw AuthProfileError(
                .invalidEnvironment, "profile '\(entry.profile.name)': \(error)", profile: entry.profile.name)
        }
    }
}
