// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

// One process of the persistent token cache's multi-process test (PersistentCacheProcessTests), run 8 at a time
// against a FakeEntraID that the test runs on 127.0.0.1. Not a benchmark, and not shipped.
//
//   CacheStressTool cold  AUTHORITY CA_PEM DIRECTORY START_FILE
//       waits for START_FILE to exist (so all processes start together), gets one token for the management scope
//       through a ClientSecretCredential with the persistent cache, and prints it.
//   CacheStressTool mixed AUTHORITY CA_PEM DIRECTORY START_FILE OPERATIONS KEYS SEED
//       OPERATIONS random operations over KEYS scopes: a read through a new credential (memory empty, so the disk
//       or the network answers), a read of the disk alone (PersistentTokenCache.token(for:)), or a write (a claims
//       challenge, which fetches and writes). Every token returned must be for its own scope (its `aud`) and not
//       expired; after every operation the cache file must be 0600 and whole (it decodes). Prints one JSON line
//       of counts and problems; exits 1 when there is a problem.
//
// The key store is the kernel keyring when it can be used, else (as in a container that forbids keyctl) the cache
// is unencrypted (allowUnencryptedStorage): either way all processes share it. The cache name is $CACHE_NAME
// (default `stress`): a test run uses its own, so that runs in parallel never share a keyring key.

import AzureIdentity
import Foundation

let tenant = "11111111-2222-3333-4444-555555555555"
let clientID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
let secret = "s3cr3t~Value.0123456789abcdef"

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("CacheStressTool: \(message)\n".utf8))
    exit(2)
}

let arguments = CommandLine.arguments
guard arguments.count >= 6 else { fail("usage: cold|mixed AUTHORITY CA_PEM DIRECTORY START_FILE […]") }
let mode = arguments[1]
let authority = arguments[2]
guard let caPEM = try? String(contentsOfFile: arguments[3], encoding: .utf8) else {
    fail("cannot read \(arguments[3])")
}
let directory = arguments[4]
let startFile = arguments[5]

let persistence = TokenCachePersistenceOptions(
    name: ProcessInfo.processInfo.environment["CACHE_NAME"] ?? "stress",
    allowUnencryptedStorage: !KernelKeyring.isUsable,
    directory: directory,
    lockTimeout: .seconds(60)
)
let transport = try AsyncHTTPClientTransport(
    configuration: TransportConfiguration(additionalTrustRootsPEM: [caPEM])
)
let options = CredentialOptions(
    authorityHost: try AuthorityHost(authority, allowLoopback: true),
    transport: transport,
    environment: [:],
    tokenCachePersistence: persistence
)

func credential() throws -> ClientSecretCredential {
    try ClientSecretCredential(tenantID: tenant, clientID: clientID, secret: Secret(secret), options: options)
}

func scope(_ index: Int) -> String { "https://k\(index).example/.default" }

func waitForStart() {
    while access(startFile, F_OK) != 0 { usleep(1000) }
}

/// The token's audience and expiry, from its claims (the signature is the fake's business).
func claims(_ token: String) -> (audience: String, expiry: Double)? {
    let parts = token.split(separator: ".")
    guard parts.count == 3 else { return nil }
    var text = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    while text.count % 4 != 0 { text += "=" }
    guard let data = Data(base64Encoded: text),
        let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
        let audience = object["aud"] as? String, let expiry = object["exp"] as? Double
    else { return nil }
    return (audience, expiry)
}

switch mode {
case "cold":
    let made = try credential()
    waitForStart()
    let token = try await made.getToken(for: TokenRequest(scopes: ["https://management.azure.com/.default"]))
    print(token.token.revealedValue())
case "mixed":
    guard arguments.count == 9, let operations = Int(arguments[6]), let keys = Int(arguments[7]),
        let seed = UInt64(arguments[8])
    else { fail("usage: mixed AUTHORITY CA_PEM DIRECTORY START_FILE OPERATIONS KEYS SEED") }
    var generator = SplitMix(seed: seed)
    let cache = try PersistentTokenCache(options: persistence, environment: [:])
    guard let file = cache.path else { fail("no cache path") }
    var counts = ["credentialReads": 0, "diskReads": 0, "diskMisses": 0, "writes": 0]
    var problems: [String] = []
    func check(_ token: AccessToken, index: Int, _ what: String) {
        guard let (audience, expiry) = claims(token.token.revealedValue()) else {
            problems.append("\(what): not a token")
            return
        }
        if audience != String(scope(index).dropLast("/.default".count)) {
            problems.append("\(what): a token for \(audience), not \(scope(index))")
        }
        if expiry <= Date().timeIntervalSince1970 { problems.append("\(what): an expired token") }
    }
    waitForStart()
    for _ in 0..<operations {
        let index = Int(generator.next() % UInt64(keys))
        let kind = generator.next() % 10
        do {
            if kind < 5 {
                let token = try await credential().getToken(for: TokenRequest(scopes: [scope(index)]))
                check(token, index: index, "credential read")
                counts["credentialReads", default: 0] += 1
            } else if kind < 8 {
                let key = TokenCacheKey(
                    authority: options.authorityHost!.url, tenantID: tenant, clientID: clientID,
                    scopes: [scope(index)], isCAE: false
                )
                if let token = cache.token(for: key) {
                    check(token, index: index, "disk read")
                    counts["diskReads", default: 0] += 1
                } else {
                    counts["diskMisses", default: 0] += 1
                }
            } else {
                let challenge = #"{"access_token":{"nbf":{"essential":true,"value":"1"}}}"#
                let token = try await credential().getToken(
                    for: TokenRequest(scopes: [scope(index)], claims: challenge))
                check(token, index: index, "write")
                counts["writes", default: 0] += 1
            }
        } catch {
            problems.append("operation failed: \(error)")
        }
        if let mode = (try? FileManager.default.attributesOfItem(atPath: file))?[.posixPermissions] as? Int {
            if mode & 0o777 != 0o600 { problems.append("the cache file's mode is \(String(mode, radix: 8))") }
            if let problem = cache.contents().problem { problems.append("the cache file: \(problem)") }
        }
        if problems.count > 20 { break }
    }
    let report: [String: Any] = ["counts": counts, "problems": problems]
    let data = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
    exit(problems.isEmpty ? 0 : 1)
default:
    fail("unknown mode \(mode)")
}

/// A small seeded generator, so a failing run can be repeated.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
