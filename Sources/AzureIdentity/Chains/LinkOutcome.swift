// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// What happened (or, in a dry run, would happen) when a chain tried one of its links.
///
/// The one outcome vocabulary of every chain: ``ChainedTokenCredential``, ``DefaultAzureCredential``, profile
/// chains and the `explain` dry run. An error becomes an outcome in one place, `LinkResult(error:)`.
public enum LinkOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    /// The link got a token.
    case authenticated
    /// The link could not run here (a variable unset, a tool not installed, no managed identity endpoint, no
    /// answer in time); by default the chain moves on.
    case unavailable
    /// The link ran and was refused, or is misconfigured; by default the chain stops.
    case failed
    /// The chain never reached the link (an earlier link ended it, or its deadline had passed).
    case notTried
}
