// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentityTesting
import Foundation
import NIOCore
import Testing

@testable import AzureIdentity

/// What the numbers audit of issue 9 found beyond the reported crashes: options and clocks converted unchecked.
@Suite struct CheckedConversionTests {
    /// A timeout of more than 292 years overflowed the transport's own `seconds * 1_000_000_000`; it now uses
    /// NIO's conversion, which clamps.
    @Test func transportTimeoutsSaturate() {
        #expect(TimeAmount(.seconds(Int64.max)) == .nanoseconds(.max))
        #expect(TimeAmount(.seconds(3_600_000_000_000)) == .nanoseconds(.max))
        #expect(TimeAmount(.milliseconds(1500)) == .nanoseconds(1_500_000_000))
    }

    /// `ClientAssertionSigner(lifetime: .infinity)` trapped in `Int(lifetime)`; a clock past 9999 in `Int(now)`.
    @Test func assertionDatesAreChecked() throws {
        let certificate = try TestCertificateAuthority().issueClientCertificate(commonName: "numbers")
        let client = try ClientCertificate(pem: certificate.combinedPEM)
        for (lifetime, now) in [
            (TimeInterval.infinity, Date()), (.nan, Date()), (0, Date()), (-600, Date()), (1e300, Date()),
            (600, Date(timeIntervalSince1970: 1e19)), (600, Date(timeIntervalSince1970: .nan)),
            (600, Date(timeIntervalSince1970: -1)),
        ] {
            let signer = ClientAssertionSigner(certificate: client, lifetime: lifetime)
            let error = #expect(throws: AzureIdentityError.self, "\(lifetime) \(now)") {
                try signer.makeAssertion(clientID: "c", audience: "https://127.0.0.1/t", now: now)
            }
            #expect(error?.code == .invalidConfiguration)
        }
        let assertion = try ClientAssertionSigner(certificate: client, lifetime: 600)
            .makeAssertion(clientID: "c", audience: "a", now: Date(timeIntervalSince1970: 1_800_000_000))
        let claims = try JWTClaims(compact: assertion.revealedValue())
        #expect(claims.numericDate("exp").time?.seconds == 1_800_000_600)
        #expect(claims.numericDate("nbf").time?.seconds == 1_800_000_000)
    }

    /// An error body whose optional fields have the wrong type keeps its `error` instead of becoming "unknown".
    @Test func entraErrorsWithOddOptionalFieldsAreKept() throws {
        let body = #"{"error":"invalid_client","error_codes":[1e20],"timestamp":5,"trace_id":["x"]}"#
        let error = try JSONDecoder().decode(EntraErrorResponse.self, from: Data(body.utf8))
        #expect(error.error == "invalid_client")
        #expect(error.errorCodes.isEmpty && error.timestamp == nil && error.traceID == nil)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(EntraErrorResponse.self, from: Data(#"{"error":5}"#.utf8))
        }
    }
}

@Suite struct DateDescriptionTests {
    /// `"\(date)"` traps for a NaN date; a token made by other code may hold one.
    @Test func accessTokensDescribeAnyDate() {
        for seconds in [Double.nan, .infinity, -.infinity, 1e19, -1] {
            let token = AccessToken(
                token: Secret("t"), expiresOn: Date(timeIntervalSince1970: seconds),
                refreshOn: Date(timeIntervalSince1970: seconds))
            #expect(token.description.contains("expiresOn: (not a date between 1970 and 9999)"), "\(seconds)")
        }
        let token = AccessToken(
            token: Secret("t"), expiresOn: Date(timeIntervalSince1970: 1_800_000_000),
            tokenType: "Bearer\r\n")
        #expect(token.description == #"AccessToken(Bearer\r\n, token: <redacted>, expiresOn: 2027-01-15T08:00:00Z)"#)
    }
}
