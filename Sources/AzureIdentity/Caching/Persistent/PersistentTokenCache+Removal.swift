// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import IdentitySupport
import TokenCacheStore

/// Removing what the cache holds: everything, or what one profile's links use (`authprofile cache clear`).
extension PersistentTokenCache {
    /// Removes every token, refresh token and account (the file), keeping the key.
    /// - Throws: ``TokenCacheError`` when the cache is off or the file cannot be removed.
    public func removeAll() async throws {
        let directory: CacheDirectory
        let lock: CacheFileLock
        do throws(CacheProblem) {
            guard let opened = try CacheDirectory.open(try directoryPath.get(), create: false) else { return }
            directory = opened
            lock = try await directory.lock(lockName, timeout: options.lockTimeout)
        } catch {
            throw TokenCacheError(code: .unavailable, reason: error.reason)
        }
        defer { lock.release() }
        do throws(CacheProblem) {
            try directory.remove(fileName)
        } catch {
            throw TokenCacheError(code: .writeFailed, reason: error.reason)
        }
    }

    /// Removes the access tokens whose key matches `predicate` (for `cache clear PROFILE`); keeps the rest.
    /// - Throws: ``TokenCacheError`` when the cache is off or cannot be written.
    public func removeAccessTokens(where predicate: @Sendable (TokenCacheKey) -> Bool) async throws {
        let directory: CacheDirectory
        do throws(CacheProblem) {
            guard let opened = try CacheDirectory.open(try directoryPath.get(), create: false) else { return }
            directory = opened
        } catch {
            throw TokenCacheError(code: .unavailable, reason: error.reason)
        }
        let problem = await tryUpdate(directory) { document, _ in
            document.accessTokens.removeAll { predicate($0.key) }
        }
        if let problem { throw TokenCacheError(code: .writeFailed, reason: problem.reason) }
    }

    /// Removes the access tokens whose key matches `accessTokens` and the accounts whose authority, client id and
    /// configured tenant match `accounts`, with the refresh tokens of the accounts removed (unless another account
    /// kept uses the same one): what `cache clear PROFILE` removes. Everything else is kept.
    ///
    /// The file is read and written back with the protection it has (no key is created), under the cache's lock.
    /// A file that cannot be read is left as it is.
    /// - Returns: What was removed; nothing when there is no file.
    /// - Throws: ``TokenCacheError`` when the directory or lock cannot be used (`unavailable`), the file cannot be
    ///   read (`unreadable`), or it cannot be written (`writeFailed`).
    public func remove(
        accessTokens: @Sendable (TokenCacheKey) -> Bool,
        accounts: @Sendable (_ authority: String, _ clientID: String, _ tenantID: String) -> Bool
    ) async throws -> TokenCacheRemoval {
        let directory: CacheDirectory
        let lock: CacheFileLock
        do throws(CacheProblem) {
            guard let opened = try CacheDirectory.open(try directoryPath.get(), create: false) else {
                return TokenCacheRemoval()
            }
            directory = opened
            lock = try await directory.lock(lockName, timeout: options.lockTimeout)
        } catch {
            throw TokenCacheError(code: .unavailable, reason: error.reason)
        }
        defer { lock.release() }
        var document: CacheDocument
        let protection: CacheFileFormat.Protection
        switch StoredCacheFile.read(options.name, in: directory, keyStore: keyStore) {
        case .absent:
            return TokenCacheRemoval()
        case .unreadable(let problem, _):
            throw TokenCacheError(
                code: .unreadable, reason: "\(shown(UserPath.join(directory.path, fileName))): \(problem.reason)")
        case .readable(let found, let foundProtection):
            (document, protection) = (found, foundProtection)
        }
        let removal = document.remove(accessTokens: accessTokens, accounts: accounts)
        guard removal.total > 0 else { return removal }
        do throws(CacheProblem) {
            try save(document, protection: protection, in: directory)
        } catch {
            throw TokenCacheError(code: .writeFailed, reason: error.reason)
        }
        return removal
    }
}
