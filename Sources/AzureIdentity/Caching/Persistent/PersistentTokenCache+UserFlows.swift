// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// What the user flows keep across processes: the account signed in and its refresh token, so that a later
/// process signs in silently.
extension PersistentTokenCache {
    /// The refresh token kept for `record`'s account, if any.
    func refreshToken(for record: AuthenticationRecord) -> Secret? {
        snapshot()?.0.refreshToken(
            authority: record.authority.lowercased(), clientID: record.clientID, homeAccountID: record.homeAccountID
        ).map(Secret.init)
    }

    /// Keeps (or with `nil`, forgets) the refresh token for `record`'s account.
    func storeRefreshToken(_ token: Secret?, for record: AuthenticationRecord) async {
        await update { document, _ in
            document.putRefreshToken(
                token?.revealedValue(), authority: record.authority.lowercased(), clientID: record.clientID,
                homeAccountID: record.homeAccountID
            )
        }
    }

    /// The account last signed in by a credential of `authority`, `clientID` and configured `tenantID`.
    func account(authority: String, clientID: String, tenantID: String) -> AuthenticationRecord? {
        snapshot()?.0.account(authority: authority, clientID: clientID, tenantID: tenantID)
    }

    /// Keeps `record` as the account signed in, and its refresh token.
    func storeAccount(
        _ record: AuthenticationRecord, refreshToken: Secret?, authority: String, clientID: String, tenantID: String
    ) async {
        await update { document, _ in
            document.putAccount(record, authority: authority, clientID: clientID, tenantID: tenantID)
            if let refreshToken {
                document.putRefreshToken(
                    refreshToken.revealedValue(), authority: record.authority.lowercased(),
                    clientID: record.clientID, homeAccountID: record.homeAccountID
                )
            }
        }
    }
}
