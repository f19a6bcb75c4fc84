// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// Recognises text that looks like a credential, wherever it was written, so that no diagnostic prints one.
///
/// Values in a secret's place are never shown whatever they look like (``ShownValue``, ``SourceText`` masks).
/// This is the second line: a secret pasted into the wrong field (`clientId`, `tenant`, a key name, a URL) is
/// recognised by its shape: a JWT, an Entra client secret (40 characters with a `~`), a long random-looking token,
/// a long hexadecimal string, a URL with `user:password@`, a PEM header, or a `key=value` pair whose key names a
/// secret (`AccountKey=`, `password=`, `sig=`, …).
package enum CredentialShape {
    /// What is shown instead of a value that is not shown.
    package static let marker = "[redacted]"

    /// Whether one token (no whitespace) looks like a credential.
    package static func looksLikeCredential(_ token: some StringProtocol) -> Bool {
        var token = String(token)
        return token.withUTF8 { looksLikeCredential(bytes: $0) }
    }

    /// `text` with every whitespace- or punctuation-separated token that looks like a credential replaced by
    /// ``marker``. Every diagnostic goes through it (``Diagnostic/sanitized``).
    package static func redacting(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            let ranges = credentialRanges(inUTF8: bytes)
            guard !ranges.isEmpty else { return nil }
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count)
            var offset = 0
            for range in ranges {
                result += bytes[offset..<range.lowerBound]
                result += marker.utf8
                offset = range.upperBound
            }
            result += bytes[offset...]
            return String(decoding: result, as: UTF8.self)
        } ?? text
    }

    /// Whether a key (a field name, in any spelling) names a secret: `clientSecret`, `ClientSecret`,
    /// `client_secret`, `password`, `certificatePassword`, `userAssertion`, `systemAccessToken`, `apiKey`, …
    /// Only the first 128 bytes of a key are read: no field name is longer, and a hostile file may have long keys.
    package static func isSecretKey(_ key: some StringProtocol) -> Bool {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { buffer in
            var count = 0
            for byte in key.utf8.prefix(128)
            where byte != UInt8(ascii: "_") && byte != UInt8(ascii: "-") && byte != UInt8(ascii: " ") {
                buffer[count] = lowercased(byte)
                count += 1
            }
            let normalized = UnsafeBufferPointer(rebasing: buffer[..<count])
            return secretKeyWords.contains { firstOffset(of: $0, in: normalized) != nil }
                || normalized.elementsEqual("pwd".utf8) || normalized.elementsEqual("token".utf8)
        }
    }

    /// The byte ranges of the tokens of UTF-8 text that look like credentials. Tokens are split at ASCII
    /// whitespace and punctuation, so a range never cuts a multi-byte character.
    static func credentialRanges(inUTF8 bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        let table = Self.table  // once, not a lazy-global check per byte
        for offset in 0...bytes.count where offset == bytes.count || table[Int(bytes[offset])] & separator != 0 {
            if offset - start >= 8, looksLikeCredential(bytes: UnsafeBufferPointer(rebasing: bytes[start..<offset])) {
                ranges.append(start..<offset)
            }
            start = offset + 1
        }
        return ranges
    }

    /// Whether a scalar separates tokens (ASCII whitespace and punctuation), as ``credentialRanges(inUTF8:)`` splits.
    static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && table[Int(scalar.value)] & separator != 0
    }

    /// The same for a sequence of scalars, as ranges of scalar offsets (for columns of a source line).
    static func credentialRanges(inScalars scalars: [Unicode.Scalar]) -> [Range<Int>] {
        var text = String(String.UnicodeScalarView(scalars))
        return text.withUTF8 { bytes in
            let ranges = credentialRanges(inUTF8: bytes)
            guard !ranges.isEmpty else { return [] }
            // Byte offset → scalar offset: count the bytes that start a scalar.
            var scalarOffsets = [Int](repeating: 0, count: bytes.count + 1)
            var count = 0
            for offset in 0..<bytes.count {
                scalarOffsets[offset] = count
                if bytes[offset] & 0xC0 != 0x80 { count += 1 }
            }
            scalarOffsets[bytes.count] = count
            return ranges.map { scalarOffsets[$0.lowerBound]..<scalarOffsets[$0.upperBound] }
        }
    }

    /// ``looksLikeCredential(_:)`` on UTF-8 bytes: one pass with a table lookup per byte, no allocation (every
    /// token of every diagnostic goes through it).
    static func looksLikeCredential(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 8 else { return false }
        let table = Self.table
        var all: UInt16 = 0xFFFF  // the classes every byte has
        var any: UInt16 = 0  // the classes some byte has
        var switches = 0
        var previous: UInt16 = 0
        for byte in bytes {
            let flags = table[Int(byte)]
            all &= flags
            any |= flags
            let kind = flags & (upper | lower | digit)
            if kind != previous { switches += 1 }
            previous = kind
        }
        // `AccountKey=…`, `password=…`, `sig=…`, a PEM header.
        if any & equals != 0, secretAssignments.contains(where: { firstOffset(of: $0, in: bytes) != nil }) {
            return true
        }
        if any & dash != 0, firstOffset(of: pemHeader, in: bytes) != nil { return true }
        // A URL with user info.
        if any & colon != 0, any & at != 0, let scheme = firstOffset(of: schemeSeparator, in: bytes) {
            let authority = bytes[(scheme + 3)...].prefix {
                $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#")
            }
            if authority.contains(UInt8(ascii: "@")) { return true }
        }
        // A JWT: base64url JSON (`{"` is `eyJ`) in dot-separated parts.
        if any & dot != 0, bytes.count >= 20, bytes[0] == UInt8(ascii: "e"), bytes[1] == UInt8(ascii: "y"),
            bytes[2] == UInt8(ascii: "J")
        {
            return true
        }
        guard all & tokenText != 0 else { return false }
        // An Entra client secret: 40 characters of letters, digits, '.', '_', '-' and '~', always with a '~'.
        if bytes.count >= 30, any & tilde != 0 { return true }
        guard bytes.count >= 32 else { return false }
        // Long hexadecimal with both digits and letters (a key or hash, not a run of one character).
        if all & hex != 0, any & digit != 0, any & (upper | lower) != 0 { return true }
        // A long token that keeps switching between upper case, lower case and digits: a random key. Names and
        // key paths switch at word boundaries only (`workloadIdentity.clientId`: about 1 in 4 characters, long
        // PascalCase names under 2 in 5); random base64 switches at about 3 in 5.
        let mixed = any & upper != 0 && any & lower != 0 && any & digit != 0
        return mixed && (switches - 1) * 100 >= bytes.count * 45
    }

    /// Where `needle` (lower case) first occurs in `haystack`, ignoring ASCII case: a plain byte search.
    private static func firstOffset(of needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        for offset in 0...(haystack.count - needle.count) where lowercased(haystack[offset]) == first {
            var matched = 1
            while matched < needle.count, lowercased(haystack[offset + matched]) == needle[matched] { matched += 1 }
            if matched == needle.count { return offset }
        }
        return nil
    }

    private static func firstOffset(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        haystack.withUnsafeBufferPointer { firstOffset(of: needle, in: $0) }
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }

    private static let schemeSeparator = Array("://".utf8)
    private static let pemHeader = Array("-----begin".utf8)

    /// `name=` pairs whose value is a secret (connection strings, query strings, form bodies).
    private static let secretAssignments: [[UInt8]] = [
        "accountkey=", "sharedaccesskey=", "sharedaccesssignature=", "password=", "passwd=", "pwd=", "secret=",
        "access_token=", "refresh_token=", "id_token=", "sig=", "apikey=", "api_key=",
    ].map { Array($0.utf8) }

    private static let secretKeyWords: [[UInt8]] = [
        "secret", "password", "passwd", "assertion", "accesstoken", "refreshtoken", "idtoken", "apikey", "accountkey",
        "connectionstring", "privatekey", "authorizationcode",
    ].map { Array($0.utf8) }

    // MARK: Byte classes

    private static let upper: UInt16 = 1 << 0
    private static let lower: UInt16 = 1 << 1
    private static let digit: UInt16 = 1 << 2
    private static let hex: UInt16 = 1 << 3
    /// Letters, digits and `. _ ~ - + =`: the characters of keys and secrets.
    private static let tokenText: UInt16 = 1 << 4
    /// ASCII whitespace and the punctuation that quotes or separates values.
    private static let separator: UInt16 = 1 << 5
    private static let equals: UInt16 = 1 << 6
    private static let colon: UInt16 = 1 << 7
    private static let at: UInt16 = 1 << 8
    private static let tilde: UInt16 = 1 << 9
    private static let dot: UInt16 = 1 << 10
    private static let dash: UInt16 = 1 << 11

    /// The classes of each byte value.
    private static let table: [UInt16] = (0...255).map { value in
        let byte = UInt8(value)
        var flags: UInt16 = 0
        let scalar = Unicode.Scalar(byte)
        if ("A"..."Z").contains(scalar) { flags |= upper | tokenText }
        if ("a"..."z").contains(scalar) { flags |= lower | tokenText }
        if ("0"..."9").contains(scalar) { flags |= digit | tokenText | hex }
        if ("a"..."f").contains(scalar) || ("A"..."F").contains(scalar) { flags |= hex }
        if "._~-+=".unicodeScalars.contains(scalar) { flags |= tokenText }
        if (0x09...0x0D).contains(value) || " '\"`,;()[]{}<>|".unicodeScalars.contains(scalar) { flags |= separator }
        if scalar == "=" { flags |= equals }
        if scalar == ":" { flags |= colon }
        if scalar == "@" { flags |= at }
        if scalar == "~" { flags |= tilde }
        if scalar == "." { flags |= dot }
        if scalar == "-" { flags |= dash }
        return flags
    }
}
