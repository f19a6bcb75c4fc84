// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Testing

@testable import AuthProfiles

/// The pieces that keep `validate` from printing secrets (issue 9 item 10); the end-to-end planted-secret runs
/// are in AuthProfileCLITests/ValidateSecretLeakTests.
@Suite struct RedactionTests {
    @Test(arguments: [
        "Xq48Q~Zr0e.m1NVp_8uDwq-KtJ3~yLs5cR2aBnGh",  // Entra client secret
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln",  // JWT
        "https://admin:p4ss@login.contoso.example",  // URL with a password
        "DefaultEndpointsProtocol=https;AccountName=x;AccountKey=abc",  // connection string
        "https://x.blob.core.windows.net/c?sv=2024&sig=abcdef",  // SAS
        "kT3vQ9zL1pX7wR2nB5mC8yH4dF6gJ0sA",  // random base64
        "3f2a9c0d4e5b6a7f8e9d0c1b2a3f4e5d6c7b8a9f",  // long hex
        "-----BEGIN",
    ])
    func credentialShapes(_ token: String) {
        #expect(CredentialShape.looksLikeCredential(token))
    }

    @Test(arguments: [
        "2d1a8c9e-0000-4000-8000-000000000001", "contoso.onmicrosoft.com", "https://login.microsoftonline.com",
        "profiles.Prod2Service.credential.clientId", "workloadIdentity.clientId.profiles.svc-00012",
        "ThisIsAVeryLongPascalCaseIdentifierName2024", "AZURE_CLIENT_SECRET_PROD_2", "/etc/authprofile/certs/app.pem",
        "/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg/providers/x", "managedIdentity",
        "~/certs/app.pem", "https://storage.azure.com/.default", String(repeating: "d", count: 64),
    ])
    func ordinaryValues(_ token: String) {
        #expect(!CredentialShape.looksLikeCredential(token))
    }

    @Test func secretKeysInAnySpelling() {
        for key in [
            "clientSecret", "ClientSecret", "client_secret", "CLIENT-SECRET", "password", "certificatePassword",
            "userAssertion", "systemAccessToken", "apiKey", "pwd", "token", "connectionString",
        ] {
            #expect(CredentialShape.isSecretKey(key), "\(key)")
        }
        for key in ["clientId", "tokenFile", "key", "tenant", "credential", "path"] {
            #expect(!CredentialShape.isSecretKey(key), "\(key)")
        }
    }

    @Test func redactingKeepsTheRestOfTheText() {
        let text = "value 'Xq48Q~Zr0e.m1NVp_8uDwq-KtJ3~yLs5cR2aBnGh' is not a client id; café"
        #expect(CredentialShape.redacting(text) == "value '[redacted]' is not a client id; café")
        #expect(CredentialShape.redacting("nothing to hide") == "nothing to hide")
    }

    @Test func shownValuesAreEscapedBoundedAndRedacted() {
        #expect(ShownValue.quoted("prodution") == "'prodution'")
        #expect(ShownValue.quoted("a\u{1B}[2Jb") == "'a\\u{1B}[2Jb'")
        #expect(
            ShownValue.quoted(String(repeating: "x", count: 1000)) == "'" + String(repeating: "x", count: 64) + "...'")
        #expect(ShownValue.quoted("Xq48Q~Zr0e.m1NVp_8uDwq-KtJ3~yLs5cR2aBnGh") == "'[redacted]'")
        // A secret cut by the length bound is redacted before the cut, so no half of it shows.
        let long = String(repeating: "a ", count: 25) + "Xq48Q~Zr0e.m1NVp_8uDwq-KtJ3~yLs5cR2aBnGh"
        #expect(!ShownValue.quoted(long).contains("Xq48"))
    }

    @Test func diagnosticsAreSanitized() {
        var diagnostic = Diagnostic(
            .invalidClientID, "'x\u{1B}]8;;' is not eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln",
            at: SourceLocation(file: "f", line: 1, column: 1), hint: "p4ss=\u{7}")
        diagnostic = diagnostic.sanitized
        #expect(diagnostic.message == "'x\\u{1B}]8;;' is not [redacted]")
        #expect(diagnostic.hint == "p4ss=\\u{7}")
    }

    @Test func sourceLinesMaskSecretPlacesAndKeepColumns() throws {
        let text =
            "version: 1\nprofiles:\n  app:\n    credential: { type: clientSecret, clientId: nope, "
            + "clientSecret: { env: S3CR3T~VALUE.X } }\n"
        let result = validate(text)
        let line = try #require(result.source.displayedLine(4))
        #expect(
            line.text == "    credential: { type: clientSecret, clientId: nope, clientSecret: { env: [redacted] } }")
        // The AP301 caret still points at `nope`; the AP209 caret at the marker.
        #expect(line.column(for: 50) == 50)
        let env = try #require(result.diagnostics.first { $0.code == .invalidEnvironmentName })
        #expect(line.isMasked(at: env.location.column))
        #expect(line.text.unicodeScalars.map { $0 }[line.column(for: env.location.column) - 1] == "[")
    }

    @Test func aMaskCoversTheWholeValueAndNoMore() throws {
        // A plain scalar may end in ',' in block context: that comma is the secret's, not a separator.
        let block = validate(
            "version: 1\nprofiles:\n  app:\n    credential:\n      type: clientSecret\n"
                + "      clientId: 2d1a8c9e-0000-4000-8000-000000000001\n      clientSecret: hunter2,\n")
        #expect(block.diagnostics.map(\.code) == [.inlineSecret])
        #expect(block.source.displayedLine(7)?.text == "      clientSecret: [redacted]")
        // In a flow mapping the mask stops at the value: the next key stays readable.
        let flow = validate(
            "version: 1\nprofiles:\n  app: { credential: { type: clientSecret, clientSecret: "
                + "'hunter2', clientId: nope } }\n")
        #expect(
            flow.source.displayedLine(3)?.text
                == "  app: { credential: { type: clientSecret, clientSecret: [redacted], clientId: nope } }")
    }

    @Test func unknownKeysShowTheirValueUnlessTheyNameASecret() throws {
        let text =
            "version: 1\nprofiles:\n  app:\n    credential:\n      type: clientSecret\n"
            + "      clientID: 2d1a8c9e-0000-4000-8000-000000000001\n      ClientSecret: hunter2\n"
        let result = validate(text)
        #expect(result.source.displayedLine(6)?.text == "      clientID: 2d1a8c9e-0000-4000-8000-000000000001")
        #expect(result.source.displayedLine(7)?.text == "      ClientSecret: [redacted]")
    }

    @Test func withoutADecodedDocumentSecretKeysAreMaskedByName() throws {
        let result = validate("version: 1\nprofiles:\n  app:\n    credential:\n      clientSecret: hunter2: x\n")
        #expect(result.diagnostics.map(\.code) == [.syntaxError])
        #expect(result.source.displayedLine(5)?.text == "      clientSecret: [redacted]")
    }

    @Test func controlCharactersInASourceLineAreEscaped() throws {
        let result = validate("version: 1\nprofiles:\n  app: { description: \"\u{85}\u{202E}\", credential: 3 }\n")
        let line = try #require(result.source.displayedLine(3))
        #expect(!line.text.unicodeScalars.contains { $0 == "\u{85}" || $0 == "\u{202E}" })
        #expect(line.text.contains("\\u{202E}"))
    }
}
