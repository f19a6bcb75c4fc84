// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import IdentitySupport
import Testing

@Suite struct OutsideTextTests {
    @Test func plainTextIsKept() {
        #expect(
            OutsideText.escapingControlCharacters("AADSTS7000215: Invalid client secret — café")
                == "AADSTS7000215: Invalid client secret — café")
    }

    @Test func terminalControlIsEscaped() {
        #expect(OutsideText.escapingControlCharacters("invalid_request\u{1B}[2J") == "invalid_request\\u{1B}[2J")
        #expect(OutsideText.escapingControlCharacters("a\r\nb\tc\u{7F}\u{9B}") == "a\\r\\nb\\tc\\u{7F}\\u{9B}")
    }

    @Test func bidirectionalOverridesAreEscaped() {
        #expect(OutsideText.escapingControlCharacters("ok\u{202E}dab") == "ok\\u{202E}dab")
    }
}
