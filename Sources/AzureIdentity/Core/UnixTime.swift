// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

package import Foundation
import IdentitySupport

/// A moment as whole seconds since 1970-01-01T00:00:00Z, in the years 1970 to 9999.
///
/// What JWT `NumericDate` claims (`exp`, `nbf`, `iat`), `expires_on` fields and `authprofile token`'s output hold.
/// Every way in is checked — a value that is not finite, is before 1970 or after 9999 gives `nil` — so what comes
/// out converts onward (to `Int`, to a calendar date, to text) without a trap or a five-digit year.
package struct UnixTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// 9999-12-31T23:59:59Z, the last moment a four-digit year can show.
    package static let latestSeconds: Int64 = 253_402_300_799

    /// Whole seconds since the epoch, in `0...latestSeconds`.
    package let seconds: Int64

    /// `seconds`, when it is in `0...latestSeconds`.
    package init?(seconds: Int64) {
        guard (0...Self.latestSeconds).contains(seconds) else { return nil }
        self.seconds = seconds
    }

    /// `seconds` rounded down (a `NumericDate` may have a fraction), when it is finite and in range.
    package init?(_ seconds: Double) {
        guard let whole = OutsideNumber.integer(seconds, rounding: .down, as: Int64.self) else { return nil }
        self.init(seconds: whole)
    }

    /// `date` rounded down to a whole second, when it is in range.
    package init?(_ date: Date) {
        self.init(date.timeIntervalSince1970)
    }

    /// The moment as a `Date`.
    package var date: Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }

    /// RFC 3339 in UTC, whole seconds: `2026-12-07T02:18:04Z`.
    package var description: String {
        let (date, time) = dateAndTime(offsetFromUTC: 0)
        return "\(date)T\(time)Z"
    }

    /// `("YYYY-MM-DD", "HH:MM:SS")` of the moment in `timeZone`, Gregorian calendar.
    package func dateAndTime(in timeZone: TimeZone) -> (date: String, time: String) {
        dateAndTime(offsetFromUTC: Int64(timeZone.secondsFromGMT(for: date)))
    }

    /// `("YYYY-MM-DD", "HH:MM:SS")` of the moment `offset` seconds ahead of UTC (proleptic Gregorian calendar,
    /// days from the epoch converted as in Howard Hinnant's `civil_from_days`). Plain arithmetic: no calendar or
    /// time zone object, which would load ICU on the fast path of `token`. An offset that moves the moment outside
    /// the years 1970 to 9999 is clamped to them.
    package func dateAndTime(offsetFromUTC offset: Int64) -> (date: String, time: String) {
        let local = min(max(seconds + max(min(offset, 86_400), -86_400), 0), Self.latestSeconds)
        let days = local / 86_400
        let second = local % 86_400
        // civil_from_days, for days >= 0 (1970-01-01 and later).
        let shifted = days + 719_468
        let era = shifted / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func padded(_ value: Int64, _ width: Int = 2) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return (
            "\(padded(year, 4))-\(padded(month))-\(padded(day))",
            "\(padded(second / 3_600)):\(padded(second % 3_600 / 60)):\(padded(second % 60))"
        )
    }

    /// `date` for a person: RFC 3339 in UTC when it is a moment between 1970 and 9999, else a note saying it is not.
    ///
    /// Interpolating a `Date` is not safe for dates from outside: `"\(date)"` traps for NaN (FoundationEssentials),
    /// as `ISO8601DateFormatter.string(from:)` does.
    package static func shown(_ date: Date) -> String {
        UnixTime(date)?.description ?? "(not a date between 1970 and 9999)"
    }

    /// Earlier moments first.
    package static func < (lhs: Self, rhs: Self) -> Bool { lhs.seconds < rhs.seconds }
}
