// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation

/// Reads how long a server asks the client to wait before retrying, from the three headers Azure services send:
/// `retry-after-ms` and `x-ms-retry-after-ms` (milliseconds), then `Retry-After` (seconds or an HTTP date).
///
/// The headers come from whatever answered, so nothing here trusts them. A value is either a plain non-negative
/// decimal number (`7`, `1500`, `2.5`: digits with an optional fraction, surrounded by optional spaces or tabs)
/// or, for `Retry-After` only, an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`, RFC 9110 §5.6.7). Signs,
/// exponents (`1e20`), `inf`, `nan`, hexadecimal and everything else are rejected, and a rejected header is
/// ignored as if it were absent (the next header, else the policy's own back-off, applies). An accepted value
/// larger than ``ceiling`` is clamped to it; a date in the past means no wait. So the result is always a finite
/// duration in `0...ceiling`, and no input can trap or produce a negative or "immediate" wait from garbage.
enum RetryAfter {
    /// The largest delay this parser returns: one day. Far above any retry policy's cap, so a clamped value is
    /// still "too long to wait" and the policy gives up instead of waiting.
    static let ceiling: Duration = .seconds(86_400)
    private static let ceilingNanoseconds: Int64 = 86_400 * 1_000_000_000

    /// The server-requested delay, or `nil` when no header holds a usable value.
    ///
    /// - Parameters:
    ///   - retryAfterMilliseconds: The `retry-after-ms` header's value, if present.
    ///   - msRetryAfterMilliseconds: The `x-ms-retry-after-ms` header's value, if present.
    ///   - retryAfter: The `Retry-After` header's value, if present.
    ///   - now: The current time, against which an HTTP date is measured.
    static func delay(
        retryAfterMilliseconds: String?,
        msRetryAfterMilliseconds: String?,
        retryAfter: String?,
        now: Date
    ) -> Duration? {
        for value in [retryAfterMilliseconds, msRetryAfterMilliseconds] {
            if let value, let delay = decimal(value, nanosecondsPerUnit: 1_000_000) { return delay }
        }
        guard let retryAfter else { return nil }
        return decimal(retryAfter, nanosecondsPerUnit: 1_000_000_000) ?? httpDate(retryAfter, now: now)
    }

    /// The server-requested delay in a response's headers (their first values, names compared case-insensitively).
    static func delay(in response: TransportResponse, now: Date) -> Duration? {
        delay(
            retryAfterMilliseconds: response.header("retry-after-ms"),
            msRetryAfterMilliseconds: response.header("x-ms-retry-after-ms"),
            retryAfter: response.header("retry-after"),
            now: now
        )
    }

    /// `digits[.digits]` in a unit of `nanosecondsPerUnit` (a power of ten, at most 10⁹), clamped to the ceiling.
    static func decimal(_ text: String, nanosecondsPerUnit: Int64) -> Duration? {
        let bytes = trimmed(text)
        guard let first = bytes.first, isDigit(first) else { return nil }
        var index = bytes.startIndex
        var whole: Int64 = 0
        var saturated = false
        while index < bytes.endIndex, isDigit(bytes[index]) {
            if !saturated {
                whole = whole * 10 + Int64(bytes[index] - UInt8(ascii: "0"))
                // Stop accumulating once past the ceiling: no overflow however many digits follow.
                saturated = whole > ceilingNanoseconds / nanosecondsPerUnit
            }
            index += 1
        }
        var fraction: Int64 = 0
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.endIndex, isDigit(bytes[index]) else { return nil }
            var scale = nanosecondsPerUnit
            while index < bytes.endIndex, isDigit(bytes[index]) {
                scale /= 10
                fraction += Int64(bytes[index] - UInt8(ascii: "0")) * scale
                index += 1
            }
        }
        guard index == bytes.endIndex else { return nil }
        if saturated { return ceiling }
        return .nanoseconds(min(whole * nanosecondsPerUnit + fraction, ceilingNanoseconds))
    }

    /// An IMF-fixdate, measured from `now`: past dates give zero, far future dates the ceiling.
    static func httpDate(_ text: String, now: Date) -> Duration? {
        guard let epochSeconds = imfFixdate(trimmed(text)) else { return nil }
        let seconds = Double(epochSeconds) - now.timeIntervalSince1970
        guard seconds.isFinite else { return nil }
        let clamped = min(max(seconds, 0), Double(ceilingNanoseconds / 1_000_000_000))
        return .milliseconds(Int64((clamped * 1000).rounded()))
    }

    private static let dayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    private static let monthNames = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]

    /// Seconds since 1970 of `Sun, 06 Nov 1994 08:49:37 GMT` (exactly that shape), or `nil`.
    private static func imfFixdate(_ bytes: ArraySlice<UInt8>) -> Int64? {
        let text = Array(bytes)
        guard text.count == 29 else { return nil }
        func string(_ range: Range<Int>) -> String { String(decoding: text[range], as: UTF8.self) }
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for byte in text[range] {
                guard isDigit(byte) else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard dayNames.contains(string(0..<3)), string(3..<5) == ", ", text[7] == UInt8(ascii: " "),
            text[11] == UInt8(ascii: " "), text[16] == UInt8(ascii: " "), text[19] == UInt8(ascii: ":"),
            text[22] == UInt8(ascii: ":"), string(25..<29) == " GMT",
            let day = number(5..<7), let monthIndex = monthNames.firstIndex(of: string(8..<11)),
            let year = number(12..<16), let hour = number(17..<19), let minute = number(20..<22),
            let second = number(23..<25)
        else { return nil }
        let month = Int64(monthIndex + 1)
        guard day >= 1, day <= daysInMonth(month, year: year), hour <= 23, minute <= 59, second <= 60 else {
            return nil
        }
        return daysSinceEpoch(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
    }

    private static func daysInMonth(_ month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`); year is 0...9999.
    private static func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The value without surrounding optional whitespace (spaces and tabs), as UTF-8.
    private static func trimmed(_ text: String) -> ArraySlice<UInt8> {
        var bytes = ArraySlice(text.utf8)
        while let first = bytes.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") {
            bytes = bytes.dropFirst()
        }
        while let last = bytes.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") {
            bytes = bytes.dropLast()
        }
        return bytes
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
