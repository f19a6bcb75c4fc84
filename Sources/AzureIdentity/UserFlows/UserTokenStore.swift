// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Synchronization

/// Keeps signed-in users' refresh tokens in memory, keyed by authority, client id and home account id.
///
/// Credentials that share a store and an ``AuthenticationRecord`` sign the recorded user in silently. Nothing is
/// written to disk (a persistent cache is separate work), so a record from an earlier process still needs a new
/// interactive sign-in. Refresh tokens never leave this object except on the wire.
public final class UserTokenStore: Sendable {
    private let tokens = Mutex<[String: Secret]>([:])

    /// Creates an empty store.
    public init() {}

    /// The number of accounts with a refresh token.
    public var count: Int { tokens.withLock { $0.count } }

    /// Forgets every account.
    public func removeAll() {
        tokens.withLock { $0.removeAll() }
    }

    func refreshToken(for record: AuthenticationRecord) -> Secret? {
        tokens.withLock { $0[Self.key(record)] }
    }

    func store(_ refreshToken: Secret?, for record: AuthenticationRecord) {
        guard let refreshToken else { return }
        tokens.withLock { $0[Self.key(record)] = refreshToken }
    }

    func remove(_ record: AuthenticationRecord) {
        _ = tokens.withLock { $0.removeValue(forKey: Self.key(record)) }
    }

    private static func key(_ record: AuthenticationRecord) -> String {
        "\(record.authority.lowercased())|\(record.clientID)|\(record.homeAccountID)"
    }
}
