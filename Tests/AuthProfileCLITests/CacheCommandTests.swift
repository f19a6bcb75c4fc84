// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `token --no-cache`, `explain --no-cache`, `cache list` and `cache clear [PROFILE]` against a local fake Entra ID
/// and a temporary cache directory (`XDG_CACHE_HOME`), with a fake key store: never the user's own cache.
@Suite struct CacheCommandTests {
    static let tenant = "11111111-2222-3333-4444-555555555555"
    static let clientA = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
    static let clientB = "bbbbbbbb-cccc-dddd-eeee-ffffffffffff"
    static let secret = "cli~CacheCmd.0123456789abcdef"
    static let scope = "https://management.azure.com/.default"

    /// A fake Entra ID with two applications, profiles `a` and `b` sharing the default cache, and `mem` without one.
    final class Setup: Sendable {
        let fake: FakeEntraID
        let root: String
        let keyStore = FakeKeyStore()

        init() async throws {
            fake = try await FakeEntraID.started()
            fake.addTenant(CacheCommandTests.tenant)
            for client in [CacheCommandTests.clientA, CacheCommandTests.clientB] {
                fake.register(
                    FakeApplication(
                        clientID: client, tenantID: CacheCommandTests.tenant, secrets: [CacheCommandTests.secret]))
            }
            root = FileManager.default.temporaryDirectory.appendingPathComponent("authprofile-cachecmd-\(UUID())").path
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            try fake.caCertificatePEM.write(toFile: root + "/ca.pem", atomically: true, encoding: .utf8)
            func credential(_ client: String) -> String {
                "{ type: clientSecret, clientId: \(client), clientSecret: { env: GOOD } }"
            }
            try """
            version: 1
            clouds:
              fake: { authorityHost: \(fake.authorityURL), allowLoopback: true, caBundle: \(root)/ca.pem }
            profiles:
              a: { tenant: \(CacheCommandTests.tenant), cloud: fake, cache: { persistent: true }, credential: \(credential(CacheCommandTests.clientA)) }
              b: { tenant: \(CacheCommandTests.tenant), cloud: fake, cache: { persistent: true }, credential: \(credential(CacheCommandTests.clientB)) }
              mem: { tenant: \(CacheCommandTests.tenant), cloud: fake, credential: \(credential(CacheCommandTests.clientA)) }
              c: { tenant: \(CacheCommandTests.tenant), cloud: fake, cache: { persistent: true }, credential: { type: clientSecret, clientId: { env: UNSET_CLIENT }, clientSecret: { env: GOOD } } }
              envlink: { cloud: fake, cache: { persistent: true }, credential: { type: environment } }
              dflt: { cloud: fake, cache: { persistent: true }, credential: { type: default } }
            """.write(toFile: root + "/profiles.yaml", atomically: true, encoding: .utf8)
        }

        var environment: [String: String] {
            ["GOOD": CacheCommandTests.secret, "PATH": "", "XDG_CACHE_HOME": root + "/xdg", "HOME": root]
        }
        var cacheDirectory: String { root + "/xdg/authprofile" }
        var file: String { root + "/profiles.yaml" }

        func run(_ arguments: [String]) async -> CLIRun {
            await CLIHarness.run(arguments, environment: environment, keyStore: keyStore)
        }

        func token(_ profile: String, _ extra: [String] = []) async -> CLIRun {
            await run(["token", profile, "--file", file, "--scope", CacheCommandTests.scope] + extra)
        }

        func finish() async {
            try? await fake.shutdown()
            try? FileManager.default.removeItem(atPath: root)
        }
    }

