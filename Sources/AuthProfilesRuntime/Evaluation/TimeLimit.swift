import AuthProfiles

/// A moment by which a link must finish, and what set it, so a link cut short can say which bound fired.
struct Deadline: Sendable {
    /// When it passes.
    let instant: ContinuousClock.Instant
    /// The bound in words, as it completes "no answer within …": `its timeout of 5s`, `the deadline of 20s set on
    /// prod/credential`, `the default link timeout of 30s (set `timeout` to change it)`.
    let bound: String
    /// Whether a default set it rather than the profile. Defaults only fill in where the profile says nothing: they
    /// never cut short an interactive link (a person is signing in) or a link with a `timeout` of its own.
    let isDefault: Bool

    /// Whether this deadline binds `node`: written ones bind everything inside them; default ones bind links that
    /// neither wait on a person nor set their own `timeout` (a chain or a profile reference is not bound by them
    /// as a whole: each link inside decides for itself).
    func binds(_ node: CredentialNode) -> Bool {
        guard isDefault else { return true }
        return node.kind.category != .interactive && node.timeout == nil && node.kind != .chain
            && node.kind != .profile
    }
}

extension [Deadline] {
    /// The earliest of these that binds `node`.
    func earliest(binding node: CredentialNode) -> Deadline? {
        filter { $0.binds(node) }.min { $0.instant < $1.instant }
    }
}

/// Runs an operation until it finishes or a moment passes, whichever comes first.
enum TimeLimit {
    /// The operation's result, or `nil` when `deadline` passed first (the operation is then cancelled).
    static func run<Value: Sendable>(
        until deadline: ContinuousClock.Instant?, clock: ContinuousClock,
        _ operation: @escaping @Sendable () async throws -> Value
    ) async throws -> Value? {
        guard let deadline else { return try await operation() }
        return try await withThrowingTaskGroup(of: Value?.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await clock.sleep(until: deadline)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { return nil }
            return first
        }
    }
}
