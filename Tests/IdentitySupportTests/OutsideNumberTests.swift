// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import IdentitySupport
import Testing

@Suite struct OutsideNumberTests {
    @Test(arguments: [
        ("0", 0.0), ("-3600", -3600), ("3599", 3599), ("1.5", 1.5), ("1e3", 1000), ("2E-1", 0.2), ("-0", 0),
        ("007", 7), ("1700000000", 1_700_000_000), ("1e300", 1e300),
    ])
    func readsJSONNumbers(text: String, value: Double) {
        #expect(OutsideNumber.decimal(text) == value)
    }

    /// `Double(_:)` reads every one of these; none is a number a server or tool writes.
    @Test(arguments: [
        "inf", "-inf", "infinity", "nan", "NaN", "0x10", "0x1p9", "+1", " 1", "1 ", "1_000", ".5", "5.", "1e", "e5",
        "1e400", "-1e400", "", "-", "1.2.3", "١٢", String(repeating: "9", count: 65),
    ])
    func refusesEverythingElse(text: String) {
        #expect(OutsideNumber.decimal(text) == nil)
    }

    @Test func convertsOnlyWhatFits() {
        #expect(OutsideNumber.integer(1e19, as: Int64.self) == nil)
        #expect(OutsideNumber.integer(9.3e18, as: Int64.self) == nil)
        #expect(OutsideNumber.integer(9_223_372_036_854_775_807.0, as: Int64.self) == nil)  // rounds to 2^63
        #expect(OutsideNumber.integer(-9_223_372_036_854_775_808.0, as: Int64.self) == Int64.min)
        #expect(OutsideNumber.integer(.nan, as: Int.self) == nil)
        #expect(OutsideNumber.integer(.infinity, as: Int.self) == nil)
        #expect(OutsideNumber.integer(-.infinity, as: Int.self) == nil)
        #expect(OutsideNumber.integer(-1, as: UInt64.self) == nil)
        #expect(OutsideNumber.integer(1.9, as: Int.self) == 1)
        #expect(OutsideNumber.integer(-1.5, rounding: .down, as: Int.self) == -2)
        #expect(OutsideNumber.integer(70_000, as: UInt16.self) == nil)
    }
}

@Suite struct OutsideTextShorteningTests {
    @Test func escapesThenShortens() {
        #expect(OutsideText.escaped("short", limit: 10) == "short")
        #expect(OutsideText.escaped("0123456789", limit: 10) == "0123456789")
        #expect(OutsideText.escaped("0123456789a", limit: 10) == "0123456789…")
        #expect(OutsideText.escaped("a\u{1B}[2J", limit: 40) == "a\\u{1B}[2J")
        #expect(OutsideText.escaped("\u{1B}\u{1B}\u{1B}", limit: 8) == "\\u{1B}\\u…")
        #expect(OutsideText.escaped(String(repeating: "x", count: 1_000_000), limit: 3) == "xxx…")
    }
}
