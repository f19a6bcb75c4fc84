// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Crypto

/// Files of the persistent token cache, sealed with AES-256-GCM under a key the key store keeps: one header line,
/// then `<12-byte nonce><ciphertext><16-byte tag>`. The header (newline included) is the sealed box's authenticated
/// data, so it cannot be changed without the tag failing. The cache files (`CacheFileFormat`) and the token
/// shortcut's records (``TokenShortcut``) are both written this way.
package enum SealedFile {
    /// The length of a key, in bytes.
    package static let keyLength = 32

    /// `body` sealed under `key`, authenticated together with `header`; the header is not included.
    package static func seal(_ body: [UInt8], header: [UInt8], key: [UInt8]) throws(CacheProblem) -> [UInt8] {
        guard key.count == keyLength,
            let sealed = try? AES.GCM.seal(body, using: SymmetricKey(data: key), authenticating: header),
            let combined = sealed.combined
        else { throw CacheProblem(reason: "encryption failed") }
        return Array(combined)
    }

    /// The body sealed in `sealed` under `key` with `header`, or `nil` when it does not open (another key, another
    /// header, or damaged).
    package static func open(_ sealed: some Collection<UInt8>, header: some Collection<UInt8>, key: [UInt8]) -> [UInt8]?
    {
        guard key.count == keyLength, let box = try? AES.GCM.SealedBox(combined: Array(sealed)),
            let body = try? AES.GCM.open(box, using: SymmetricKey(data: key), authenticating: Array(header))
        else { return nil }
        return Array(body)
    }

    /// A new random key.
    package static func newKey() -> [UInt8] {
        SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
    }
}
