// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Crypto
public import Foundation
import IdentitySupport
public import Logging
import Synchronization
import TokenCacheStore

/// A token cache on disk, shared by the processes of one user: the persistent half of a credential's cache.
///
/// Credentials whose ``CredentialOptions/tokenCachePersistence`` is set make one and consult it whenever their
/// memory cache has no usable token; you can also make one to look at a cache (``contents()``, ``summary(for:)``,
/// ``token(for:)``) or clear it (``removeAll()``) without a credential.
///
/// - **Where**: `<directory>/<name>.cache`, with lock files next to it (see ``TokenCachePersistenceOptions``). The
///   directory is 0700 when created here; one that is a symbolic link, owned by another user, or writable by
///   others is refused and the cache is off. Files are 0600 and written to a temporary file, flushed and renamed
///   over the old one, so readers never see a partial file and need no lock.
/// - **Cross-process single flight**: on a miss, the credential takes the key's lock (`flock` on
///   `<name>.<hash>.lock`), reads the file again, and fetches only if the token is still missing; other processes
///   wanting the same token wait on the lock (at most ``TokenCachePersistenceOptions/lockTimeout``), then read
///   it. Eight processes starting cold send one request. Updates of the file take `<name>.lock`, briefly.
/// - **Refresh-ahead**: a token found on disk inside its refresh window is served and refreshed once in the
///   background, as in memory; the refresh takes the key's lock too, so one process refreshes.
/// - **Faults**: a file that is corrupt, foreign, of another version, too large, not decryptable, or not only its
///   owner's is ignored with a warning and replaced on the next write (other keys' tokens in a readable file are
///   kept). A directory that cannot be written (full disk, read-only) leaves tokens in memory, with a warning.
///   A token is returned only for its own key and only while it is valid.
///
/// Nothing here logs or shows a token: warnings name paths, system errors and reasons.
public final class PersistentTokenCache: Sendable {
    /// The options the cache was made with.
    public let options: TokenCachePersistenceOptions
    /// Tokens closer than this to expiry are never served (as ``TokenCache/expiryMargin``).
    public let expiryMargin: TimeInterval
    let directoryPath: Result<String, CacheProblem>
    let keyStore: any TokenCacheKeyStore
    private let timeSource: any TimeSource
    private let logger: Logger
    private let warned = Mutex<Set<String>>([])

    /// Creates a cache; nothing is read or created until it is used.
    /// - Parameters:
    ///   - options: The cache's name, directory and protection choices.
    ///   - environment: Where `XDG_CACHE_HOME` and `HOME` are read (empty counts as unset).
    ///   - timeSource: The clock for expiry.
    ///   - logger: Where warnings go.
    ///   - expiryMargin: Tokens closer than this to expiry (seconds) are never returned.
    /// - Throws: ``AzureIdentityError/Code/invalidConfiguration`` for a cache name that cannot name a file.
    public init(
        options: TokenCachePersistenceOptions,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        timeSource: any TimeSource = SystemTimeSource(),
        logger: Logger = Logger(label: "AzureIdentity", factory: { _ in SwiftLogNoOpLogHandler() }),
        expiryMargin: TimeInterval = 30
    ) throws {
        guard TokenCachePersistenceOptions.isValidName(options.name) else {
            throw AzureIdentityError(
                code: .invalidConfiguration,
                message: "The token cache name '\(OutsideText.escaped(options.name, limit: 80))' is not valid: use "
                    + "letters, digits, '.', '_' and '-' (at most \(TokenCachePersistenceOptions.maximumNameLength) "
                    + "characters, starting with a letter or digit)."
            )
        }
        self.options = options
        self.expiryMargin = expiryMargin
        do throws(CacheProblem) {
            directoryPath = .success(
                try CacheDirectory.resolve(options.directory, environment: EnvironmentVariables(environment)))
        } catch {
            directoryPath = .failure(error)
        }
        self.keyStore = options.keyStore ?? KernelKeyring()
        self.timeSource = timeSource
        self.logger = logger
    }

