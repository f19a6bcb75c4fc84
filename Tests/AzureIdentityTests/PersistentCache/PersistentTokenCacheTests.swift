// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("PersistentTokenCache: files, permissions, faults")
struct PersistentTokenCacheTests {
    @Test("a second credential (a later process) gets the token from disk; directory 0700, file 0600")
    func sharedAcrossCredentials() async throws {
        let fixture = try CacheFixture()
        try await withFake { env in
            let persistence = fixture.persistence()
            let first = try await fixture.credential(env, persistence).getToken(scopes: managementScope)
            #expect(env.fake.tokenRequests.count == 1)
            #expect(permissions(fixture.directory) == 0o700)
            #expect(permissions(fixture.file()) == 0o600)
            let second = try await fixture.credential(env, persistence).getToken(scopes: managementScope)
            #expect(second.token == first.token)
            #expect(env.fake.tokenRequests.count == 1, "the second credential's memory was empty: the disk answered")
            let other = try await fixture.credential(env, persistence).getToken(scopes: [
                "https://vault.azure.net/.default"
            ])
            #expect(other.token != first.token)
            #expect(env.fake.tokenRequests.count == 2)
            let contents = try fixture.cache(persistence).contents()
            #expect(contents.accessTokens.count == 2, "writing the second key kept the first")
            #expect(contents.problem == nil)
            let names = try FileManager.default.contentsOfDirectory(atPath: fixture.directory)
            #expect(!names.contains { $0.hasSuffix(".tmp") }, "no temporary file is left behind")
            for name in names {
                #expect(permissions(fixture.directory + "/" + name) == 0o600, "\(name)")
            }
        }
    }

    @Test("missing parents are created 0700; XDG_CACHE_HOME, then HOME, choose the directory; empty is unset")
    func defaultDirectory() throws {
        let fixture = try CacheFixture()
        let options = TokenCachePersistenceOptions(keyStore: fixture.keyStore)
        let xdg = try PersistentTokenCache(options: options, environment: ["XDG_CACHE_HOME": fixture.root + "/xdg"])
        #expect(xdg.path == fixture.root + "/xdg/authprofile/authprofile.cache")
        let home = try PersistentTokenCache(
            options: options, environment: ["XDG_CACHE_HOME": "", "HOME": fixture.root + "/home"]
        )
        #expect(home.path == fixture.root + "/home/.cache/authprofile/authprofile.cache")
        let relative = try PersistentTokenCache(options: options, environment: ["XDG_CACHE_HOME": "relative"])
        #expect(relative.path == nil)
        #expect(relative.protection.kind == .off)
        #expect(relative.protection.detail.contains("HOME"))
    }

