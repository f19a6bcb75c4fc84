// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

@testable import AzureIdentity

/// The one definition of a token lifetime from outside (issue 9 items 2 and 17).
@Suite struct TokenLifetimeTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func acceptsRealLifetimes() throws {
        #expect(
            try TokenLifetime.expiry(inSeconds: 3599, after: Self.now, field: "expires_in")
                == Self.now.addingTimeInterval(3599))
        #expect(
            try TokenLifetime.expiry(inSeconds: 0.5, after: Self.now, field: "expires_in")
                == Self.now.addingTimeInterval(0.5))
        #expect(
            try TokenLifetime.expiry(inSeconds: TokenLifetime.maximum, after: Self.now, field: "expires_in")
                == Self.now.addingTimeInterval(366 * 86_400))
        #expect(
            try TokenLifetime.expiry(atEpochSeconds: 1_800_086_400, now: Self.now, field: "expires_on")
                == Date(timeIntervalSince1970: 1_800_086_400))
    }

    @Test(arguments: [
        (Double.nan, TokenResponseError.Code.notANumber), (.infinity, .notANumber), (-.infinity, .notANumber),
        (1e300, .tooFar), (TokenLifetime.maximum + 1, .tooFar), (0, .expired), (-3600, .expired), (-0.0, .expired),
    ])
    func refusesWhatNoServiceSends(seconds: Double, code: TokenResponseError.Code) {
        #expect {
            try TokenLifetime.expiry(inSeconds: seconds, after: Self.now, field: "expires_in")
        } throws: { error in
            let error = error as? TokenResponseError
            return error?.code == code && error?.field == "expires_in"
                && error?.description.hasPrefix("expires_in ") == true
        }
    }

    @Test func refusesAbsoluteExpiriesInThePastOrTooFarAway() {
        for (epoch, code) in [
            (1_800_000_000.0, TokenResponseError.Code.expired), (1_700_000_000, .expired), (1e300, .tooFar),
            (.nan, .notANumber), (.infinity, .notANumber), (1_800_000_000 + 367 * 86_400, .tooFar),
        ] {
            #expect("\(epoch)") {
                try TokenLifetime.expiry(atEpochSeconds: epoch, now: Self.now, field: "expires_on")
            } throws: { error in
                (error as? TokenResponseError)?.code == code
            }
        }
    }

    @Test func readsNumbersAndNumericStringsOnly() throws {
        #expect(try TokenLifetime.seconds(.number(3599), field: "expires_in") == 3599)
        #expect(try TokenLifetime.seconds(.string(" 3599 "), field: "expires_in") == 3599)
        #expect(try TokenLifetime.seconds(nil, field: "expires_in") == nil)
        #expect(try TokenLifetime.seconds(.null, field: "expires_in") == nil)
        for value: OutsideJSON in [
            .string("inf"), .string("nan"), .string("1e400"), .string("0x10"), .bool(true),
            .array([]), .string(""),
        ] {
            #expect(throws: TokenResponseError.self) { try TokenLifetime.seconds(value, field: "expires_in") }
        }
    }

    @Test func messagesQuoteTheValueEscapedAndShort() {
        #expect {
            _ = try TokenLifetime.seconds(.string("1\u{1B}[2J" + String(repeating: "x", count: 200)), field: "f")
        } throws: { error in
            let text = "\(error)"
            return !text.contains("\u{1B}") && text.contains("\\u{1B}") && text.count < 120
        }
    }

    @Test func refreshHintsAfterTheExpiryAreDropped() {
        let expiry = Self.now.addingTimeInterval(3600)
        #expect(
            TokenLifetime.refresh(Self.now.addingTimeInterval(1800), before: expiry)
                == Self.now.addingTimeInterval(1800))
        #expect(TokenLifetime.refresh(expiry, before: expiry) == nil)
        #expect(TokenLifetime.refresh(nil, before: expiry) == nil)
    }
}

@Suite struct UnixTimeTests {
    @Test func convertsOnlyYears1970To9999() {
        #expect(UnixTime(1_700_000_000.9)?.seconds == 1_700_000_000)
        #expect(UnixTime(253_402_300_799)?.description == "9999-12-31T23:59:59Z")
        #expect(UnixTime(0)?.description == "1970-01-01T00:00:00Z")
        for bad in [253_402_300_800, -1, 9.3e18, 1e19, .nan, .infinity, -.infinity] {
            #expect(UnixTime(bad) == nil, "\(bad)")
        }
        #expect(UnixTime(Date(timeIntervalSince1970: 1e19)) == nil)
        #expect(UnixTime(Date.distantFuture)?.description == "4001-01-01T00:00:00Z")
        #expect(UnixTime(Date(timeIntervalSince1970: .nan)) == nil)
    }
}
