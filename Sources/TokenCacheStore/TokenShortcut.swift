// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Crypto
package import IdentitySupport

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What `authprofile token` printed from the persistent cache, remembered with everything it read, so that a later
/// identical run can print it again after checking that nothing it depended on changed — without parsing a profile,
/// binding a credential or decoding the cache (issue 12's fast path; docs/token-cache.md, "The token shortcut").
///
/// A record is written by the CLI after `token`'s persistent-cache fast path answered (that code decides; a record
/// only remembers its decision), and lives in the cache directory as `<64 hex digits>.shortcut`:
/// - **Its name** is the SHA-256 of the run's *whole* situation: user id, working directory, arguments and every
///   environment variable. Any difference is another name, so no variable needs to be known as relevant.
/// - **Its reads** are every file system read the fast path made (``FileReadObserver``): profile files, directory
///   listings, existence checks and the cache file itself, each with a fingerprint of its result (SHA-256 of the
///   bytes or the error, and of the status without the modification time). A replay repeats each read through the
///   same functions and answers only when every fingerprint is equal.
/// - **Its validity** ends when the cache would stop answering with the token (refresh time, or expiry less the
///   margin), checked against the clock.
/// - **Its output** is the text printed. The record is sealed with AES-256-GCM under its own key in the key store
///   (``keyName``), like the cache files; where there is no key store, no record is written.
///
/// A replay that cannot answer — no record, another key, a changed read, a passed time, any damage — says `nil`,
/// and the caller runs the command, which writes a new record when it answers from the cache again.
package struct TokenShortcut: Sendable, Hashable, Codable {
    /// The format version; a record of another version is not used.
    package static let version = 1
    /// The key store's name for the records' key (not a valid cache name, so no cache shares it).
    package static let keyName = "-shortcut"
    /// The suffix of a record's file name.
    package static let fileSuffix = ".shortcut"
    /// The largest record read.
    package static let sizeLimit = 1 << 20
    /// The most records kept in a directory; writing one more removes the oldest.
    package static let recordLimit = 64
    /// The most reads a record remembers; a run that read more writes no record.
    package static let readLimit = 2_000

    /// One read and the fingerprint of its result.
    package struct Read: Sendable, Hashable, Codable {
        /// `read`, `status`, `list`, `cache` or `key`.
        package var operation: String
        /// The path read (for `cache`, the directory; for `key`, the key store's identity).
        package var path: String
        /// The file read in the cache directory (`cache`), or the key's name (`key`).
        package var name: String?
        /// The size limit of the read (`read` and `cache` only).
        package var limit: Int?
        /// SHA-256 (hex) of the result.
        package var fingerprint: String

        init(operation: String, path: String, name: String? = nil, limit: Int? = nil, fingerprint: String) {
            self.operation = operation
            self.path = path
            self.name = name
            self.limit = limit
            self.fingerprint = fingerprint
        }
    }

    /// The format version.
    package var version: Int
    /// Until when (POSIX seconds) the output may be printed.
    package var validUntil: Double
    /// The reads the answer depended on, in the order they were made.
    package var reads: [Read]
    /// The text printed.
    package var output: String

    /// A record.
    package init(validUntil: Double, reads: [Read], output: String) {
        self.version = Self.version
        self.validUntil = validUntil
        self.reads = reads
        self.output = output
    }

    // MARK: Names

    /// The record's file name for a run: the SHA-256 of the user id, working directory, arguments (after the
    /// program's name) and all environment variables (sorted by name).
    package static func fileName(
        userID: UInt32, workingDirectory: String, arguments: [String], environment: [String: String]
    ) -> String {
        var hasher = SHA256()
        func add(_ text: String) {
            hasher.update(data: Array("\(text.utf8.count):".utf8))
            hasher.update(data: Array(text.utf8))
        }
        add("authprofile-token-shortcut \(version)")
        add(String(userID))
        add(workingDirectory)
        add(String(arguments.count))
        arguments.forEach(add)
        let variables = environment.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        add(String(variables.count))
        for (name, value) in variables {
            add(name)
            add(value)
        }
        return hex(hasher.finalize()) + fileSuffix
    }

    /// Whether `name` is a record's file name.
    package static func isFileName(_ name: String) -> Bool {
        guard name.hasSuffix(fileSuffix) else { return false }
        let stem = name.utf8.dropLast(fileSuffix.utf8.count)
        return stem.count == 64 && stem.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    // MARK: Sealing

    static var header: [UInt8] { Array("authprofile-token-shortcut \(version) aes-256-gcm\n".utf8) }

    /// The record's bytes on disk, sealed under `key`.
    package func sealed(key: [UInt8]) throws(CacheProblem) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let json = try? encoder.encode(self) else { throw CacheProblem(reason: "the record does not encode") }
        return Self.header + (try SealedFile.seal(Array(json), header: Self.header, key: key))
    }

    /// The record in `bytes`, or `nil` when they are not a record of this version sealed under `key`.
    package static func unsealed(_ bytes: [UInt8], key: [UInt8]) -> TokenShortcut? {
        let header = Self.header
        guard bytes.count > header.count, bytes.starts(with: header),
            let json = SealedFile.open(bytes[header.count...], header: header, key: key),
            let record = try? JSONDecoder().decode(TokenShortcut.self, from: Data(json)),
            record.version == version
        else { return nil }
        return record
    }

    // MARK: Replaying

    /// The output, when the record holds for `now`: before `validUntil`, and every read gives the result it gave.
    /// The reads are repeated with no observer, through the functions that made them; `keys` asks key store
    /// `store` (an identity) for key `name`, `nil` for a store it cannot ask (the record then does not hold).
    package func replay(now: Double, keys: Keys) -> String? {
        guard now < validUntil else { return nil }
        return FileReads.$observer.withValue(nil) {
            for read in reads {
                guard let fingerprint = Self.repeatFingerprint(of: read, keys: keys), fingerprint == read.fingerprint
                else {
                    return nil
                }
            }
            return output
        }
    }

    /// How a replay asks a key store (by its identity) for a key: the key, `nil` for none, or the store's failure;
    /// `nil` when it cannot ask that store.
    package typealias Keys = (_ store: String, _ name: String) -> Result<[UInt8]?, any Error>?

    private static func repeatFingerprint(of read: Read, keys: Keys) -> String? {
        switch read.operation {
        case "read":
            guard let limit = read.limit else { return nil }
            return Fingerprint.read(Result { () throws(FileProblem) in try UserFile.read(read.path, limit: limit) })
        case "status":
            return Fingerprint.status(UserFile.status(of: read.path))
        case "list":
            return Fingerprint.listing(DirectoryWalk.list(read.path))
        case "cache":
            guard let name = read.name, let limit = read.limit else { return nil }
            let result = Result { () throws(CacheProblem) -> [UInt8]? in
                guard let directory = try CacheDirectory.open(read.path, create: false) else { return nil }
                return try directory.read(name, limit: limit)
            }
            return Fingerprint.cacheFile(result.mapError { $0 })
        case "key":
            guard let name = read.name, let result = keys(read.path, name) else { return nil }
            return Fingerprint.key(result)
        default:
            return nil
        }
    }

    static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
