// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import TokenCacheStore

/// A cache file as it is stored, read with the protection its own header names — not the protection a credential
/// would write with — so that listing and clearing never create a key, never change a file's protection, and can
/// read a plaintext file where the key store works (and the reverse).
enum StoredCacheFile {
    /// There is no file of that name.
    case absent
    /// The file and the protection it was read with (and is written back with).
    case readable(CacheDocument, CacheFileFormat.Protection)
    /// The file cannot be read: not a regular file, not only its owner's, too large, foreign, of another version,
    /// or not decryptable. `encrypted` is what its header says, when it says.
    case unreadable(CacheProblem, encrypted: Bool?)

    /// Reads `<name>.cache` in `directory`, the key (for an encrypted file) from `keyStore` under `name`.
    static func read(_ name: String, in directory: CacheDirectory, keyStore: any TokenCacheKeyStore) -> Self {
        let bytes: [UInt8]?
        do throws(CacheProblem) {
            bytes = try directory.read("\(name).cache", limit: CacheFileFormat.sizeLimit)
        } catch {
            return .unreadable(error, encrypted: nil)
        }
        guard let bytes else { return .absent }
        let encrypted = CacheFileFormat.isEncrypted(bytes)
        var protection = CacheFileFormat.Protection.plaintext
        if encrypted == true {
            do {
                guard let key = try keyStore.key(named: name) else {
                    return .unreadable(
                        CacheProblem(reason: "it is encrypted and its key is not in \(keyStore.displayName)"),
                        encrypted: true)
                }
                protection = .encrypted(key: key)
            } catch {
                return .unreadable(
                    CacheProblem(reason: "it is encrypted and \(keyStore.displayName) cannot be used (\(error))"),
                    encrypted: true)
            }
        }
        switch CacheFileFormat.decode(bytes, protection: protection) {
        case .success(let document): return .readable(document, protection)
        case .failure(let problem): return .unreadable(problem, encrypted: encrypted)
        }
    }
}
