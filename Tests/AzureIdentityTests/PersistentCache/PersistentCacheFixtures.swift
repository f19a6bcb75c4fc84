// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation
import InMemoryLogging
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// A temporary cache directory (removed on deinit), a fake key store, and a logger whose warnings tests read.
final class CacheFixture: Sendable {
    let root: String
    let keyStore = FakeKeyStore()
    let logs = InMemoryLogHandler()

    init() throws {
        root = FileManager.default.temporaryDirectory.path + "/authprofile-cache-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: root)
    }

    /// The cache directory (not created: the cache makes it).
    var directory: String { root + "/cache" }

    var logger: Logger {
        var handler = logs
        handler.logLevel = .trace
        return Logger(label: "cache-test", factory: { _ in handler })
    }

    /// Every message logged so far, with metadata.
    var logged: [String] {
        logs.entries.map { "\($0.level) \($0.message) \($0.metadata)" }
    }

    func persistence(
        name: String = "test",
        allowUnencrypted: Bool = false,
        directory: String? = nil,
        keyStore: (any TokenCacheKeyStore)? = nil,
        lockTimeout: Duration = .seconds(30),
        writeError: Int32? = nil
    ) -> TokenCachePersistenceOptions {
        var options = TokenCachePersistenceOptions(
            name: name,
            allowUnencryptedStorage: allowUnencrypted,
            directory: directory ?? self.directory,
            lockTimeout: lockTimeout,
            keyStore: keyStore ?? self.keyStore
        )
        options.simulatedWriteError = writeError
        return options
    }

    func cache(
        _ options: TokenCachePersistenceOptions, time: any TimeSource = SystemTimeSource()
    ) throws
        -> PersistentTokenCache
    {
        try PersistentTokenCache(options: options, environment: [:], timeSource: time, logger: logger)
    }

    /// A client secret credential against `env` whose options persist to `persistence`.
    func credential(
        _ env: FakeEnvironment,
        _ persistence: TokenCachePersistenceOptions?,
        time: (any TimeSource)? = nil
    ) throws -> ClientSecretCredential {
        var options = env.options(logger: logger, timeSource: time)
        options.tokenCachePersistence = persistence
        return try ClientSecretCredential(
            tenantID: FakeEnvironment.tenant,
            clientID: FakeEnvironment.clientID,
            secret: Secret(FakeEnvironment.secret),
            options: options
        )
    }

    func file(_ name: String = "test.cache") -> String { directory + "/" + name }

    func bytes(_ name: String = "test.cache") -> [UInt8]? {
        FileManager.default.contents(atPath: file(name)).map { Array($0) }
    }

    func write(_ bytes: [UInt8], _ name: String = "test.cache") throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        chmod(directory, 0o700)
        try Data(bytes).write(to: URL(fileURLWithPath: file(name)))
        chmod(file(name), 0o600)
    }
}

/// `mode & 0o7777` of `path` (not following a final symbolic link), or `nil`.
func permissions(_ path: String) -> Int? {
    guard let mode = (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int else {
        return nil
    }
    return mode & 0o7777
}

extension [UInt8] {
    /// Whether `text`'s bytes occur in these bytes.
    func contains(text: String) -> Bool {
        let needle = Array(text.utf8)
        guard !needle.isEmpty, needle.count <= count else { return false }
        for start in 0...(count - needle.count) where self[start..<(start + needle.count)].elementsEqual(needle) {
            return true
        }
        return false
    }
}