    /// The cache file's path, when a directory could be chosen.
    public var path: String? { try? directoryPath.get().appendingPathComponentText(fileName) }

    package var fileName: String { "\(options.name).cache" }
    package var lockName: String { "\(options.name).lock" }

    package func keyLockName(_ key: TokenCacheKey) -> String {
        let digest = SHA256.hash(data: Array(key.persistentIdentity.utf8))
        let hex = digest.prefix(8).map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }
        return "\(options.name).\(hex.joined()).lock"
    }

    // MARK: Protection

    /// How the cache protects tokens here, or why it is off. Reads the directory's status and asks the key store
    /// for the key (creating neither): what `explain` reports.
    public var protection: TokenCacheProtection {
        let path = self.path
        do throws(CacheProblem) {
            _ = try CacheDirectory.open(try directoryPath.get(), create: false)
        } catch {
            return TokenCacheProtection(kind: .off, detail: error.reason, path: path)
        }
        switch fileProtection(createKey: false) {
        case .success(.plaintext):
            return TokenCacheProtection(kind: .unencrypted, detail: unencryptedDetail(), path: path)
        case .success:
            return TokenCacheProtection(
                kind: .encrypted, detail: "AES-256-GCM, key in \(keyStore.displayName)", path: path
            )
        case .failure(let problem):
            return TokenCacheProtection(kind: .off, detail: problem.reason, path: path)
        }
    }

    private func unencryptedDetail() -> String {
        "mode 0600, no encryption: \(keyStore.displayName) cannot be used and allowUnencryptedStorage is set"
    }

    /// The protection for reading (`createKey` false: `.encrypted` with no key yet is `nil`) or writing.
    private func fileProtection(createKey: Bool) -> Result<CacheFileFormat.Protection?, CacheProblem> {
        do {
            let found = Result { try keyStore.key(named: options.name) }
            FileReads.observer?.observeKey(options.name, store: keyStore.identity, result: found)
            if let key = try found.get() { return .success(.encrypted(key: key)) }
            guard createKey else { return .success(nil) }
            let key = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
            try keyStore.store(key, named: options.name)
            return .success(.encrypted(key: key))
        } catch {
            if options.allowUnencryptedStorage { return .success(.plaintext) }
            return .failure(
                CacheProblem(
                    reason: "\(keyStore.displayName) cannot be used (\(error)) and allowUnencryptedStorage is not set"
                )
            )
        }
    }

    // MARK: Reading

    /// The document in `directory` (empty when there is none) and why it could not be read, if it could not.
    private func load(
        _ directory: CacheDirectory, protection: CacheFileFormat.Protection?
    ) -> (CacheDocument, CacheProblem?) {
        let bytes: [UInt8]?
        do throws(CacheProblem) {
            bytes = try directory.read(fileName, limit: CacheFileFormat.sizeLimit)
        } catch {
            return (CacheDocument(), error)
        }
        guard let bytes else { return (CacheDocument(), nil) }
        switch CacheFileFormat.decode(bytes, protection: protection) {
        case .success(let document): return (document, nil)
        case .failure(let problem): return (CacheDocument(), problem)
        }
    }

    /// The document as it is now, read without a lock (renames are atomic), or `nil` when the cache is off.
    func snapshot() -> (CacheDocument, CacheProblem?)? {
        guard let path = try? directoryPath.get() else { return nil }
        let directory: CacheDirectory?
        do throws(CacheProblem) {
            directory = try CacheDirectory.open(path, create: false)
        } catch {
            return nil
        }
        guard let directory else { return (CacheDocument(), nil) }
        guard case .success(let protection) = fileProtection(createKey: false) else { return nil }
        return load(directory, protection: protection)
    }

    /// A fresh token for `key` from disk (valid and before its refresh time), or `nil`. No lock, no network:
    /// the fast path of a process that starts, prints a token and exits. The token's `refreshOn` is when this
    /// stops returning it: its refresh time, or its expiry less ``expiryMargin`` when that is sooner.
    public func token(for key: TokenCacheKey) -> AccessToken? {
        guard let entry = snapshot()?.0.accessToken(for: key) else { return nil }
        let now = timeSource.now().timeIntervalSince1970
        let answersUntil = min(entry.refreshAt, entry.expiresOn - expiryMargin)
        guard now < answersUntil else { return nil }
        var token = Self.token(entry)
        token.refreshOn = Date(timeIntervalSince1970: answersUntil)
        return token
    }

    /// What the cache holds for `key`, without the token, or `nil` when it holds nothing for it.
    public func summary(for key: TokenCacheKey) -> TokenCacheEntrySummary? {
        snapshot()?.0.accessToken(for: key).map(summary)
    }

    /// Everything in the cache, without secrets.
    public func contents() -> TokenCacheContents {
        let path: String
        let directory: CacheDirectory?
        do throws(CacheProblem) {
            path = try directoryPath.get()
            directory = try CacheDirectory.open(path, create: false)
        } catch {
            return TokenCacheContents(problem: error.reason)
        }
        guard let directory else { return TokenCacheContents() }
        let protection: CacheFileFormat.Protection?
        switch fileProtection(createKey: false) {
        case .success(let found): protection = found
        case .failure(let problem): return TokenCacheContents(problem: problem.reason)
        }
        let (document, problem) = load(directory, protection: protection)
        return TokenCacheContents(
            document, now: timeSource.now(), expiryMargin: expiryMargin,
            problem: problem.map { "\(shown(fileName)) is ignored: \($0.reason)" })
    }

    private func summary(_ entry: CacheDocument.AccessTokenEntry) -> TokenCacheEntrySummary {
        TokenCacheEntrySummary(entry, now: timeSource.now(), expiryMargin: expiryMargin)
    }

    private static func token(_ entry: CacheDocument.AccessTokenEntry) -> AccessToken {
        AccessToken(
            token: Secret(entry.token),
            expiresOn: Date(timeIntervalSince1970: entry.expiresOn),
            refreshOn: Date(timeIntervalSince1970: entry.refreshAt),
            tokenType: entry.tokenType
        )
    }

    // MARK: Single flight

    /// Where a token handed to the memory cache came from.
    enum Source: Sendable { case disk, network }

    /// A token for `key`: from disk when one is there (fresh, or merely valid when `acceptRefreshWindow`), else
    /// from `fetch`, with the key's lock held across processes so only one of them fetches; the result is written.
    /// When the cache cannot be used, warns and calls `fetch` (memory only).
    func obtain(
        _ key: TokenCacheKey,
        acceptRefreshWindow: Bool,
        fetch: @Sendable () async throws -> AccessToken
    ) async throws -> (AccessToken, Source) {
        // Off here (no usable key store and no permission to store unencrypted): nothing is created on disk.
        if case .failure(let problem) = fileProtection(createKey: false) {
            warn(problem)
            return (try await fetch(), .network)
        }
        if let token = usable(snapshot()?.0, key, acceptRefreshWindow) { return (token, .disk) }
        let directory: CacheDirectory
        let keyLock: CacheFileLock
        do throws(CacheProblem) {
            guard let opened = try CacheDirectory.open(try directoryPath.get(), create: true) else {
                throw CacheProblem(reason: "the cache directory could not be created")
            }
            directory = opened
            keyLock = try await directory.lock(keyLockName(key), timeout: options.lockTimeout)
        } catch {
            warn(error)
            return (try await fetch(), .network)
        }
        defer { keyLock.release() }
        if case .success(let protection) = fileProtection(createKey: false),
            let token = usable(load(directory, protection: protection).0, key, acceptRefreshWindow)
        {
            return (token, .disk)
        }
        let token = try await fetch()
        await update(directory) { $0.put(token, refreshAt: TokenCache.refreshTime(for: token, now: $1), for: key) }
        return (token, .network)
    }

    private func usable(_ document: CacheDocument?, _ key: TokenCacheKey, _ acceptRefreshWindow: Bool) -> AccessToken? {
        guard let entry = document?.accessToken(for: key) else { return nil }
        let now = timeSource.now().timeIntervalSince1970
        guard now < entry.expiresOn - expiryMargin, acceptRefreshWindow || now < entry.refreshAt else { return nil }
        return Self.token(entry)
    }

    /// Writes `token` for `key` (a token fetched past the cache, for a claims challenge).
    func store(_ token: AccessToken, for key: TokenCacheKey) async {
        await update { $0.put(token, refreshAt: TokenCache.refreshTime(for: token, now: $1), for: key) }
    }

    // MARK: Writing

    /// Reads, changes and writes the document under `<name>.lock`; warns (and changes nothing) when it cannot.
    func update(_ change: (inout CacheDocument, Date) -> Void) async {
        do throws(CacheProblem) {
            guard let directory = try CacheDirectory.open(try directoryPath.get(), create: true) else { return }
            await update(directory, change)
        } catch {
            warn(error)
        }
    }

    private func update(_ directory: CacheDirectory, _ change: (inout CacheDocument, Date) -> Void) async {
        if let problem = await tryUpdate(directory, change) { warn(problem) }
    }

    /// Reads, changes and writes the document under `<name>.lock`; returns why it could not.
    func tryUpdate(
        _ directory: CacheDirectory, _ change: (inout CacheDocument, Date) -> Void
    ) async -> CacheProblem? {
        do throws(CacheProblem) {
            let lock = try await directory.lock(lockName, timeout: options.lockTimeout)
            defer { lock.release() }
            let protection: CacheFileFormat.Protection
            switch fileProtection(createKey: true) {
            case .success(let found?): protection = found
            case .success(nil): throw CacheProblem(reason: "no encryption key")
            case .failure(let problem): throw problem
            }
            var (document, problem) = load(directory, protection: protection)
            if let problem {
                warn(
                    CacheProblem(
                        reason: "\(shown(UserPath.join(directory.path, fileName))) is ignored and replaced: "
                            + problem.reason
                    )
                )
            }
            let now = timeSource.now()
            change(&document, now)
            document.prune(now: now)
            try save(document, protection: protection, in: directory)
            return nil
        } catch {
            return error
        }
    }

    /// Encodes `document` with `protection` and writes it atomically (temporary file, `fsync`, rename).
    func save(
        _ document: CacheDocument, protection: CacheFileFormat.Protection, in directory: CacheDirectory
    ) throws(CacheProblem) {
        let bytes: [UInt8]
        do {
            bytes = try CacheFileFormat.encode(document, protection: protection)
        } catch {
            throw CacheProblem(reason: "the cache could not be encoded")
        }
        try directory.writeAtomically(fileName, bytes, simulatedError: options.simulatedWriteError)
    }

    // MARK: Warnings

    /// Logs `problem` as a warning once per process and reason (a failing disk is not reported per request).
    func warn(_ problem: CacheProblem) {
        let first = warned.withLock { $0.insert(problem.reason).inserted }
        guard first else { return }
        logger.warning(
            "Persistent token cache: \(problem.reason); tokens are kept in memory meanwhile.",
            metadata: ["cache": "\(options.name)"]
        )
    }
}

extension String {
    fileprivate func appendingPathComponentText(_ name: String) -> String { UserPath.join(self, name) }
}

extension TokenCacheKey {
    /// The key as one unambiguous string (JSON array), for the key's lock file name.
    var persistentIdentity: String {
        let fields = [authority, tenantID, clientID, scopes.joined(separator: " "), isCAE ? "cae" : "", account]
        let encoded = (try? JSONEncoder().encode(fields)).map { String(decoding: $0, as: UTF8.self) }
        return encoded ?? fields.joined(separator: "\u{1F}")
    }
}
