// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// Numbers that arrive from outside the process — JSON bodies, headers, JWT claims, a tool's output, options —
/// read and converted without a trap.
///
/// Swift traps when a `Double` that is not finite, or is outside the target type's range, is converted to an
/// integer (`Int64(1e20)`, `Int(Double.nan)`), and `Double(_:)` accepts `"inf"`, `"nan"` and `"0x1p9"`. Every number
/// from outside goes through here first: ``decimal(_:)`` accepts only a finite number written the way JSON writes
/// one, and ``integer(_:rounding:)`` converts only a value that fits.
package enum OutsideNumber {
    /// The longest text ``decimal(_:)`` reads. A real number (an epoch, a lifetime, a delay) is a few dozen
    /// characters at most; a longer one is refused before any work is done on it.
    package static let maximumLength = 64

    /// `text` as a finite `Double`, when it is written as JSON writes a number: an optional `-`, digits, an optional
    /// `.` and digits, an optional exponent (`e`, optional sign, digits). No surrounding whitespace, no `+` in
    /// front, no `inf`, `nan`, hexadecimal or `_`; a value too large for a `Double` (`1e400`) is `nil` too.
    package static func decimal(_ text: some StringProtocol) -> Double? {
        let bytes = Array(text.utf8)
        guard bytes.count <= maximumLength, isDecimal(bytes) else { return nil }
        guard let value = Double(String(decoding: bytes, as: UTF8.self)), value.isFinite else { return nil }
        return value
    }

    /// `value` rounded by `rule` as an integer of type `T`, or `nil` when it is not finite or does not fit in `T`.
    package static func integer<T: FixedWidthInteger>(
        _ value: Double,
        rounding rule: FloatingPointRoundingRule = .towardZero,
        as type: T.Type = T.self
    ) -> T? {
        // `init(exactly:)` is `nil` for NaN, ±∞ and anything outside `T`'s range; after rounding nothing else fails.
        T(exactly: value.rounded(rule))
    }

    /// Whether `bytes` follow the JSON number grammar (leading zeros allowed: `"007"` is seven).
    private static func isDecimal(_ bytes: [UInt8]) -> Bool {
        var index = 0
        func digits() -> Int {
            let start = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            return index - start
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard digits() > 0 else { return false }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return false }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard digits() > 0 else { return false }
        }
        return index == bytes.count
    }
}