    @Test("an invalid cache name is a configuration error")
    func invalidName() throws {
        for name in ["", ".hidden", "-dash", "a/b", "../up", String(repeating: "x", count: 129), "bad\u{1B}name"] {
            #expect(throws: AzureIdentityError.self) {
                try PersistentTokenCache(options: TokenCachePersistenceOptions(name: name), environment: [:])
            }
        }
    }

    @Test("a group- or world-writable directory, a symbolic link, another user's directory: the cache is off")
    func refusedDirectories() async throws {
        let fixture = try CacheFixture()
        let writable = fixture.root + "/writable"
        try FileManager.default.createDirectory(atPath: writable, withIntermediateDirectories: true)
        chmod(writable, 0o777)
        let target = fixture.root + "/target"
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        chmod(target, 0o700)
        let link = fixture.root + "/link"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let foreign = fixture.root + "/foreign"
        try FileManager.default.createDirectory(atPath: foreign, withIntermediateDirectories: true)
        chmod(foreign, 0o700)
        let canChown = chown(foreign, 65534, 65534) == 0

        var cases = [(writable, "writable by its group or other users"), (link, "symbolic link")]
        if canChown { cases.append((foreign, "owned by user id 65534")) }
        try await withFake { env in
            for (directory, reason) in cases {
                let persistence = fixture.persistence(directory: directory)
                let cache = try fixture.cache(persistence)
                #expect(cache.protection.kind == .off)
                #expect(cache.protection.detail.contains(reason), "\(cache.protection.detail)")
                let token = try await fixture.credential(env, persistence).getToken(scopes: managementScope)
                #expect(!token.token.isEmpty, "the credential works from memory")
                #expect(fixture.logged.contains { $0.contains(reason) }, "a warning says why")
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: target).isEmpty, "the link was not followed")
        #expect(try FileManager.default.contentsOfDirectory(atPath: writable).isEmpty)
    }

    @Test(
        "a corrupt, foreign, other-version, oversized or exposed file is ignored with a warning and replaced",
        arguments: [
            ("garbage", Array("{{{{ not a cache".utf8), "no header"),
            ("foreign", Array("some-other-format 1 plaintext\n{}".utf8), "not an authprofile token cache"),
            ("version", Array("authprofile-token-cache 2 aes-256-gcm\nxxxx".utf8), "another format version"),
            (
                "damaged", Array("authprofile-token-cache 1 aes-256-gcm\n".utf8) + Array(repeating: 7, count: 64),
                "does not decrypt"
            ),
            (
                "oversized",
                Array("authprofile-token-cache 1 plaintext\n".utf8) + Array(repeating: 0x20, count: 9 << 20),
                "larger than"
            ),
        ]
    )
    func unreadableFiles(label: String, content: [UInt8], reason: String) async throws {
        let fixture = try CacheFixture()
        try fixture.write(content)
        try await withFake { env in
            let persistence = fixture.persistence()
            let token = try await fixture.credential(env, persistence).getToken(scopes: managementScope)
            #expect(env.fake.tokenRequests.count == 1)
            #expect(fixture.logged.contains { $0.contains(reason) && $0.contains("ignored") }, "\(fixture.logged)")
            let replaced = try #require(fixture.bytes())
            #expect(replaced.starts(with: Array("authprofile-token-cache 1 aes-256-gcm\n".utf8)))
            #expect(permissions(fixture.file()) == 0o600)
            let again = try await fixture.credential(env, persistence).getToken(scopes: managementScope)
            #expect(again.token == token.token)
            #expect(env.fake.tokenRequests.count == 1)
        }
    }

    @Test("a cache file readable by others, or a symbolic link in its place, is not read")
    func exposedFile() async throws {
        let fixture = try CacheFixture()
        try await withFake { env in
            let persistence = fixture.persistence()
            _ = try await fixture.credential(env, persistence).getToken(scopes: managementScope)
            chmod(fixture.file(), 0o644)
            #expect(try fixture.cache(persistence).token(for: key(env)) == nil)
            #expect(try fixture.cache(persistence).contents().problem?.contains("open to other users") == true)
            try FileManager.default.removeItem(atPath: fixture.file())
            let decoy = fixture.root + "/decoy"
            try fixture.write(Array("decoy".utf8), "../decoy")
            try FileManager.default.createSymbolicLink(atPath: fixture.file(), withDestinationPath: decoy)
            _ = try await fixture.credential(env, persistence).getToken(scopes: managementScope)
            #expect(fixture.logged.contains { $0.contains("symbolic link") })
            #expect(FileManager.default.contents(atPath: decoy) == Data("decoy".utf8), "the link target is untouched")
        }
    }

    private func key(_ env: FakeEnvironment, scopes: [String] = managementScope) -> TokenCacheKey {
        TokenCacheKey(
            authority: env.fake.authorityHost.url, tenantID: FakeEnvironment.tenant,
            clientID: FakeEnvironment.clientID, scopes: scopes, isCAE: false
        )
    }

    @Test("a token past its expiry, or of another key, is never returned")
    func expiryAndKeys() async throws {
        let fixture = try CacheFixture()
        try await withFake { env in
            let time = ManualTimeSource()
            let persistence = fixture.persistence()
            let first = try await fixture.credential(env, persistence, time: time).getToken(scopes: managementScope)
            let cache = try fixture.cache(persistence, time: time)
            #expect(cache.token(for: key(env))?.token == first.token)
            #expect(cache.token(for: key(env, scopes: ["https://vault.azure.net/.default"])) == nil)
            var otherAccount = key(env)
            otherAccount.account = "someone"
            #expect(cache.token(for: otherAccount) == nil)
            var cae = key(env)
            cae.isCAE = true
            #expect(cache.token(for: cae) == nil)

            time.advance(by: 3600)
            #expect(cache.token(for: key(env)) == nil)
            #expect(cache.summary(for: key(env))?.isUsable == false)
            let renewed = try await fixture.credential(env, persistence, time: time).getToken(scopes: managementScope)
            #expect(renewed.token != first.token)
            #expect(env.fake.tokenRequests.count == 2)
            #expect(
                cache.contents().accessTokens.count == 1, "the expired token was dropped when the new one was written")
        }
    }

    @Test("a token on disk inside its refresh window is served, then refreshed once in the background")
    func refreshAheadFromDisk() async throws {
        let fixture = try CacheFixture()
        try await withFake { env in
            let time = ManualTimeSource()
            let persistence = fixture.persistence()
            let first = try await fixture.credential(env, persistence, time: time).getToken(scopes: managementScope)
            time.advance(by: 3599 - 300 + 10)
            let served = try await fixture.credential(env, persistence, time: time).getToken(scopes: managementScope)
            #expect(served.token == first.token, "the still-valid token answers at once")
            _ = try await HangGuard.eventually { env.fake.tokenRequests.count == 2 }
            let cache = try fixture.cache(persistence, time: time)
            _ = try await HangGuard.eventually { cache.token(for: key(env)) != nil }
            #expect(cache.token(for: key(env))?.token != first.token, "the refreshed token was written")
            try await Task.sleep(for: .milliseconds(50))
            #expect(env.fake.tokenRequests.count == 2, "one refresh")
        }
    }

    @Test("encrypted at rest: the token is not in the file; another key cannot read it")
    func encryption() async throws {
        let fixture = try CacheFixture()
        try await withFake { env in
            let persistence = fixture.persistence()
            let token = try await fixture.credential(env, persistence).getToken(scopes: managementScope)
            let bytes = try #require(fixture.bytes())
            #expect(!bytes.contains(text: token.token.revealedValue()))
            #expect(!bytes.contains(text: String(token.token.revealedValue().prefix(20))))
            #expect(!bytes.contains(text: "management"), "not even the scope is readable")
            let cache = try fixture.cache(persistence)
            #expect(cache.protection.kind == .encrypted)
            #expect(cache.protection.detail.contains("AES-256-GCM"))
            #expect(fixture.keyStore.names == ["test"])

            fixture.keyStore.replace("test", with: Array(repeating: 1, count: 32))
            #expect(cache.token(for: key(env)) == nil)
            #expect(cache.contents().problem?.contains("does not decrypt") == true)
            _ = try await fixture.credential(env, persistence).getToken(scopes: managementScope)
            #expect(env.fake.tokenRequests.count == 2)
            #expect(fixture.logged.contains { $0.contains("does not decrypt") })
        }
    }

    @Test("no usable key store: off unless allowUnencryptedStorage, then plaintext 0600")
    func noKeyStore() async throws {
        let fixture = try CacheFixture()
        let broken = FakeKeyStore(failure: "keyctl search failed: Operation not permitted (errno 1)")
        try await withFake { env in
            let strict = fixture.persistence(keyStore: broken)
            let off = try fixture.cache(strict).protection
            #expect(off.kind == .off)
            #expect(off.detail.contains("Operation not permitted"))
            #expect(off.detail.contains("allowUnencryptedStorage"))
            _ = try await fixture.credential(env, strict).getToken(scopes: managementScope)
            #expect(!FileManager.default.fileExists(atPath: fixture.directory), "nothing was created")
            #expect(fixture.logged.contains { $0.contains("allowUnencryptedStorage") })

            let lenient = fixture.persistence(allowUnencrypted: true, keyStore: broken)
            #expect(try fixture.cache(lenient).protection.kind == .unencrypted)
            let token = try await fixture.credential(env, lenient).getToken(scopes: managementScope)
            let bytes = try #require(fixture.bytes())
            #expect(bytes.starts(with: Array("authprofile-token-cache 1 plaintext\n".utf8)))
            #expect(permissions(fixture.file()) == 0o600)
            let again = try await fixture.credential(env, lenient).getToken(scopes: managementScope)
            #expect(again.token == token.token)
        }
    }

    @Test("a full disk or a read-only directory: tokens stay in memory, with a warning", arguments: [ENOSPC, EROFS])
    func writeFailures(code: Int32) async throws {
        let fixture = try CacheFixture()
        try await withFake { env in
            let persistence = fixture.persistence(writeError: code)
            let credential = try fixture.credential(env, persistence)
            let token = try await credential.getToken(scopes: managementScope)
            #expect(try await credential.getToken(scopes: managementScope).token == token.token)
            #expect(env.fake.tokenRequests.count == 1)
            #expect(fixture.bytes() == nil)
            let message = String(cString: strerror(code))
            #expect(fixture.logged.filter { $0.contains(message) }.count == 1, "warned once: \(fixture.logged)")
        }
    }

    @Test("a lock held elsewhere for longer than lockTimeout: the credential goes on without the disk")
    func lockTimeout() async throws {
        let fixture = try CacheFixture()
        try await withFake { env in
            let persistence = fixture.persistence(lockTimeout: .milliseconds(200))
            let cache = try fixture.cache(persistence)
            try FileManager.default.createDirectory(atPath: fixture.directory, withIntermediateDirectories: true)
            chmod(fixture.directory, 0o700)
            let held = open(fixture.file(cache.keyLockName(key(env))), O_RDWR | O_CREAT, 0o600)
            #expect(held >= 0)
            defer { close(held) }
            #expect(flock(held, LOCK_EX) == 0)
            let token = try await fixture.credential(env, persistence).getToken(scopes: managementScope)
            #expect(!token.token.isEmpty)
            #expect(fixture.logged.contains { $0.contains("held the lock") })
        }
    }

    @Test("clearing removes the file; removing by key keeps the others")
    func clearing() async throws {
        let fixture = try CacheFixture()
        try await withFake { env in
            let persistence = fixture.persistence()
            _ = try await fixture.credential(env, persistence).getToken(scopes: managementScope)
            _ = try await fixture.credential(env, persistence).getToken(scopes: ["https://vault.azure.net/.default"])
            let cache = try fixture.cache(persistence)
            try await cache.removeAccessTokens { $0.scopes == managementScope }
            #expect(cache.contents().accessTokens.map(\.key.scopes) == [["https://vault.azure.net/.default"]])
            try await cache.removeAll()
            #expect(fixture.bytes() == nil)
            #expect(cache.contents() == TokenCacheContents())
        }
    }

    @Test("planted secrets never reach logs, errors, descriptions or the plaintext file's neighbours")
    func secretsStayOut() async throws {
        let fixture = try CacheFixture()
        try fixture.write(Array("authprofile-token-cache 1 plaintext\n{\"planted\":\"PLANTED-SECRET-42\"".utf8))
        try await withFake { env in
            let persistence = fixture.persistence(allowUnencrypted: true)
            let credential = try fixture.credential(env, persistence)
            let token = try await credential.getToken(scopes: managementScope)
            let cache = try fixture.cache(persistence)
            var texts = fixture.logged
            for value in [
                "\(cache.protection)", "\(cache.contents())", String(reflecting: cache), "\(persistence)",
                "\(credential)", String(reflecting: cache.summary(for: key(env)) as Any),
            ] {
                texts.append(value)
            }
            var dumped = ""
            dump(cache.contents(), to: &dumped)
            texts.append(dumped)
            for text in texts {
                #expect(!text.contains(token.token.revealedValue()))
                #expect(!text.contains(FakeEnvironment.secret))
                #expect(!text.contains("PLANTED-SECRET-42"))
            }
            #expect(fixture.logged.contains { $0.contains("ignored") }, "the planted file was reported, not quoted")
        }
    }

    @Test("the kernel user keyring stores, reads and removes a key", .enabled(if: KernelKeyring.isUsable))
    func kernelKeyring() throws {
        let keyring = KernelKeyring()
        let name = "test-\(UUID().uuidString)"
        #expect(try keyring.key(named: name) == nil)
        let key = (0..<32).map { UInt8($0) }
        try keyring.store(key, named: name)
        #expect(try keyring.key(named: name) == key)
        try keyring.removeKey(named: name)
        #expect(try keyring.key(named: name) == nil)
    }
}
