// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `TokenCacheDirectory` (what `cache list` and `cache clear` use) and `PersistentTokenCache.remove`: hostile
/// entries are reported and never followed, only this package's files are removed, nothing shows a token.
@Suite struct TokenCacheDirectoryTests {
    static let plantedToken = "eyJplanted.access-token.0123456789"
    static let plantedRefresh = "planted-refresh-token-0123456789"
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// A plaintext cache file as the cache writes it, by hand: two tokens of two clients, one account.
    static func plaintextCache(expiresOn: Double = 1_800_003_600) -> String {
        let tokens = [
            ("client-a", "https://management.azure.com/.default"), ("client-b", "https://vault.azure.net/.default"),
        ]
        .map { client, scope in
            """
            {"authority":"https://login.example/","tenantID":"tenant-1","clientID":"\(client)",\
            "scopes":["\(scope)"],"isCAE":false,"account":"","token":"\(plantedToken)",\
            "expiresOn":\(expiresOn),"refreshAt":\(expiresOn - 300),"tokenType":"Bearer"}
            """
        }
        return """
            authprofile-token-cache 1 plaintext
            {"version":1,"accessTokens":[\(tokens.joined(separator: ","))],\
            "refreshTokens":[{"authority":"https://login.example/","clientID":"client-a","homeAccountID":"uid.utid",\
            "token":"\(plantedRefresh)"}],\
            "accounts":[{"authority":"https://login.example/","clientID":"client-a","tenantID":"tenant-1",\
            "record":{"authority":"https://login.example/","homeAccountId":"uid.utid","clientId":"client-a",\
            "tenantId":"tenant-1","username":"alice@example.com","version":"1.0"}}]}
            """
    }

    func directory(_ fixture: CacheFixture) -> TokenCacheDirectory {
        TokenCacheDirectory(
            directory: fixture.directory, environment: [:], keyStore: fixture.keyStore,
            timeSource: SteppingTimeSource(now: Self.now), lockTimeout: .seconds(5))
    }

