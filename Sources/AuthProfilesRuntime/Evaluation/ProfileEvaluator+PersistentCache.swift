// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AzureIdentity

extension ProfileEvaluator {
    /// The token a new process's run would get from the persistent cache of the first link it tries, read without
    /// running anything: `nil` unless that is certain.
    ///
    /// A chain tries its first link first and a token ends it, whatever the policy; a profile reference runs the
    /// referenced profile. So the walk follows first links and references down to the first leaf, binds it exactly
    /// as ``evaluate(_:in:request:depth:deadlines:attempts:)`` does (the same binder, remembered the same way) and
    /// asks its credential (``PersistentCacheReading``), which builds the cache key with the code its `getToken`
    /// uses. Anything the walk cannot decide the same way the run would — a `default` link, a `timeout` or
    /// `deadline` that cannot be read, a leaf that does not bind, a credential without a persistent cache, a miss,
    /// a token due for refresh — is `nil`, and the caller runs the profile.
    func tokenFromPersistentCache(
        _ node: CredentialNode, in scope: LinkScope, request: TokenRequest, depth: Int, attempts: inout [LinkAttempt]
    ) -> AccessToken? {
        guard case .success = resolver.timeout(of: node) else { return nil }
        let attempt = LinkAttempt(
            path: node.path, kind: node.kind.rawValue, location: node.location, depth: depth, outcome: .authenticated,
            latency: .zero)
        let token: AccessToken?
        if node.category == .composite {
            if let chain = node.settings as? ChainSettings {
                if let deadline = chain.deadline,
                    case .failure = resolver.resolve(deadline, field: "deadline", parse: ProfileDuration.parse)
                {
                    return nil
                }
                guard let first = chain.links.first else { return nil }
                attempts.append(attempt)
                token = tokenFromPersistentCache(
                    first, in: scope, request: request, depth: depth + 1, attempts: &attempts)
            } else if let name = node.referencedProfile, let target = reference(name, scope) {
                attempts.append(attempt)
                token = tokenFromPersistentCache(
                    target.profile.credential, in: target, request: request, depth: depth + 1, attempts: &attempts)
            } else {
                return nil
            }
        } else {
            let binding = bound(key: node.path) { () throws(ValueProblem) -> any TokenCredential in
                try CredentialBinder(resolver: resolver, options: options, transport: transport).bind(node, in: scope)
            }
            guard case .success(let credential) = binding,
                let cached = (credential as? any PersistentCacheReading)?.tokenFromPersistentCache(for: request)
            else { return nil }
            var leaf = attempt
            leaf.requests = 0
            leaf.cacheSource = .disk
            attempts.append(leaf)
            token = cached
        }
        return token
    }
}
