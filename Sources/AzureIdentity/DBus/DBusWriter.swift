// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// Marshals values into the D-Bus wire format, in either byte order.
///
/// Offsets (and so alignment) count from the start of ``bytes``: start a writer at the start of a message, or at
/// the start of a body (a body always begins on an 8-byte boundary, so its alignment is the same either way).
package struct DBusWriter: Sendable {
    /// What has been written.
    package private(set) var bytes: [UInt8] = []
    /// Whether to write big-endian (`B`) rather than little-endian (`l`).
    package let bigEndian: Bool

    package init(bigEndian: Bool = false) {
        self.bigEndian = bigEndian
    }

    /// Appends zero bytes up to the next multiple of `boundary`.
    package mutating func align(to boundary: Int) {
        while bytes.count % boundary != 0 { bytes.append(0) }
    }

    mutating func writeUInt16(_ value: UInt16) {
        align(to: 2)
        let ordered = bigEndian ? value.bigEndian : value.littleEndian
        withUnsafeBytes(of: ordered) { bytes.append(contentsOf: $0) }
    }

    mutating func writeUInt32(_ value: UInt32) {
        align(to: 4)
        let ordered = bigEndian ? value.bigEndian : value.littleEndian
        withUnsafeBytes(of: ordered) { bytes.append(contentsOf: $0) }
    }

    mutating func writeUInt64(_ value: UInt64) {
        align(to: 8)
        let ordered = bigEndian ? value.bigEndian : value.littleEndian
        withUnsafeBytes(of: ordered) { bytes.append(contentsOf: $0) }
    }

    /// Writes one value.
    /// - Throws: ``DBusError/Code/cannotEncode`` for a string with a NUL, a signature over 255 bytes, an array
    ///   over 64 MiB or an element that does not have the array's type.
    package mutating func write(_ value: DBusValue) throws(DBusError) {
        switch value {
        case .byte(let byte): bytes.append(byte)
        case .boolean(let flag): writeUInt32(flag ? 1 : 0)
        case .int16(let number): writeUInt16(UInt16(bitPattern: number))
        case .uint16(let number): writeUInt16(number)
        case .int32(let number): writeUInt32(UInt32(bitPattern: number))
        case .uint32(let number), .unixFD(let number): writeUInt32(number)
        case .int64(let number): writeUInt64(UInt64(bitPattern: number))
        case .uint64(let number), .double(let number): writeUInt64(number)
        case .string(let text), .objectPath(let text):
            let utf8 = Array(text.utf8)
            guard !utf8.contains(0), let length = UInt32(exactly: utf8.count) else {
                throw DBusError(.cannotEncode, "a string holds a NUL character or is too long")
            }
            writeUInt32(length)
            bytes.append(contentsOf: utf8)
            bytes.append(0)
        case .signature(let text):
            try writeSignature(text)
        case .array(let element, let items):
            writeUInt32(0)
            let lengthOffset = bytes.count - 4
            align(to: element.alignment)
            let start = bytes.count
            for item in items {
                guard item.type == element else {
                    throw DBusError(.cannotEncode, "an array element does not have the array's type")
                }
                try write(item)
            }
            guard let length = UInt32(exactly: bytes.count - start), length <= DBusReader.maximumArrayLength else {
                throw DBusError(.cannotEncode, "an array is longer than 64 MiB")
            }
            let ordered = bigEndian ? length.bigEndian : length.littleEndian
            withUnsafeBytes(of: ordered) { raw in
                for (index, byte) in raw.enumerated() { bytes[lengthOffset + index] = byte }
            }
        case .structure(let fields):
            align(to: 8)
            for field in fields { try write(field) }
        case .variant(let inner):
            try writeSignature(inner.type.signature)
            try write(inner)
        case .dictEntry(let key, let item):
            align(to: 8)
            try write(key)
            try write(item)
        }
    }

    private mutating func writeSignature(_ text: String) throws(DBusError) {
        let utf8 = Array(text.utf8)
        guard utf8.count <= DBusSignature.maximumLength, !utf8.contains(0) else {
            throw DBusError(.cannotEncode, "a signature is longer than 255 bytes")
        }
        bytes.append(UInt8(utf8.count))
        bytes.append(contentsOf: utf8)
        bytes.append(0)
    }
}
