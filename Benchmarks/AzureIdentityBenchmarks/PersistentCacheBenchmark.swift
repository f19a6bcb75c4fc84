// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation

/// The persistent token cache (issue 12): a token read from disk by a process that starts cold, and the cost of a
/// write, with 1 and with 50 tokens in the cache file. The key store is a fake (the kernel keyring is one
/// `keyctl` call more per read).
func benchmarkPersistentCache(fake: FakeEntraID, transport: AsyncHTTPClientTransport) async throws {
    let directory = FileManager.default.temporaryDirectory.path + "/authprofile-bench-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let keyStore = FakeKeyStore()
    let persistence = TokenCachePersistenceOptions(name: "bench", directory: directory, keyStore: keyStore)
    let options = CredentialOptions(
        authorityHost: fake.authorityHost, transport: transport, environment: [:], tokenCachePersistence: persistence)
    @Sendable func credential() throws -> ClientSecretCredential {
        try ClientSecretCredential(tenantID: tenant, clientID: clientID, secret: Secret(secret), options: options)
    }
    let cache = try PersistentTokenCache(options: persistence, environment: [:])
    let key = TokenCacheKey(
        authority: fake.authorityHost.url, tenantID: tenant, clientID: clientID, scopes: scopes, isCAE: false)
    for size in [1, 50] {
        for index in 1..<size {
            _ = try await credential().getToken(scopes: ["https://k\(index).example/.default"])
        }
        _ = try await credential().getToken(scopes: scopes)
        let bytes = (try? FileManager.default.attributesOfItem(atPath: cache.path ?? ""))?[.size] as? Int ?? 0
        print("persistent cache file with \(size) token(s): \(bytes) bytes")
        report(
            "disk hit, token(for:), \(size) token(s)",
            try await measure(iterations: 300) {
                guard cache.token(for: key) != nil else { throw CancellationError() }
            }
        )
        report(
            "new credential, from disk, \(size) token(s)",
            try await measure(iterations: 300) { _ = try await credential().getToken(scopes: scopes) }
        )
        report(
            "claims: fetch + write, \(size) token(s)",
            try await measure(iterations: 100) {
                _ = try await credential().getToken(
                    for: TokenRequest(scopes: scopes, claims: #"{"access_token":{"nbf":{"essential":true}}}"#))
            }
        )
    }
    let memoryOnly = CredentialOptions(authorityHost: fake.authorityHost, transport: transport, environment: [:])
    report(
        "claims: fetch only, memory cache only",
        try await measure(iterations: 100) {
            _ = try await ClientSecretCredential(
                tenantID: tenant, clientID: clientID, secret: Secret(secret), options: memoryOnly
            ).getToken(for: TokenRequest(scopes: scopes, claims: #"{"access_token":{"nbf":{"essential":true}}}"#))
        }
    )
}
