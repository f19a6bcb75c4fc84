// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AzureIdentity

/// A moment by which a link must finish, what set it, and whether a default set it.
struct Deadline: Sendable {
    /// When it passes, and the bound in words (`its timeout of 5s`, `the deadline of 20s set on prod/credential`,
    /// `the default link timeout of 30s (set `timeout` to change it)`).
    let limit: ChainDeadline
    /// Whether a default set it rather than the profile. Defaults only fill in where the profile says nothing: they
    /// never cut short an interactive link (a person is signing in) or a link with a `timeout` of its own.
    let isDefault: Bool

    /// `bound` is written only if read (a limit that fires, a deadline that passed).
    init(instant: ContinuousClock.Instant, bound: @escaping @autoclosure @Sendable () -> String, isDefault: Bool) {
        self.limit = ChainDeadline(instant: instant, bound: bound())
        self.isDefault = isDefault
    }

    /// Whether this deadline binds `node`: written ones bind everything inside them; default ones bind links that
    /// neither wait on a person nor set their own `timeout` (a chain or a profile reference is not bound by them
    /// as a whole: each link inside decides for itself).
    func binds(_ node: CredentialNode) -> Bool {
        guard isDefault else { return true }
        return node.category != .interactive && node.timeout == nil && node.kind != .chain
            && node.kind != .profile
    }
}

extension [Deadline] {
    /// The earliest of these that binds `node`.
    func earliest(binding node: CredentialNode) -> ChainDeadline? {
        filter { $0.binds(node) }.min { $0.limit.instant < $1.limit.instant }?.limit
    }
}

extension ChainPolicy {
    /// A profile link's `onUnavailable` and `onFailed`, as the chain engine applies them.
    init(_ node: CredentialNode) {
        self.init(continuesAfterUnavailable: node.onUnavailable == .next, continuesAfterFailure: node.onFailed == .next)
    }
}