    func write(_ text: String, _ path: String) throws {
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o600)
    }

    @Test func listsEveryCacheAndEntryWithoutFollowingOrShowingSecrets() throws {
        let fixture = try CacheFixture()
        let dir = fixture.directory
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        chmod(dir, 0o700)
        try write(Self.plaintextCache(), dir + "/shared.cache")
        try write("not a cache at all\n", dir + "/corrupt.cache")
        try write("elsewhere", fixture.root + "/target")
        try FileManager.default.createSymbolicLink(
            atPath: dir + "/link.cache", withDestinationPath: fixture.root + "/target")
        try FileManager.default.createDirectory(atPath: dir + "/folder.cache", withIntermediateDirectories: false)
        try write("", dir + "/shared.lock")
        try write("", dir + "/shared.0123456789abcdef.lock")
        try write("notes", dir + "/notes.txt")
        try write(".", dir + "/huge.cache")
        truncate(dir + "/huge.cache", 9 << 20)

        let listing = directory(fixture).list()
        #expect(listing.exists && listing.problem == nil)
        let byName = Dictionary(uniqueKeysWithValues: listing.caches.map { ($0.name, $0) })
        #expect(byName.keys.sorted() == ["corrupt", "folder", "huge", "link", "shared"])
        let shared = try #require(byName["shared"])
        #expect(shared.protection == .unencrypted)
        #expect(shared.contents.accessTokens.map(\.key.clientID).sorted() == ["client-a", "client-b"])
        #expect(shared.contents.accessTokens.allSatisfy { $0.isUsable })
        #expect(shared.contents.accounts.map(\.username) == ["alice@example.com"])
        #expect(shared.contents.refreshTokenCount == 1)
        #expect(byName["corrupt"]?.protection == .unreadable)
        #expect(byName["corrupt"]?.detail.contains("not an authprofile token cache") == true)
        #expect(byName["link"]?.detail.contains("symbolic link") == true, "\(byName["link"]?.detail ?? "")")
        #expect(byName["folder"]?.detail.contains("not a regular file") == true)
        #expect(byName["huge"]?.detail.contains("larger than") == true)
        #expect(listing.lockFileCount == 2)
        #expect(listing.otherEntries.map(\.name) == ["notes.txt"])
        #expect(listing.otherEntries.first?.role == .foreign)
        let shown = "\(listing)"
        #expect(!shown.contains(Self.plantedToken) && !shown.contains(Self.plantedRefresh))
        #expect(!shown.contains("elsewhere"))
    }

    @Test func anExpiredTokenIsListedAsNotUsable() throws {
        let fixture = try CacheFixture()
        try FileManager.default.createDirectory(atPath: fixture.directory, withIntermediateDirectories: true)
        chmod(fixture.directory, 0o700)
        try write(Self.plaintextCache(expiresOn: 1_799_999_000), fixture.directory + "/old.cache")
        let tokens = directory(fixture).list().caches.first?.contents.accessTokens ?? []
        #expect(tokens.count == 2 && tokens.allSatisfy { !$0.isUsable })
    }

    @Test func aRefusedOrMissingDirectoryIsReportedNotFollowed() throws {
        let fixture = try CacheFixture()
        let missing = directory(fixture).list()
        #expect(!missing.exists && missing.problem == nil && missing.caches.isEmpty)
        try FileManager.default.createDirectory(atPath: fixture.root + "/real", withIntermediateDirectories: true)
        try write(Self.plaintextCache(), fixture.root + "/real/x.cache")
        try FileManager.default.createSymbolicLink(
            atPath: fixture.directory, withDestinationPath: fixture.root + "/real")
        let linked = directory(fixture).list()
        #expect(linked.problem?.contains("symbolic link") == true)
        #expect(linked.caches.isEmpty)
        let unset = TokenCacheDirectory(environment: [:]).list()
        #expect(unset.path == nil && unset.problem != nil)
    }

    @Test func removeAllRemovesOnlyThisPackagesRegularFiles() async throws {
        let fixture = try CacheFixture()
        let dir = fixture.directory
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        chmod(dir, 0o700)
        try write(Self.plaintextCache(), dir + "/shared.cache")
        try write("", dir + "/shared.lock")
        try write("", dir + "/shared.0123456789abcdef.lock")
        try write("partial", dir + "/.shared.123.456.tmp")
        try write("", dir + "/orphan.lock")
        try write("notes", dir + "/notes.txt")
        try write("elsewhere", fixture.root + "/target")
        try FileManager.default.createSymbolicLink(
            atPath: dir + "/link.cache", withDestinationPath: fixture.root + "/target")
        try FileManager.default.createDirectory(atPath: dir + "/folder.cache", withIntermediateDirectories: false)

        let removal = try await directory(fixture).removeAll()
        let left = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        #expect(left == ["folder.cache", "link.cache", "notes.txt"], "\(left)")
        #expect(try String(contentsOfFile: fixture.root + "/target", encoding: .utf8) == "elsewhere")
        let shared = try #require(removal.caches.first { $0.name == "shared" })
        #expect(
            shared.cacheFileRemoved && shared.accessTokens == 2 && shared.accounts == 1 && shared.refreshTokens == 1)
        #expect(shared.lockFiles == 2 && shared.temporaryFiles == 1)
        #expect(removal.caches.first { $0.name == "orphan" }?.lockFiles == 1)
        #expect(Set(removal.keptEntries.map(\.name)) == ["folder.cache", "link.cache", "notes.txt"])
        #expect(removal.problems.isEmpty)
    }

    @Test func theCacheWorksOnAfterItsLockFilesWereRemoved() async throws {
        let fixture = try CacheFixture()
        try FileManager.default.createDirectory(atPath: fixture.directory, withIntermediateDirectories: true)
        chmod(fixture.directory, 0o700)
        let cache = try fixture.cache(
            fixture.persistence(name: "held", allowUnencrypted: true, keyStore: FakeKeyStore(failure: "off")))
        try write(Self.plaintextCache(), fixture.directory + "/held.cache")
        // Taking the cache's lock creates its lock file.
        #expect(try await cache.remove(accessTokens: { _ in false }, accounts: { _, _, _ in false }).total == 0)
        #expect(FileManager.default.fileExists(atPath: fixture.directory + "/held.lock"))
        let removal = try await directory(fixture).removeAll()
        #expect(removal.caches.first?.cacheFileRemoved == true && removal.caches.first?.lockFiles == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.directory).isEmpty)
        try write(Self.plaintextCache(), fixture.directory + "/held.cache")
        let removed = try await cache.remove(
            accessTokens: { $0.clientID == "client-a" }, accounts: { _, _, _ in false })
        #expect(removed.accessTokens == 1)
        #expect(FileManager.default.fileExists(atPath: fixture.directory + "/held.lock"))
    }

    /// `cache clear` while another credential fetches a token under its key's lock: the clear waits for the lock
    /// (or the credential, locking a lock file the clear removed, opens a new one), nothing deadlocks, and the
    /// cache goes on working with new lock files.
    @Test func removeAllDuringAFetchInFlight() async throws {
        let fixture = try CacheFixture()
        try await withFake { env in
            let persistence = fixture.persistence()
            let vault = ["https://vault.azure.net/.default"]
            _ = try await fixture.credential(env, persistence).getToken(scopes: vault)
            let locksBefore = try FileManager.default.contentsOfDirectory(atPath: fixture.directory)
                .filter { $0.hasSuffix(".lock") }.count
            env.fake.inject(FakeFault(.delay(.milliseconds(300))))
            let fetch = Task { try await fixture.credential(env, persistence).getToken(scopes: managementScope) }
            // Wait (bounded) until the fetch has made its key's lock file: it is fetching under that lock now.
            for _ in 0..<1_000 {
                let locks = try FileManager.default.contentsOfDirectory(atPath: fixture.directory)
                    .filter { $0.hasSuffix(".lock") }.count
                if locks > locksBefore { break }
                try await Task.sleep(for: .milliseconds(5))
            }
            let removal = try await TokenCacheDirectory(
                directory: fixture.directory, environment: [:], keyStore: fixture.keyStore
            ).removeAll()
            let fetched = try await fetch.value
            #expect(removal.problems.isEmpty, "\(removal.problems)")
            #expect(removal.caches.map(\.name) == ["test"])
            let contents = try fixture.cache(persistence).contents()
            #expect(!contents.accessTokens.contains { $0.key.scopes == vault }, "the earlier token was removed")
            // Either the clear came after the fetch's write (and removed it) or the write came after the clear.
            let requests = env.fake.tokenRequests.count
            let later = try await fixture.credential(env, persistence).getToken(scopes: managementScope)
            let last = try await fixture.credential(env, persistence).getToken(scopes: managementScope)
            #expect(last.token == later.token, "the cache answers again")
            #expect(env.fake.tokenRequests.count <= requests + 1)
            #expect(requests == 2 && !fetched.token.revealedValue().isEmpty)
            #expect(FileManager.default.fileExists(atPath: fixture.file()))
        }
    }

    @Test func removeTakesOnlyWhatMatchesAndKeepsTheProtection() async throws {
        let fixture = try CacheFixture()
        try FileManager.default.createDirectory(atPath: fixture.directory, withIntermediateDirectories: true)
        chmod(fixture.directory, 0o700)
        try write(Self.plaintextCache(), fixture.directory + "/shared.cache")
        // The key store works: the file is still read as the plaintext it is, and written back so.
        let cache = try fixture.cache(fixture.persistence(name: "shared"), time: SteppingTimeSource(now: Self.now))
        let removal = try await cache.remove(
            accessTokens: { $0.clientID == "client-a" },
            accounts: { authority, clientID, tenantID in clientID == "client-a" && tenantID == "tenant-1" })
        #expect(removal == TokenCacheRemoval(accessTokens: 1, accounts: 1, refreshTokens: 1))
        let listing = directory(fixture).list()
        let shared = try #require(listing.caches.first)
        #expect(shared.protection == .unencrypted)
        #expect(shared.contents.accessTokens.map(\.key.clientID) == ["client-b"])
        #expect(shared.contents.accounts.isEmpty && shared.contents.refreshTokenCount == 0)
        #expect(fixture.keyStore.names.isEmpty, "no key was created")
    }

    @Test func removeLeavesAnUnreadableFileAsItIs() async throws {
        let fixture = try CacheFixture()
        try FileManager.default.createDirectory(atPath: fixture.directory, withIntermediateDirectories: true)
        chmod(fixture.directory, 0o700)
        try write("garbage", fixture.directory + "/shared.cache")
        let cache = try fixture.cache(fixture.persistence(name: "shared"))
        await #expect {
            try await cache.remove(accessTokens: { _ in true }, accounts: { _, _, _ in true })
        } throws: { error in
            (error as? TokenCacheError)?.code == .unreadable
        }
        #expect(try String(contentsOfFile: fixture.directory + "/shared.cache", encoding: .utf8) == "garbage")
    }
}
