// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation

@testable import AuthProfileCLI
@testable import AuthProfiles
@testable import AuthProfilesRuntime
@testable import AzureIdentity

extension FuzzTarget {
    /// JWT claims as the package reads them without verifying a signature: the principal of an access token
    /// (`TokenPrincipal`, printed by `explain --live` in text and JSON), a token file (`TokenFileInspection`) and
    /// the account of an id token (`AuthenticationRecord`).
    ///
    /// Input: a payload. It is read twice: as the whole token text (`header.payload.signature`, as a server or a
    /// file has it) and as the JSON claims of a token built around it, so that mutations reach the claims without
    /// going through base64url.
    static let jwtClaims = FuzzTarget(
        name: "jwt-claims",
        summary: "JWT text and JSON claims (exp, tid, oid, aud, …) to TokenPrincipal, TokenFileInspection and "
            + "AuthenticationRecord"
    ) { input in
        let text = String(decoding: input.bytes, as: UTF8.self)
        let wrapped = JWTFixtures.header + "." + JWTFixtures.base64URL(input.bytes) + ".c2ln"
        for (token, form) in [(text, "text"), (wrapped, "claims")] {
            try JWTFixtures.readEverywhere(token, bytes: Array(token.utf8), context: "jwt-claims \(form)")
        }
    }
}

enum JWTFixtures {
    /// `{"alg":"RS256","typ":"JWT"}`.
    static let header = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9"

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func readEverywhere(_ token: String, bytes: [UInt8], context: String) throws {
        if let principal = TokenPrincipal(token: Secret(token)) {
            if let expiry = principal.expiresOn?.timeIntervalSince1970, !expiry.isFinite {
                throw HarnessViolation("\(context): an exp claim became \(expiry) (item 3)")
            }
            // What `explain --live` prints (text and JSON): must not trap, whatever the claims.
            _ = LiveTraceRenderer.describe(principal)
            let attempt = LinkAttempt(
                path: "fuzz/credential",
                kind: "managedIdentity",
                location: nil,
                depth: 0,
                outcome: .authenticated,
                reason: nil,
                latency: .milliseconds(12),
                requests: 1,
                principal: principal
            )
            _ = LiveTraceRenderer.text([attempt])
            _ = LiveTraceRenderer.json([attempt]).rendered()
        }
        _ = InternalDecoders.accountRecord(idToken: token)
        let result = try inspectFile(bytes)
        for evidence in result.evidence {
            _ = evidence.subject.utf8.count + evidence.detail.utf8.count
        }
    }

    /// `TokenFileInspection` reads a file: write the bytes to a fresh one (parallel callers never share it).
    static func inspectFile(_ bytes: [UInt8]) throws -> InspectionResult {
        try ManagedIdentityFixtures.prepareFiles()
        let path = ManagedIdentityFixtures.directory + "/token-\(UUID().uuidString).jwt"
        // Plain POSIX calls: Foundation's Data.write syncs the file to disk, which cut the rate to ~100 inputs/s.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw HarnessViolation("jwt-claims: could not create \(path): errno \(errno)") }
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        defer { unlink(path) }
        guard written == bytes.count else { throw HarnessViolation("jwt-claims: could not write \(path)") }
        let context = InspectionContext(environment: [:], now: FakeClock.start, workingDirectory: "/")
        return TokenFileInspection.inspect(path: path, context: context)
    }
}
