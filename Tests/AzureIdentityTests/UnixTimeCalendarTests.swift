// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import Foundation
import Testing

/// `UnixTime`'s calendar arithmetic (no Calendar or TimeZone object: those load ICU on `token`'s fast path) agrees
/// with Foundation's Gregorian calendar over the whole range it accepts.
@Suite struct UnixTimeCalendarTests {
    /// What Foundation's calendar says, as `("YYYY-MM-DD", "HH:MM:SS")`.
    static func foundation(_ time: UnixTime, offset: Int) -> (String, String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: offset)!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: time.date)
        func padded(_ value: Int?, _ width: Int = 2) -> String {
            let digits = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return (
            "\(padded(parts.year, 4))-\(padded(parts.month))-\(padded(parts.day))",
            "\(padded(parts.hour)):\(padded(parts.minute)):\(padded(parts.second))"
        )
    }

    @Test func agreesWithFoundationsCalendar() throws {
        var samples: [Int64] = [0, 59, 86_399, 86_400, 951_782_400, 951_868_800, 1_798_761_599, UnixTime.latestSeconds]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 { samples.append(Int64.random(in: 0...UnixTime.latestSeconds, using: &generator)) }
        for seconds in samples {
            let time = try #require(UnixTime(seconds: seconds))
            let (date, clock) = time.dateAndTime(offsetFromUTC: 0)
            let expected = Self.foundation(time, offset: 0)
            #expect(date == expected.0 && clock == expected.1, "\(seconds)")
            #expect(time.description == "\(expected.0)T\(expected.1)Z")
            // Zones east and west, away from the ends of the range (which are clamped).
            if seconds > 86_400 && seconds < UnixTime.latestSeconds - 86_400 {
                for offset in [-36_000, 19_800, 50_400] {
                    let shifted = time.dateAndTime(offsetFromUTC: Int64(offset))
                    let inZone = Self.foundation(time, offset: offset)
                    #expect(shifted.date == inZone.0 && shifted.time == inZone.1, "\(seconds) at \(offset)")
                }
            }
        }
    }
}
