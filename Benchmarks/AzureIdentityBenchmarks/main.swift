// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation
import Logging

// Benchmarks against the in-process FakeEntraID on 127.0.0.1 (never an outside host).
// Run: swift run -c release --scratch-path .build AzureIdentityBenchmarks

let tenant = "11111111-2222-3333-4444-555555555555"
let clientID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
let secret = "benchmark-secret-value"
let scopes = ["https://management.azure.com/.default"]

let fake = try await FakeEntraID.started()
fake.register(FakeApplication(clientID: clientID, tenantID: tenant, secrets: [secret]))
let transport = try AsyncHTTPClientTransport(
    configuration: TransportConfiguration(additionalTrustRootsPEM: [fake.caCertificatePEM])
)
let options = CredentialOptions(authorityHost: fake.authorityHost, transport: transport, environment: [:])

// `--only profile-single` or `--only profile-third` [`--batches N`]: that warm profile loop of section 5 alone, so
// that instructions per call can be counted (`valgrind --tool=callgrind` with two batch counts; see
// docs/benchmarks.md).
if CommandLine.arguments.count >= 3, CommandLine.arguments[1] == "--only" {
    let batches =
        CommandLine.arguments.count == 5 && CommandLine.arguments[3] == "--batches"
        ? Int(CommandLine.arguments[4]) ?? 100 : 100
    try await benchmarkProfiles(fake: fake, transport: transport, only: CommandLine.arguments[2], batches: batches)
    exit(0)
}

// `--token-process BINARY [--timer PATH] [--az AZ] [--runs N]`: whole `authprofile token` processes (issue 12).
if CommandLine.arguments.contains("--token-process") {
    try await benchmarkTokenProcess(fake: fake, arguments: CommandLine.arguments)
    try await fake.shutdown()
    exit(0)
}

// 1. Cached token: the cost of getToken when the cache holds a valid token.
let cached = try ClientSecretCredential(tenantID: tenant, clientID: clientID, secret: Secret(secret), options: options)
_ = try await cached.getToken(scopes: scopes)
report(
    "cached getToken (per call, batches of 1000)",
    try await measureBatched(batches: 200, batch: 1000) {
        _ = try await cached.getToken(scopes: scopes)
    }
)

report(
    "cached getToken, caller on the main actor",
    try await measureBatchedOnMainActor(batches: 50, batch: 1000) {
        _ = try await cached.getToken(scopes: scopes)
    }
)

// 2. First token with a client secret: a new credential each time (empty cache), one POST over a pooled connection.
report(
    "first token, client secret (fake, HTTPS)",
    try await measure(iterations: 300) {
        let credential = try ClientSecretCredential(
            tenantID: tenant,
            clientID: clientID,
            secret: Secret(secret),
            options: options
        )
        _ = try await credential.getToken(scopes: scopes)
    }
)

// 2b. The floor: one raw HTTPS round trip through the same transport (GET of the OIDC metadata).
let metadataURL = "\(fake.authorityURL)/\(tenant)/v2.0/.well-known/openid-configuration"
report(
    "raw HTTPS round trip, same transport",
    try await measure(iterations: 300) {
        _ = try await transport.send(TransportRequest(method: "GET", url: metadataURL))
    }
)

// 3. Certificate assertion signing (RSA-2048), PS256 and RS256.
let certificate = try fake.certificateAuthority.issueClientCertificate(commonName: "bench")
let loaded = try ClientCertificate(pem: certificate.combinedPEM)
let audience = fake.tokenEndpoint(tenantID: tenant)
for algorithm in [ClientAssertionSigner.Algorithm.ps256, .rs256] {
    let signer = ClientAssertionSigner(certificate: loaded, algorithm: algorithm)
    report(
        "sign client assertion \(algorithm.name)",
        try await measure(iterations: 300) {
            _ = try signer.makeAssertion(clientID: clientID, audience: audience, now: Date())
        }
    )
}

// 4. DefaultAzureCredential with nothing configured and no managed identity endpoint answering.
try await benchmarkDefaultCredentialNothingConfigured(transport: transport)

// 5. Profiles: the in-process path of `authprofile token`, and the dry run.
try await benchmarkProfiles(fake: fake, transport: transport)

// 6. The persistent token cache (issue 12).
try await benchmarkPersistentCache(fake: fake, transport: transport)

try await transport.shutdown()
try await fake.shutdown()
