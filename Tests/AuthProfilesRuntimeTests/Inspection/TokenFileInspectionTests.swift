// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfilesRuntime
import Foundation
import Testing

@Suite struct TokenFileInspectionTests {
    let directory = try! TemporaryDirectory()
    let now = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15T08:00:00Z
    let claims: [String: Any] = [
        "iss": "https://oidc.example/issuer", "sub": "system:serviceaccount:ns:app",
        "aud": ["api://AzureADTokenExchange"], "exp": 1_800_003_600,
    ]

    @Test func validTokenIsReadyAndReportsItsClaims() throws {
        try directory.write("token", TestJWT.make(claims) + "\n")
        let result = TokenFileInspection.inspect(path: "token", context: directory.context(now: now))
        #expect(result.verdict == .ready)
        #expect(result.detail("token file token") == "a JWT, expires at 2027-01-15T09:00:00Z")
        #expect(result.detail("token file issuer") == "https://oidc.example/issuer")
        #expect(result.detail("token file subject") == "system:serviceaccount:ns:app")
        #expect(result.detail("token file audience") == "api://AzureADTokenExchange")
        #expect(result.hint == nil)
    }

    @Test func expiredTokenIsMisconfigured() throws {
        var expired = claims
        expired["exp"] = 1_799_996_400
        try directory.write("token", TestJWT.make(expired))
        let result = TokenFileInspection.inspect(
            path: "token",
            context: directory.context(now: now),
            what: "client assertion file"
        )
        #expect(result.verdict == .misconfigured)
        #expect(
            result.detail("client assertion file token")
                == "expired at 2027-01-15T07:00:00Z; the issuer (e.g. the kubelet) should have refreshed it"
        )
        #expect(result.detail("client assertion file issuer") == "https://oidc.example/issuer")
        #expect(result.hint == "Check that whatever writes token still refreshes it.")
    }

    @Test func tokenWithoutExpiryIsMisconfigured() throws {
        var noExpiry = claims
        noExpiry["exp"] = nil
        try directory.write("token", TestJWT.make(noExpiry))
        let result = TokenFileInspection.inspect(path: "token", context: directory.context(now: now))
        #expect(result.verdict == .misconfigured)
        #expect(result.detail("token file token") == "has no exp claim")
    }

    @Test(arguments: [
        ("not a token at all", "is not a JWT (expected three base64url parts: header.payload.signature)"),
        ("a.b", "is not a JWT (expected three base64url parts: header.payload.signature)"),
        ("bm90anNvbg.bm90anNvbg.c2ln", "is not a JWT (its header or payload is not a JSON object)"),
    ])
    func malformedContentIsMisconfigured(content: String, detail: String) throws {
        try directory.write("token", content)
        let result = TokenFileInspection.inspect(path: "token", context: directory.context(now: now))
        #expect(result.verdict == .misconfigured)
        #expect(result.detail("token file token") == detail)
        #expect(result.hint != nil)
    }

    @Test func emptyFileIsUnavailableAsTheRunTreatsIt() throws {
        // WorkloadIdentityCredential reports an empty token file as unavailable; the dry run agrees.
        try directory.write("token", "  \n")
        let result = TokenFileInspection.inspect(path: "token", context: directory.context(now: now))
        #expect(result.verdict == .unavailable)
        #expect(result.detail("token file token") == "is empty")
        #expect(result.hint == "Check what writes token; it should hold a JWT.")
    }

    @Test func missingFileIsUnavailable() {
        let result = TokenFileInspection.inspect(path: "/nonexistent/token", context: directory.context(now: now))
        #expect(result.verdict == .unavailable)
        #expect(result.detail("token file /nonexistent/token") == "does not exist")
        #expect(result.hint == "Check that the token file is mounted at /nonexistent/token, or fix the path.")
    }
}
