// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// What a chain does after one of its links did not give a token: try the next link, or stop.
///
/// The one policy function of every chain. The runtime (``ChainedTokenCredential``, ``DefaultAzureCredential``,
/// profile chains) applies it to what happened; the `explain` dry run applies it to what it predicts.
public struct ChainPolicy: Sendable, Hashable {
    /// Whether the chain tries the next link after this one was unavailable.
    public var continuesAfterUnavailable: Bool
    /// Whether the chain tries the next link after this one failed.
    public var continuesAfterFailure: Bool

    /// Creates a policy.
    public init(continuesAfterUnavailable: Bool = true, continuesAfterFailure: Bool = false) {
        self.continuesAfterUnavailable = continuesAfterUnavailable
        self.continuesAfterFailure = continuesAfterFailure
    }

    /// Azure Identity's chain rule: an unavailable link passes to the next, a failure stops the chain, so a
    /// credential that was refused is not masked by a later one. ``ChainedTokenCredential`` applies it to every
    /// link, and ``DefaultAzureCredential`` to the deployed credentials (environment, workload and managed identity).
    public static let standard = ChainPolicy()
    /// The rule for developer tools in ``DefaultAzureCredential``: whatever happened, try the next one.
    public static let alwaysContinue = ChainPolicy(continuesAfterUnavailable: true, continuesAfterFailure: true)

    /// Whether the chain goes on to its next link after `outcome`; `false` after a token.
    public func continues(after outcome: LinkOutcome) -> Bool {
        switch outcome {
        case .authenticated: false
        case .unavailable: continuesAfterUnavailable
        case .failed: continuesAfterFailure
        case .notTried: true
        }
    }

    /// How a chain that gave no token reports itself to an enclosing chain: unavailable when every link it tried
    /// was unavailable (an enclosing chain may then move on), failed otherwise.
    public static func conclusion(of outcomes: some Sequence<LinkOutcome>) -> LinkOutcome {
        outcomes.allSatisfy { $0 == .unavailable || $0 == .notTried } ? .unavailable : .failed
    }
}
