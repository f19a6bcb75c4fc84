// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file read for its text: the text when the file is UTF-8, its bytes otherwise.
package enum FileText: Sendable {
    /// The file is UTF-8; the text was read into its own storage, with no second copy.
    case text(String, FileStatus)
    /// The file is not UTF-8 (or grew while it was read); its bytes, for a caller that reports where.
    case bytes([UInt8], FileStatus)

    /// The file's bytes and status, as ``UserFile/read(_:limit:)`` gives them.
    package var contents: FileContents {
        switch self {
        case .text(let text, let status): FileContents(bytes: Array(text.utf8), status: status)
        case .bytes(let bytes, let status): FileContents(bytes: bytes, status: status)
        }
    }
}

extension UserFile {
    /// Reads a regular file of at most `limit` bytes as ``read(_:limit:)`` does, but straight into a string's
    /// storage when the file is UTF-8, so that the text costs the file's size in memory once, not twice (bytes
    /// read, then a string made from them).
    package static func readText(_ path: String, limit: Int) throws(FileProblem) -> FileText {
        let result = Result { () throws(FileProblem) in try unobservedReadText(path, limit: limit) }
        if let observer = FileReads.observer {
            // Observed as the read it equals: the same bytes and status as `read(_:limit:)` gives.
            observer.observeRead(path, limit: limit, result: result.map(\.contents))
        }
        return try result.get()
    }

    private static func unobservedReadText(_ path: String, limit: Int) throws(FileProblem) -> FileText {
        let limit = max(0, limit)
        let (descriptor, opened) = try openRegularFile(path, limit: limit)
        defer { _ = close(descriptor) }
        let expected = min(opened.size, limit, physicalMemory)
        var failure: Int32?
        var fallback: [UInt8]?
        var overflow: UInt8?
        let text = String(unsafeUninitializedCapacity: expected) { buffer in
            var count = 0
            while count < buffer.count {
                let result = systemRead(descriptor, buffer.baseAddress! + count, buffer.count - count)
                if result > 0 {
                    count += result
                } else if result == 0 {
                    break
                } else if errno != EINTR {
                    failure = errno
                    return 0
                }
            }
            if count == buffer.count {
                // Anything past the expected size means the file grew (or had no size): read it as bytes.
                var byte: UInt8 = 0
                var result: Int
                repeat { result = systemRead(descriptor, &byte, 1) } while result < 0 && errno == EINTR
                if result < 0 { failure = errno; return 0 }
                if result == 1 { overflow = byte }
            }
            let read = UnsafeBufferPointer(rebasing: buffer[..<count])
            if overflow != nil || !UTF8Validation.isValid(read) {
                fallback = Array(read)
                return 0
            }
            return count
        }
        if let failure { throw FileProblem(systemError: failure) }
        guard var bytes = fallback else { return .text(text, opened) }
        if let overflow {
            bytes.append(overflow)
            try readRest(descriptor, appendingTo: &bytes, limit: min(limit, physicalMemory))
            if let grown = String(validating: bytes, as: UTF8.self) { return .text(grown, opened) }
        }
        return .bytes(bytes, opened)
    }
}

/// Checks UTF-8 without making a string (which would copy the bytes).
package enum UTF8Validation {
    /// Whether `bytes` are well-formed UTF-8 (no overlong forms, surrogates or scalars past U+10FFFF).
    package static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            // ASCII runs, eight bytes at a time where aligned loads are not needed.
            while index + 8 <= count,
                UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
            {
                index += 8
            }
            guard index < count else { return true }
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return false
            }
            guard index + length <= count else { return false }
            let second = bytes[index + 1]
            guard second >= low, second <= high else { return false }
            for offset in 2..<max(2, length) where bytes[index + offset] & 0xC0 != 0x80 { return false }
            index += length
        }
        return true
    }
}
