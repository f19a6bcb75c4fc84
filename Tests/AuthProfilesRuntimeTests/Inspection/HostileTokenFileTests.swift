// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfilesRuntime
import AzureIdentity
import Foundation
import Testing

/// Token files whose claims no issuer writes (issue 9 items 3 and 19): the dry run says what is wrong, in a line
/// that cannot act on the terminal, and never traps converting `exp`.
@Suite struct HostileTokenFileTests {
    let directory = try! TemporaryDirectory()
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(arguments: [
        ("9300000000000000000", "9.3e+18"), ("1e300", "1e+300"), ("-1", "-1"),
        ("253402300800", "253402300800"), (#""soon""#, "'soon'"), ("true", "true"), ("[1]", "(an array)"),
    ])
    func anExpThatIsNotADateIsMisconfigured(exp: String, shown: String) throws {
        let payload = #"{"iss":"https://oidc.example","exp":\#(exp)}"#
        let token = TestJWT.segment(["alg": "RS256"]) + "." + Base64URL.encode(Array(payload.utf8)) + ".c2ln"
        try directory.write("token", token)
        let result = TokenFileInspection.inspect(path: "token", context: directory.context(now: now))
        #expect(result.verdict == .misconfigured)
        #expect(
            result.detail("token file token")
                == "has an exp claim of \(shown), which is not a date between 1970 and 9999", "\(exp)")
        #expect(result.detail("token file issuer") == "https://oidc.example")
    }

    @Test func claimsAreEscapedBeforeTheyAreShown() throws {
        try directory.write(
            "token",
            TestJWT.make([
                "iss": "https://oidc.example\u{1B}[2J", "sub": "a\r\nb", "aud": ["x\u{7}", "y"], "exp": 1_800_003_600,
            ]))
        let result = TokenFileInspection.inspect(path: "token", context: directory.context(now: now))
        #expect(result.verdict == .ready)
        #expect(result.detail("token file issuer") == #"https://oidc.example\u{1B}[2J"#)
        #expect(result.detail("token file subject") == #"a\r\nb"#)
        #expect(result.detail("token file audience") == #"x\u{7}, y"#)
    }

    @Test func theLastDateIsAccepted() throws {
        try directory.write("token", TestJWT.make(["exp": 253_402_300_799]))
        let result = TokenFileInspection.inspect(path: "token", context: directory.context(now: now))
        #expect(result.verdict == .ready)
        #expect(result.detail("token file token")?.hasPrefix("a JWT, expires at 9999-12-31T23:59:59") == true)
    }
}
