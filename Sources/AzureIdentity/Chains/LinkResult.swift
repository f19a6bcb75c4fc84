// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// How one link ended: a token, or why not. What the chain engine's policy and an enclosing chain's report read.
package enum LinkResult: Sendable {
    case token(AccessToken)
    /// The reason, free of secrets, and the error behind it when there is one.
    case unavailable(String, error: (any Error & Sendable)? = nil)
    case failed(String, error: (any Error & Sendable)? = nil)

    /// The one mapping from an error to a chain outcome. ``AzureIdentityError/allowsChainToContinue`` is
    /// unavailable; a nested chain whose every link was unavailable is unavailable; anything else failed.
    /// `CancellationError` is not an outcome: callers rethrow it before they get here.
    package init(error: any Error) {
        let sendable = error as (any Error & Sendable)
        switch error {
        case let error as AzureIdentityError:
            self =
                error.allowsChainToContinue
                ? .unavailable(error.message, error: sendable) : .failed(error.message, error: sendable)
        case let error as ChainError:
            let reason = error.attempts.map(\.description).joined(separator: "; ")
            self = error.allLinksUnavailable ? .unavailable(reason, error: sendable) : .failed(reason, error: sendable)
        default:
            self = .failed("\(error)", error: sendable)
        }
    }

    /// The outcome in the chain vocabulary.
    package var outcome: LinkOutcome {
        switch self {
        case .token: .authenticated
        case .unavailable: .unavailable
        case .failed: .failed
        }
    }

    /// The reason a link gave no token; `nil` with a token.
    package var reason: String? {
        switch self {
        case .token: nil
        case .unavailable(let reason, _), .failed(let reason, _): reason
        }
    }

    /// The error behind the outcome, if any.
    package var error: (any Error & Sendable)? {
        switch self {
        case .token: nil
        case .unavailable(_, let error), .failed(_, let error): error
        }
    }
}
