// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

@testable import AzureIdentity

/// What `az`, `azd` and `pwsh` print is outside input too (issue 9 items 2, 17 and 19): their expiries go through the
/// one lifetime definition, and their standard error is escaped before it is put in a message.
@Suite struct HostileToolOutputTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let token = "eyJ0eXAiOiJKV1QifQ.eyJ0aWQiOiJ0In0.tool-signature-0123456789"
    static let utc = TimeZone(secondsFromGMT: 0) ?? .current

    static func refused(
        _ field: String, _ code: TokenResponseError.Code, sourceLocation: SourceLocation = #_sourceLocation,
        _ parse: () throws -> AccessToken
    ) {
        #expect(sourceLocation: sourceLocation) {
            try parse()
        } throws: { error in
            guard let error = error as? TokenResponseError else { return false }
            return error.field == field && error.code == code && !error.description.contains(token)
        }
    }

    @Test func azureCLIExpiriesAreChecked() throws {
        func az(_ fields: String) -> String { #"{"accessToken":"\#(Self.token)","tokenType":"Bearer",\#(fields)}"# }
        func parse(_ fields: String) throws -> AccessToken {
            try AzureCliCredential.parse(az(fields), timeZone: Self.utc, now: Self.now)
        }
        for value in ["1e300", #""1e300""#, #""inf""#, #""nan""#, "true"] {
            let code: TokenResponseError.Code = value == "1e300" || value == #""1e300""# ? .tooFar : .notANumber
            Self.refused("expires_on", code) { try parse(#""expires_on":\#(value)"#) }
        }
        Self.refused("expires_on", .expired) { try parse(#""expires_on":1700000000"#) }
        Self.refused("expires_on", .expired) { try parse(#""expires_on":-1"#) }
        Self.refused("expiresOn", .tooFar) { try parse(#""expiresOn":"9999-12-31 00:00:00.000000""#) }
        Self.refused("expiresOn", .expired) { try parse(#""expiresOn":"2001-01-01 00:00:00.000000""#) }
        Self.refused("expiresOn", .notANumber) { try parse(#""expiresOn":"tomorrow""#) }
        Self.refused("expires_on", .missingField) { try parse(#""subscription":"s""#) }
        Self.refused("accessToken", .invalidField) {
            try AzureCliCredential.parse(
                #"{"accessToken":"a\nb","expires_on":1800003600}"#, timeZone: Self.utc,
                now: Self.now)
        }
        let token = try parse(#""expires_on":1800003600,"expiresOn":"2001-01-01 00:00:00.000000""#)
        #expect(token.expiresOn == Date(timeIntervalSince1970: 1_800_003_600), "expires_on wins, as before")
    }

    @Test func azureDeveloperCLIExpiriesAreChecked() throws {
        func parse(_ expiresOn: String) throws -> AccessToken {
            try AzureDeveloperCliCredential.parse(
                #"{"token":"\#(Self.token)","expiresOn":\#(expiresOn)}"#, now: Self.now)
        }
        Self.refused("expiresOn", .tooFar) { try parse(#""99999-01-01T00:00:00Z""#) }
        Self.refused("expiresOn", .expired) { try parse(#""2001-01-01T00:00:00Z""#) }
        Self.refused("expiresOn", .notANumber) { try parse(#""inf""#) }
        Self.refused("expiresOn", .notANumber) { try parse("1800003600") }
        Self.refused("token", .invalidField) {
            try AzureDeveloperCliCredential.parse(#"{"token":"","expiresOn":"2027-01-16T08:00:00Z"}"#, now: Self.now)
        }
        let token = try parse(#""2027-01-16T08:00:00.123456789Z""#)
        #expect(token.expiresOn > Self.now)
    }

    @Test func azurePowerShellExpiriesAreChecked() throws {
        func parse(_ expiresOn: String) throws -> AccessToken {
            try AzurePowerShellCredential.parse(
                "WARNING: x\n" + #"{"Token":"\#(Self.token)","ExpiresOn":\#(expiresOn)}"#, now: Self.now)
        }
        Self.refused("ExpiresOn", .tooFar) { try parse("1e300") }
        Self.refused("ExpiresOn", .notANumber) { try parse(#""nan""#) }
        Self.refused("ExpiresOn", .expired) { try parse("0") }
        Self.refused("ExpiresOn", .expired) { try parse(#""2001-01-01T00:00:00Z""#) }
        Self.refused("ExpiresOn", .missingField) { try parse("null") }
        #expect(try parse("1800003600").expiresOn == Date(timeIntervalSince1970: 1_800_003_600))
        #expect(try parse(#""2027-01-16T08:00:00Z""#).expiresOn > Self.now)
    }

    /// End to end: the fake `az` prints `"expires_on": 1e300`; the credential refuses it with a typed error.
    @Test func azureCLIWithAHugeExpiryFailsWithATypedError() async throws {
        let tools = try FakeTools()
        defer { tools.remove() }
        try FakeDeveloperTools.install(into: tools)
        for value in ["1e300", #""nan""#, "1700000000"] {
            let credential = try AzureCliCredential(
                options: FakeDeveloperTools.options(tools, extra: ["FAKE_EXPIRES_ON": value]))
            let error = try await #require(throws: AzureIdentityError.self) {
                try await credential.getToken(scopes: ["https://vault.azure.net/.default"])
            }
            #expect(error.code == .invalidResponse, "\(value)")
            #expect(error.message.contains("expires_on"), "\(error.message)")
            #expect(!error.message.contains(FakeDeveloperTools.token))
        }
    }

    /// A tool's standard error is shown in the message, escaped: `ESC [2J` cannot clear the terminal.
    @Test func toolStandardErrorIsEscaped() async throws {
        let tools = try FakeTools()
        defer { tools.remove() }
        try tools.install(
            "az", #"printf 'ERROR: AADSTS50076: bad\033[2J\033]8;;http://x\007 thing\r\nmore\n' >&2; exit 1"#)
        let credential = try AzureCliCredential(options: CredentialOptions(environment: tools.environment()))
        let error = try await #require(throws: AzureIdentityError.self) {
            try await credential.getToken(scopes: ["https://vault.azure.net/.default"])
        }
        #expect(error.code == .authenticationFailed)
        #expect(!error.message.unicodeScalars.contains { $0.value < 0x20 }, "\(error.message)")
        #expect(error.message.contains(#"bad\u{1B}[2J\u{1B}]8;;http://x\u{7} thing\r\nmore"#), "\(error.message)")
    }

    @Test func redactionStillRemovesSecretsBeforeEscaping() {
        let text = StandardErrorRedaction.redact(
            "token=abc123secret \u{1B}[2J " + String(repeating: "x", count: 3000), environment: [:])
        #expect(!text.contains("abc123secret") && !text.contains("\u{1B}"))
        #expect(text.count <= StandardErrorRedaction.maxLength + 1)
    }
}
