// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

public import AzureIdentity

/// What a dry run concludes about one link, without sending a request or starting a process.
public enum Verdict: String, Sendable, Hashable, Codable, CaseIterable {
    /// Every input the link needs is present and checks out; it would try to authenticate.
    case ready
    /// Something the link needs is absent (an unset variable, a missing file, a tool not installed or not signed in);
    /// at run time it would report itself unavailable.
    case unavailable
    /// The link's inputs are present but wrong (an expired certificate, a key that does not match, a malformed id);
    /// at run time it would fail.
    case misconfigured
    /// Only a request or a process could tell (for example whether an IMDS endpoint answers).
    case unknown

    /// The outcome the runtime would report for the verdict, so the dry run applies the chain policy
    /// (`ChainPolicy/continues(after:)`) to what it predicts: a misconfigured link fails, an unavailable one is
    /// unavailable; `nil` when only running the link could tell. The one mapping from verdict to outcome.
    public var runtimeOutcome: LinkOutcome? {
        switch self {
        case .ready, .unknown: nil
        case .unavailable: .unavailable
        case .misconfigured: .failed
        }
    }
}
