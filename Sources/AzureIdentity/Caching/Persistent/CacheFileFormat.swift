// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import TokenCacheStore

/// The bytes of a cache file: one header line naming the format, its version and the protection, then the
/// document (JSON), sealed with AES-256-GCM when the cache is encrypted.
///
/// ```
/// authprofile-token-cache 1 aes-256-gcm\n<12-byte nonce><ciphertext><16-byte tag>
/// authprofile-token-cache 1 plaintext\n{"accessTokens":[…],…}
/// ```
///
/// The header is the sealed box's authenticated data, so it cannot be changed without the tag failing. A file
/// that does not start with this format's header, has another version, does not decrypt with the key, or whose
/// JSON does not decode is *unreadable*: the cache ignores it (with a warning) and replaces it on the next write.
enum CacheFileFormat {
    static let magic = "authprofile-token-cache"
    /// The largest cache file read: 8 MiB, about 3,000 access tokens.
    static let sizeLimit = 8 << 20

    enum Protection: Equatable {
        case plaintext
        case encrypted(key: [UInt8])
    }

    static func header(encrypted: Bool) -> [UInt8] {
        Array("\(magic) \(CacheDocument.version) \(encrypted ? "aes-256-gcm" : "plaintext")\n".utf8)
    }

    static func encode(_ document: CacheDocument, protection: Protection) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = try encoder.encode(document)
        switch protection {
        case .plaintext:
            return header(encrypted: false) + Array(json)
        case .encrypted(let key):
            let header = header(encrypted: true)
            return header + (try SealedFile.seal(Array(json), header: header, key: key))
        }
    }

    /// Whether the header of `bytes` names an encrypted file (`true`), a plaintext one (`false`), or neither
    /// (`nil`: not this format, another version or an unknown protection; ``decode(_:protection:)`` says which).
    static func isEncrypted(_ bytes: [UInt8]) -> Bool? {
        guard let newline = bytes.prefix(80).firstIndex(of: 0x0A) else { return nil }
        let words = String(decoding: bytes[..<newline], as: UTF8.self).split(separator: " ")
        guard words.count == 3, words[0] == magic, words[1] == "\(CacheDocument.version)" else { return nil }
        switch words[2] {
        case "aes-256-gcm": return true
        case "plaintext": return false
        default: return nil
        }
    }

    /// The document in `bytes`, or why it cannot be read (never quoting the bytes).
    static func decode(_ bytes: [UInt8], protection: Protection?) -> Result<CacheDocument, CacheProblem> {
        guard let newline = bytes.prefix(80).firstIndex(of: 0x0A) else {
            return .failure(CacheProblem(reason: "it is not an authprofile token cache (no header)"))
        }
        let headerLine = bytes[..<newline]
        let words = String(decoding: headerLine, as: UTF8.self).split(separator: " ")
        guard words.count == 3, words[0] == magic else {
            return .failure(CacheProblem(reason: "it is not an authprofile token cache"))
        }
        guard words[1] == "\(CacheDocument.version)" else {
            return .failure(CacheProblem(reason: "it is of another format version"))
        }
        let body = bytes[(newline + 1)...]
        let json: Data
        switch (words[2], protection) {
        case ("plaintext", .plaintext?):
            json = Data(body)
        case ("aes-256-gcm", .encrypted(let key)?):
            guard let opened = SealedFile.open(body, header: bytes[...newline], key: key) else {
                return .failure(CacheProblem(reason: "it does not decrypt with the key (another key, or damaged)"))
            }
            json = Data(opened)
        case ("aes-256-gcm", _):
            return .failure(CacheProblem(reason: "it is encrypted and its key is not available"))
        case ("plaintext", _):
            return .failure(CacheProblem(reason: "it is unencrypted and the cache is encrypted"))
        default:
            return .failure(CacheProblem(reason: "its protection is unknown"))
        }
        do {
            let document = try JSONDecoder().decode(CacheDocument.self, from: json)
            guard document.version == CacheDocument.version else {
                return .failure(CacheProblem(reason: "it is of another format version"))
            }
            return .success(document)
        } catch {
            return .failure(CacheProblem(reason: "its content does not decode"))
        }
    }
}
