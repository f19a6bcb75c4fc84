// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// A credential that can say which token its persistent cache would answer a request with, without running.
///
/// This is the fast path of a process that starts, prints a token and exits (`authprofile token` run by kubectl):
/// the answer is read from the cache file alone — no HTTP client, no lock, no wait, no network — under the key the
/// credential's ``TokenCredential/getToken(for:)`` would use, built by the same code. A credential answers only what
/// `getToken` would answer the same way in a new process: a token before its refresh time, for a request without
/// claims; everything else (a miss, a token due for refresh, a claims challenge, no persistent cache) is `nil`, and
/// the caller runs the credential.
public protocol PersistentCacheReading: TokenCredential {
    /// The token the persistent cache holds for `request`, when `getToken(for:)` in a new process would return it
    /// without sending anything; `nil` otherwise. Reads the cache file only.
    func tokenFromPersistentCache(for request: TokenRequest) -> AccessToken?
}
