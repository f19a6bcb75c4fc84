// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

@testable import AzureIdentity

/// The one JWT claim decoder (issue 9 item 3).
@Suite struct JWTClaimsTests {
    static func jwt(_ payload: String, header: String = #"{"alg":"RS256","typ":"JWT"}"#) -> String {
        Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(payload.utf8)) + ".c2ln"
    }

    @Test func readsStringsListsAndDates() throws {
        let claims = try JWTClaims(
            compact: Self.jwt(
                #"{"tid":"t","aud":["a","b",3],"exp":1700000000.75,"nbf":true,"iat":"1700000000","upn":null}"#))
        #expect(claims.string("tid") == "t")
        #expect(claims.strings("aud") == ["a", "b"])
        #expect(claims.strings("tid") == ["t"])
        #expect(claims.strings("upn") == nil)
        #expect(claims.numericDate("exp") == .date(UnixTime(seconds: 1_700_000_000)!))
        #expect(claims.numericDate("nbf") == .invalid(shown: "true"))
        #expect(claims.numericDate("iat") == .invalid(shown: "'1700000000'"))
        #expect(claims.numericDate("missing") == .absent)
        #expect(claims.numericDate("upn") == .absent)
    }

    /// `exp` values that used to overflow an `Int` conversion (issue 9 item 3) are invalid, not a crash.
    @Test(arguments: ["9300000000000000000", "1e19", "1e300", "-1", "253402300800", "18446744073709551616"])
    func hugeOrNegativeDatesAreInvalid(exp: String) throws {
        let claims = try JWTClaims(compact: Self.jwt(#"{"exp":\#(exp)}"#))
        guard case .invalid = claims.numericDate("exp") else {
            Issue.record("exp \(exp) was accepted")
            return
        }
    }

    @Test func refusesWhatIsNotAJWT() {
        let payload = Base64URL.encode(Array(#"{"a":1}"#.utf8))
        let header = Base64URL.encode(Array(#"{"alg":"none"}"#.utf8))
        for text in [
            "", "a.b", "\(header).\(payload)", "\(header).\(payload).", "\(header).\(payload).x.y",
            "\(header).\(payload).sig+/", "\(header) .\(payload).sig", ".\(payload).sig",
        ] {
            #expect(throws: JWTClaims.Problem.notThreeParts, "\(text)") { try JWTClaims(compact: text) }
        }
        let array = Base64URL.encode(Array("[1]".utf8))
        let empty = Base64URL.encode(Array("{}".utf8))
        let notJSON = Base64URL.encode(Array("nope".utf8))
        for text in ["\(header).\(array).sig", "\(empty).\(payload).sig", "\(header).\(notJSON).sig"] {
            #expect(throws: JWTClaims.Problem.notJSONObjects, "\(text)") { try JWTClaims(compact: text) }
        }
    }

    @Test func base64URLIsStrict() {
        #expect(Base64URL.decode("YQ") == [0x61])
        #expect(Base64URL.decode("YQ==") == [0x61])
        #expect(Base64URL.decode("-_8") == [0xFB, 0xFF])
        for text in ["Y", "YQ===", "Y=Q", "+/8", "YQ ", "Y\nQ", "é"] {
            #expect(Base64URL.decode(text) == nil, "\(text)")
        }
    }
}
