// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// Unmarshals values from the D-Bus wire format, checking everything the specification requires of a valid
/// message: alignment padding is zero, lengths stay inside the message, strings are UTF-8 without NUL and end in
/// one, booleans are 0 or 1, signatures and object paths are valid, arrays end exactly on an element, nesting stays
/// within 64 levels. Every failure is a ``DBusError`` (``DBusError/Code/malformedMessage``); nothing traps on any
/// input.
package struct DBusReader: Sendable {
    /// The longest array the specification allows: 64 MiB.
    package static let maximumArrayLength: UInt32 = 1 << 26
    /// The deepest nesting of containers (arrays, structures, variants, dictionary entries).
    package static let maximumDepth = 64

    private let bytes: [UInt8]
    /// Where the next read starts, counted from the start of ``bytes`` (the alignment origin).
    package private(set) var offset: Int
    private let end: Int
    /// Whether numbers are big-endian.
    package let bigEndian: Bool

    /// A reader over `bytes[offset..<end]`, aligning relative to the start of `bytes`.
    package init(_ bytes: [UInt8], offset: Int = 0, end: Int? = nil, bigEndian: Bool) {
        self.bytes = bytes
        self.offset = offset
        self.end = min(end ?? bytes.count, bytes.count)
        self.bigEndian = bigEndian
    }

    /// Whether everything up to the end has been read.
    package var isAtEnd: Bool { offset >= end }

    /// Skips the padding up to the next multiple of `boundary`, which must be zero bytes.
    package mutating func align(to boundary: Int) throws(DBusError) {
        let remainder = offset % boundary
        guard remainder != 0 else { return }
        let padding = boundary - remainder
        guard padding <= end - offset else { throw Self.malformed("ends inside alignment padding") }
        for index in offset..<(offset + padding) where bytes[index] != 0 {
            throw Self.malformed("has a non-zero padding byte")
        }
        offset += padding
    }

    private mutating func take(_ count: Int) throws(DBusError) -> ArraySlice<UInt8> {
        guard count >= 0, count <= end - offset else { throw Self.malformed("is truncated") }
        let slice = bytes[offset..<(offset + count)]
        offset += count
        return slice
    }

    package mutating func readByte() throws(DBusError) -> UInt8 {
        guard let byte = try take(1).first else { throw Self.malformed("is truncated") }
        return byte
    }

    package mutating func readUInt16() throws(DBusError) -> UInt16 {
        try align(to: 2)
        let raw = try take(2)
        let value = raw.reversed().reduce(UInt16(0)) { $0 << 8 | UInt16($1) }
        return bigEndian ? value.byteSwapped : value
    }

    package mutating func readUInt32() throws(DBusError) -> UInt32 {
        try align(to: 4)
        let raw = try take(4)
        let value = raw.reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return bigEndian ? value.byteSwapped : value
    }

    package mutating func readUInt64() throws(DBusError) -> UInt64 {
        try align(to: 8)
        let raw = try take(8)
        let value = raw.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return bigEndian ? value.byteSwapped : value
    }

    /// Reads one value of `type`. `depth` is the number of containers around it.
    package mutating func read(_ type: DBusType, depth: Int = 0) throws(DBusError) -> DBusValue {
        switch type {
        case .byte: return .byte(try readByte())
        case .boolean:
            switch try readUInt32() {
            case 0: return .boolean(false)
            case 1: return .boolean(true)
            default: throw Self.malformed("has a boolean that is neither 0 nor 1")
            }
        case .int16: return .int16(Int16(bitPattern: try readUInt16()))
        case .uint16: return .uint16(try readUInt16())
        case .int32: return .int32(Int32(bitPattern: try readUInt32()))
        case .uint32: return .uint32(try readUInt32())
        case .unixFD: return .unixFD(try readUInt32())
        case .int64: return .int64(Int64(bitPattern: try readUInt64()))
        case .uint64: return .uint64(try readUInt64())
        case .double: return .double(bitPattern: try readUInt64())
        case .string: return .string(try readString())
        case .objectPath:
            let path = try readString()
            guard DBusNames.isValidObjectPath(path) else { throw Self.malformed("has an invalid object path") }
            return .objectPath(path)
        case .signature:
            let text = try readSignatureText()
            _ = try DBusSignature.parse(text)
            return .signature(text)
        case .array(let element):
            guard depth < Self.maximumDepth else { throw Self.malformed("nests containers too deeply") }
            let length = try readUInt32()
            guard length <= Self.maximumArrayLength else { throw Self.malformed("has an array over 64 MiB") }
            try align(to: element.alignment)
            let count = Int(length)
            guard count <= end - offset else { throw Self.malformed("has an array that runs past its end") }
            let arrayEnd = offset + count
            var items: [DBusValue] = []
            while offset < arrayEnd {
                var inner = DBusReader(bytes, offset: offset, end: arrayEnd, bigEndian: bigEndian)
                items.append(try inner.read(element, depth: depth + 1))
                offset = inner.offset
            }
            return .array(element, items)
        case .structure(let fields):
            guard depth < Self.maximumDepth else { throw Self.malformed("nests containers too deeply") }
            try align(to: 8)
            var values: [DBusValue] = []
            for field in fields { values.append(try read(field, depth: depth + 1)) }
            return .structure(values)
        case .dictEntry(let key, let value):
            guard depth < Self.maximumDepth else { throw Self.malformed("nests containers too deeply") }
            try align(to: 8)
            let readKey = try read(key, depth: depth + 1)
            return .dictEntry(readKey, try read(value, depth: depth + 1))
        case .variant:
            guard depth < Self.maximumDepth else { throw Self.malformed("nests containers too deeply") }
            let inner = try DBusSignature.parseSingle(try readSignatureText())
            return .variant(try read(inner, depth: depth + 1))
        }
    }

    private mutating func readString() throws(DBusError) -> String {
        let length = try readUInt32()
        guard length < Self.maximumArrayLength * 2 else { throw Self.malformed("has a string over 128 MiB") }
        let count = Int(length)
        guard count < end - offset else { throw Self.malformed("has a string that runs past its end") }
        let content = try take(count)
        guard try readByte() == 0 else { throw Self.malformed("has a string without its terminating NUL") }
        guard !content.contains(0) else { throw Self.malformed("has a string holding a NUL character") }
        guard let text = String(validating: content, as: UTF8.self) else {
            throw Self.malformed("has a string that is not UTF-8")
        }
        return text
    }

    private mutating func readSignatureText() throws(DBusError) -> String {
        let count = Int(try readByte())
        let content = try take(count)
        guard try readByte() == 0 else { throw Self.malformed("has a signature without its terminating NUL") }
        guard content.allSatisfy({ $0 != 0 && $0 < 0x80 }) else {
            throw Self.malformed("has a signature with a byte that is no type code")
        }
        return String(decoding: content, as: UTF8.self)
    }

    static func malformed(_ what: String) -> DBusError {
        DBusError(.malformedMessage, "a D-Bus message \(what)")
    }
}
