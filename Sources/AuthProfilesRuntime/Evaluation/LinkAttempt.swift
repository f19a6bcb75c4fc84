// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

public import AuthProfiles
public import AzureIdentity

/// What happened to one link when a profile was evaluated for real (`explain --live`, errors of `token`).
///
/// Never holds a token or a secret: the reason is the credential's own redacted message and the principal holds
/// only identifying claims.
public struct LinkAttempt: Sendable, Hashable {
    /// The link's place, such as `prod/credential/links[2]`.
    public var path: String
    /// The link's kind (`managedIdentity`), or for a member of a `default` link the member's name.
    public var kind: String
    /// Where the link is written; `nil` for the members of a `default` link and the built-in profile.
    public var location: SourceLocation?
    /// How deep the link sits in nested chains and references (0 for the profile's credential).
    public var depth: Int
    /// What happened.
    public var outcome: LinkOutcome
    /// Why, when the link did not authenticate.
    public var reason: String?
    /// How long the link took.
    public var latency: Duration
    /// How many HTTP requests the link sent (0 with a token means the token came from a cache); `nil` for
    /// chains, references and links that did not run.
    public var requests: Int?
    /// Where the link's token came from when no request was sent: the credential's memory cache or the
    /// persistent (on-disk) one; `nil` when it was fetched, or the link did not authenticate or records no cache.
    public var cacheSource: TokenCacheTrace.Source?
    /// Who the token is for, from its claims, when the link authenticated.
    public var principal: TokenPrincipal?
    /// What the token service said when it refused the link (Entra's AADSTS codes, the status, the endpoint, the
    /// trace and correlation ids), redacted; `nil` when no service refused. ``reason`` quotes it too.
    public var serviceReport: ServiceErrorReport?

    /// `path:kind`, as errors and traces name a link: `prod/credential/links[2]:managedIdentity`.
    public var displayName: String { "\(path):\(kind)" }

    /// Whether the token came from a cache: a token with no request sent.
    public var cacheHit: Bool? {
        guard outcome == .authenticated, let requests else { return nil }
        return requests == 0
    }
}