    @Test("an environment link's and a default link's members' cached tokens are shown and cleared")
    func environmentAndDefaultMembersTokens() async throws {
        let setup = try await Setup()
        defer { Task { await setup.finish() } }
        var environment = setup.environment
        environment["AZURE_TENANT_ID"] = Self.tenant
        environment["AZURE_CLIENT_ID"] = Self.clientB
        environment["AZURE_CLIENT_SECRET"] = Self.secret
        // Only the environment member: no other member may run (managed identity would probe IMDS).
        environment["AZURE_TOKEN_CREDENTIALS"] = "EnvironmentCredential"
        func run(_ arguments: [String]) async -> CLIRun {
            await CLIHarness.run(arguments, environment: environment, keyStore: setup.keyStore)
        }
        let token = await run(["token", "envlink", "--file", setup.file, "--scope", Self.scope])
        #expect(token.status == 0, "\(token.transcript)")
        let cached = "cached token \(Self.scope): would answer; expires"
        let envExplained = await run(["explain", "envlink", "--file", setup.file])
        #expect(envExplained.stdout.contains(cached), "\(envExplained.stdout)")
        // The default link's environment member would be answered by the same entry (same authority, tenant and
        // client): the dry run shows it under the member.
        let defaultExplained = await run(["explain", "dflt", "--file", setup.file])
        #expect(defaultExplained.stdout.contains(cached), "\(defaultExplained.stdout)")
        let second = await run(["token", "dflt", "--file", setup.file, "--scope", Self.scope])
        #expect(second.status == 0 && setup.fake.tokenRequests.count == 1, "\(second.transcript)")
        let live = await run(["explain", "dflt", "--file", setup.file, "--live", "--scope", Self.scope])
        #expect(live.stdout.contains("cache hit (disk)"), "\(live.stdout)")

        let cleared = await run(["cache", "clear", "dflt", "--file", setup.file])
        #expect(cleared.status == 0, "\(cleared.transcript)")
        #expect(
            cleared.stdout.contains("for dflt/credential/environment: 1 access token"), "\(cleared.stdout)")
        let after = await run(["explain", "envlink", "--file", setup.file])
        #expect(after.stdout.contains("cached tokens: none for this link"), "\(after.stdout)")
        for output in [token.stderr, envExplained.stdout, defaultExplained.stdout, cleared.stdout] {
            #expect(!output.contains(Self.secret))
        }
    }

    @Test func noCacheNeitherReadsNorWritesTheDisk() async throws {
        let setup = try await Setup()
        defer { Task { await setup.finish() } }
        let first = await setup.token("a")
        #expect(first.status == 0, "\(first.transcript)")
        #expect(setup.fake.tokenRequests.count == 1)
        let path = setup.cacheDirectory + "/authprofile.cache"
        let before = try #require(FileManager.default.contents(atPath: path))
        let beforeDate = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date

        let bypassed = await setup.token("a", ["--no-cache"])
        #expect(bypassed.status == 0, "\(bypassed.transcript)")
        #expect(setup.fake.tokenRequests.count == 2, "a fresh token was on disk, yet a request was sent")
        let live = await setup.run(["explain", "a", "--file", setup.file, "--live", "--no-cache"])
        #expect(live.status == 0, "\(live.transcript)")
        #expect(!live.stdout.contains("cache hit (disk)"), "\(live.stdout)")
        #expect(live.stdout.contains("turned off for this run"), "\(live.stdout)")
        #expect(setup.fake.tokenRequests.count == 3)
        #expect(FileManager.default.contents(atPath: path) == before, "the cache file is unchanged")
        let afterDate = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        #expect(afterDate == beforeDate)

        let cached = await setup.token("a")
        #expect(cached.stdout == first.stdout && setup.fake.tokenRequests.count == 3, "the cache still answers")
    }

    @Test func clearWithAProfileRemovesOnlyItsLinksTokens() async throws {
        let setup = try await Setup()
        defer { Task { await setup.finish() } }
        for profile in ["a", "b"] {
            let run = await setup.token(profile)
            #expect(run.status == 0, "\(run.transcript)")
        }
        let before = await setup.run(["cache", "list", "--format", "json"])
        #expect(before.stdout.components(separatedBy: "\"clientId\"").count - 1 == 2, "\(before.stdout)")

        let cleared = await setup.run(["cache", "clear", "a", "--file", setup.file])
        #expect(cleared.status == 0, "\(cleared.transcript)")
        #expect(
            cleared.stdout == "Removed from cache authprofile (\(setup.cacheDirectory)/authprofile.cache) for "
                + "a/credential:clientSecret: 1 access token, 0 accounts, 0 refresh tokens.\n"
                // The two token runs' shortcut records (sealed copies of the printed tokens) go with any clearing.
                + "Removed 2 token shortcut records.\n", "\(cleared.stdout)")
        let after = await setup.run(["cache", "list", "--format", "json"])
        #expect(after.stdout.contains(Self.clientB) && !after.stdout.contains(Self.clientA), "\(after.stdout)")
        #expect(after.stdout.contains("\"protection\": \"encrypted\""), "\(after.stdout)")
        let requests = setup.fake.tokenRequests.count
        _ = await setup.token("b")
        #expect(setup.fake.tokenRequests.count == requests, "b's token is still cached")

        let memory = await setup.run(["cache", "clear", "mem", "--file", setup.file])
        #expect(memory.status == 0)
        #expect(memory.stdout.contains("keeps its tokens in memory only"), "\(memory.stdout)")
        // c's client id is not set here: its link is skipped, b's token stays.
        let skipped = await setup.run(["cache", "clear", "c", "--file", setup.file])
        #expect(skipped.status == 0, "\(skipped.transcript)")
        #expect(
            skipped.stdout
                == "Skipped c/credential:clientSecret: its clientId cannot be resolved in this environment.\n",
            "\(skipped.stdout)")
        let stillB = await setup.run(["cache", "list", "--format", "json"])
        #expect(stillB.stdout.contains(Self.clientB), "\(stillB.stdout)")
        let unknown = await setup.run(["cache", "clear", "nope", "--file", setup.file])
        #expect(unknown.status == 2, "\(unknown.transcript)")

        let all = await setup.run(["cache", "clear"])
        #expect(all.status == 0, "\(all.transcript)")
        #expect(
            all.stdout.contains("authprofile: removed authprofile.cache (1 access token, 0 accounts"), "\(all.stdout)")
        let left = try FileManager.default.contentsOfDirectory(atPath: setup.cacheDirectory)
        #expect(left.isEmpty, "\(left)")
        let empty = await setup.run(["cache", "clear"])
        #expect(empty.status == 0 && empty.stdout.contains("nothing to clear"), "\(empty.transcript)")
        for output in [before, cleared, after, all].flatMap({ [$0.stdout, $0.stderr] }) {
            #expect(!output.contains(Self.secret) && !output.contains("eyJ"))
        }
    }

    /// A directory with one cache of every kind of content, written by hand (a plaintext file holding planted
    /// tokens), hostile entries next to it, and a fixed clock: the golden text and JSON.
    @Test func listGoldens() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("authprofile-cachelist-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let directory = root + "/xdg/authprofile"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        chmod(directory, 0o700)
        func write(_ text: String, _ name: String) throws {
            try text.write(toFile: directory + "/" + name, atomically: false, encoding: .utf8)
            chmod(directory + "/" + name, 0o600)
        }
        let token = "eyJplanted.cache-list.token"
        let refresh = "planted-refresh-0123456789"
        try write(
            """
            authprofile-token-cache 1 plaintext
            {"version":1,"accessTokens":[\
            {"authority":"https://login.example/","tenantID":"\(Self.tenant)","clientID":"\(Self.clientA)",\
            "scopes":["https://management.azure.com/.default"],"isCAE":false,"account":"","token":"\(token)",\
            "expiresOn":1800003600,"refreshAt":1800003300,"tokenType":"Bearer"},\
            {"authority":"https://login.example/","tenantID":"\(Self.tenant)","clientID":"\(Self.clientB)",\
            "scopes":["https://vault.azure.net/.default","openid"],"isCAE":true,"account":"uid.utid","token":"\(token)",\
            "expiresOn":1799990000,"refreshAt":1799989000,"tokenType":"Bearer"}],\
            "refreshTokens":[{"authority":"https://login.example/","clientID":"\(Self.clientB)",\
            "homeAccountID":"uid.utid","token":"\(refresh)"}],\
            "accounts":[{"authority":"https://login.example/","clientID":"\(Self.clientB)","tenantID":"organizations",\
            "record":{"authority":"https://login.example/","homeAccountId":"uid.utid","clientId":"\(Self.clientB)",\
            "tenantId":"\(Self.tenant)","username":"alice\\u001b[31m@example.com","version":"1.0"}}]}
            """, "authprofile.cache")
        try write("{\"not\": \"ours\"}", "foreign.cache")
        try write("", "authprofile.lock")
        try write("notes", "notes.txt")
        try FileManager.default.createSymbolicLink(
            atPath: directory + "/link.cache", withDestinationPath: "/etc/passwd")
        try FileManager.default.createDirectory(atPath: directory + "/folder.cache", withIntermediateDirectories: false)
        // A token shortcut record: counted, never opened.
        FileManager.default.createFile(
            atPath: directory + "/" + String(repeating: "ab", count: 32) + ".shortcut", contents: Data("x".utf8),
            attributes: [.posixPermissions: 0o600])
        let environment = ["XDG_CACHE_HOME": root + "/xdg"]
        let clock = SteppingTimeSource(now: Date(timeIntervalSince1970: 1_800_000_000))
        for (format, golden) in [("text", "cache-list.txt"), ("json", "cache-list.json")] {
            let run = await CLIHarness.run(
                ["cache", "list", "--format", format], environment: environment, timeSource: clock,
                keyStore: FakeKeyStore())
            #expect(run.status == 0)
            #expect(!run.stdout.contains(token) && !run.stdout.contains(refresh) && !run.stderr.contains(token))
            #expect(!run.stdout.contains("\u{1B}"), "control characters are escaped")
            let transcript = run.transcript.replacingOccurrences(of: root, with: "$ROOT")
            let (matches, expected) = try CLIHarness.matchGolden(transcript, named: golden)
            #expect(matches, "golden \(golden):\n\(transcript)\n--- expected\n\(expected)")
        }
    }

    @Test func aRefusedDirectoryIsReportedWithExitOne() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("authprofile-cacheref-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/elsewhere", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/xdg", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: root + "/xdg/authprofile", withDestinationPath: root + "/elsewhere")
        try "keep".write(toFile: root + "/elsewhere/x.cache", atomically: true, encoding: .utf8)
        let environment = ["XDG_CACHE_HOME": root + "/xdg"]
        let list = await CLIHarness.run(["cache", "list"], environment: environment)
        #expect(list.status == 1)
        #expect(list.stdout.contains("symbolic link (not followed)"), "\(list.transcript)")
        let clear = await CLIHarness.run(["cache", "clear"], environment: environment)
        #expect(clear.status == 1)
        #expect(clear.stderr.contains("symbolic link"), "\(clear.transcript)")
        #expect(FileManager.default.fileExists(atPath: root + "/elsewhere/x.cache"))
        let unset = await CLIHarness.run(["cache", "list"], environment: [:])
        #expect(unset.status == 1 && unset.stdout.contains("No token cache directory"), "\(unset.transcript)")
    }

    @Test func clearCompletesProfileNames() async {
        let run = await CLIHarness.run(
            ["---completion", "cache", "clear", "--", "positional@0", "3", "2", "authprofile", "cache", "clear", "pr"],
            environment: ["AUTHPROFILE_FILE": "examples/team.yaml"])
        let names = run.stdout.split(separator: "\n").map(String.init).filter { $0 != " " }
        #expect(names.contains("prod"), "\(run.transcript)")
    }
}
