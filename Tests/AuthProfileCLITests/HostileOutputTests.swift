// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AzureIdentityTesting
import Foundation
import Testing

@testable import AuthProfileCLI
@testable import AuthProfilesRuntime
@testable import AzureIdentity

/// `authprofile token` and `explain --live` against a token endpoint that misbehaves (issue 9 items 2, 3, 17, 19
/// and 23): no trap, no expired or absurd token printed with exit 0, no escape byte on the terminal, no silent
/// connection around a proxy.
@Suite struct HostileOutputTests {
    static let tenant = "11111111-2222-3333-4444-555555555555"
    static let clientID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
    static let scope = "https://management.azure.com/.default"

    /// An access token (a JWT the CLI decodes for `explain --live`) whose `exp` claim is `exp`.
    static func jwt(exp: String) -> String {
        Base64URL.encode(Array(#"{"alg":"RS256","typ":"JWT"}"#.utf8)) + "."
            + Base64URL.encode(Array(#"{"tid":"t\u001b[2J","oid":"o","exp":\#(exp)}"#.utf8)) + ".c2lnbmF0dXJl"
    }

    struct Setup {
        let server: HostileServer
        let directory: String
        var file: String { directory + "/profiles.yaml" }
        var environment: [String: String] { ["SECRET": "cli~Secret.0123456789abcdef", "PATH": ""] }
    }

    /// A profile whose only link is a client secret against `answer`'s server.
    func withSetup(
        _ answer: @escaping @Sendable (RecordedRequest) -> HostileServer.Answer, _ body: (Setup) async throws -> Void
    ) async throws {
        let server = try await HostileServer.started(tls: true, answer: answer)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("authprofile-hostile-\(UUID())")
            .path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try server.caCertificatePEM.write(toFile: directory + "/ca.pem", atomically: true, encoding: .utf8)
        try """
        version: 1
        clouds:
          hostile: { authorityHost: \(server.url), allowLoopback: true, caBundle: \(directory)/ca.pem }
        tenants:
          test: { id: \(Self.tenant), cloud: hostile }
        profiles:
          app:
            tenant: test
            credential: { type: clientSecret, clientId: \(Self.clientID), clientSecret: { env: SECRET } }

        """.write(toFile: directory + "/profiles.yaml", atomically: true, encoding: .utf8)
        do {
            try await body(Setup(server: server, directory: directory))
        } catch {
            try? await server.shutdown()
            throw error
        }
        try await server.shutdown()
    }

    // MARK: Lifetimes (items 2 and 17)

    @Test(arguments: ["1e300", #""inf""#, #""nan""#, "-3600", "0"])
    func tokenRefusesALifetimeNoServiceSends(expiresIn: String) async throws {
        let token = Self.jwt(exp: "1800000000")
        try await withSetup({ _ in
            .init(#"{"token_type":"Bearer","access_token":"\#(token)","expires_in":\#(expiresIn)}"#)
        }) { setup in
            for format in ["json", "raw", "env", "exec-credential"] {
                let run = await CLIHarness.run(
                    ["token", "app", "--file", setup.file, "--scope", Self.scope, "--format", format],
                    environment: setup.environment)
                #expect(run.status == 1, "\(format): \(run.stderr)")
                #expect(run.stdout.isEmpty, "\(format): nothing is printed")
                #expect(run.stderr.contains("expires_in"), "\(run.stderr)")
                #expect(!run.stderr.contains(token) && !run.stderr.contains("cli~Secret"))
            }
        }
    }

    @Test func tokenOutputNeverTrapsOnADate() throws {
        for seconds in [1e300, .nan, .infinity, -.infinity, -1, 9.3e18, 253_402_300_800] {
            let token = AccessToken(token: Secret("abc"), expiresOn: Date(timeIntervalSince1970: seconds))
            for format in TokenOutputFormat.allCases {
                let refusal = TokenOutputError.unusableToken(reason: "its expiry is not a date between 1970 and 9999")
                #expect(throws: refusal, "\(seconds) \(format)") {
                    try TokenOutput.render(token, format: format, environment: [:])
                }
            }
        }
        let last = AccessToken(token: Secret("abc"), expiresOn: Date(timeIntervalSince1970: 253_402_300_799))
        let utc = TimeZone(secondsFromGMT: 0) ?? .current
        #expect(
            try TokenOutput.render(last, format: .json, environment: [:], timeZone: utc)
                .contains(#""expiresOn": "9999-12-31 23:59:59.000000""#))
    }

    // MARK: JWT claims (item 3)

    /// An access token with `exp` ≥ 9.3e18 trapped `explain --live --format json`; now its exp is `null`.
    @Test(arguments: ["9300000000000000000", "1e19", "1e300", "-5", #""never""#])
    func liveExplainSurvivesAnyExpClaim(exp: String) async throws {
        let token = Self.jwt(exp: exp)
        try await withSetup({ _ in
            .init(#"{"token_type":"Bearer","access_token":"\#(token)","expires_in":3599}"#)
        }) { setup in
            let json = await CLIHarness.run(
                ["explain", "app", "--file", setup.file, "--live", "--format", "json"], environment: setup.environment)
            #expect(json.status == 0, "\(json.stderr)")
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            let live = try #require(object["live"] as? [[String: Any]])
            let principal = try #require(live.first?["principal"] as? [String: Any])
            #expect(principal["exp"] is NSNull)
            #expect(principal["tid"] as? String == #"t\u{1B}[2J"#, "claims are escaped where they are read")

            let text = await CLIHarness.run(
                ["explain", "app", "--file", setup.file, "--live"], environment: setup.environment)
            #expect(text.status == 0, "\(text.stderr)")
            #expect(!text.stdout.contains("\u{1B}") && text.stdout.contains(#"tid=t\u{1B}[2J"#), "\(text.stdout)")
            #expect(!text.stdout.contains(token))
        }
    }

    @Test func principalsAndTracesConvertDatesChecked() {
        let principal = TokenPrincipal(tenantID: "t\u{1B}]0;x\u{7}", expiresOn: Date(timeIntervalSince1970: 9.3e18))
        let attempt = LinkAttempt(
            path: "p", kind: "clientSecret", location: nil, depth: 0, outcome: .authenticated,
            reason: "bad\u{1B}[2J", latency: .seconds(Int64.max), requests: 1,
            principal: principal)
        let json = LiveTraceRenderer.json([attempt]).rendered()
        #expect(json.contains(#""exp": null"#), "\(json)")
        #expect(json.contains(#""latencyMicroseconds": 9223372036854775807"#), "\(json)")
        let text = LiveTraceRenderer.text([attempt])
        #expect(!text.contains("\u{1B}") && !text.contains("\u{7}"), "\(text)")
        #expect(text.contains(#"reason: bad\u{1B}[2J"#) && text.contains(#"tid=t\u{1B}]0;x\u{7}"#), "\(text)")
        #expect(TokenPrincipal(token: Secret(Self.jwt(exp: "9300000000000000000")))?.expiresOn == nil)
        #expect(
            TokenPrincipal(token: Secret(Self.jwt(exp: "1800000000")))?.expiresOn
                == Date(timeIntervalSince1970: 1_800_000_000))
    }

    // MARK: Server text (item 19)

    @Test func anEntraErrorWithEscapeSequencesReachesTheTerminalEscaped() async throws {
        try await withSetup({ _ in
            .init(
                status: 400,
                #"{"error":"invalid_request\u001b[2J","error_description":"AADSTS1: x\u001b]8;;y\u0007"}"#)
        }) { setup in
            let run = await CLIHarness.run(
                ["token", "app", "--file", setup.file, "--scope", Self.scope], environment: setup.environment)
            #expect(run.status == 1)
            #expect(!run.stderr.contains("\u{1B}") && !run.stderr.contains("\u{7}"), "\(run.stderr)")
            #expect(run.stderr.contains(#"invalid_request\u{1B}[2J"#), "\(run.stderr)")
        }
    }

    /// `token`'s stderr is an `AuthProfileError`: a reason with a newline cannot forge another link's line.
    @Test func errorLinesCannotBeForged() {
        let attempt = LinkAttempt(
            path: "app/credential", kind: "clientSecret", location: nil, depth: 0,
            outcome: .failed, reason: "denied\n  app/other:x: authenticated\u{1B}[2J",
            latency: .zero)
        let error = AuthProfileError(.noToken, "profile 'app' could not get a token:\r", attempts: [attempt])
        let lines = error.description.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2, "\(error)")
        #expect(lines.first == #"profile 'app' could not get a token:\r"#)
        #expect(lines.last == #"  app/credential:clientSecret: failed: denied\n  app/other:x: authenticated\u{1B}[2J"#)
    }

    // MARK: Proxy (item 23)

    /// A proxy variable that cannot be used stops `token` before any request: nothing goes around the proxy.
    @Test(arguments: ["http://proxy.example:99999", "socks5://127.0.0.1:1080", "http://u:pw-4711@bad host:1"])
    func anUnusableProxyIsAnErrorNotABypass(proxy: String) async throws {
        try await withSetup({ _ in .init(status: 500, "{}") }) { setup in
            let run = await CLIHarness.run(
                ["token", "app", "--file", setup.file, "--scope", Self.scope],
                environment: setup.environment.merging(["HTTPS_PROXY": proxy]) { $1 })
            #expect(run.status == 2, "\(run.stderr)")
            #expect(run.stderr.contains("HTTPS_PROXY"), "\(run.stderr)")
            #expect(!run.stderr.contains("pw-4711"))
            #expect(run.stdout.isEmpty)
            #expect(setup.server.requests.isEmpty, "no request went around the proxy")
        }
    }
}
