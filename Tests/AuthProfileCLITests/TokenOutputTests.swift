// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfileCLI
import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

@Suite struct TokenOutputTests {
    static let value = "eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJodHRwczovL21hbmFnZW1lbnQuYXp1cmUuY29tIn0.c2lnbmF0dXJl"
    /// 2023-11-14T22:13:20.750Z: the fraction is dropped, as `az` prints whole seconds.
    static let expiresOn = Date(timeIntervalSince1970: 1_700_000_000.75)
    static let token = AccessToken(token: Secret(value), expiresOn: expiresOn)
    static let utc = TimeZone(identifier: "UTC")!
    /// UTC+05:30 all year: a zone with a non-whole-hour offset and no daylight saving time.
    static let kolkata = TimeZone(identifier: "Asia/Kolkata")!

    private func render(
        _ format: TokenOutputFormat,
        environment: [String: String] = [:],
        timeZone: TimeZone = TokenOutputTests.utc,
        token: AccessToken = TokenOutputTests.token
    ) throws -> String {
        try TokenOutput.render(token, format: format, environment: environment, timeZone: timeZone)
    }

    @Test func formatNamesAreTheCommandLineSpellings() {
        #expect(TokenOutputFormat.allCases.map(\.rawValue) == ["json", "raw", "exec-credential", "env"])
        #expect(TokenOutputFormat(rawValue: "exec-credential") == .execCredential)
    }

    @Test func jsonHasTheAzureCLIKeysSortedWithLocalTime() throws {
        let expected = """
            {
              "accessToken": "\(Self.value)",
              "expiresOn": "2023-11-15 03:43:20.000000",
              "expires_on": 1700000000,
              "tokenType": "Bearer"
            }

            """
        #expect(try render(.json, timeZone: Self.kolkata) == expected)
    }

    /// `az account get-access-token`'s keys, exactly: `subscription` and `tenant` sort between `expires_on` and
    /// `tokenType` (az's `--output json` sorts keys), and each is left out when not known.
    @Test func jsonHasTheTenantAndSubscriptionWhereKnown() throws {
        let tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47"
        let full = try TokenOutput.render(
            Self.token, format: .json, environment: [:], tenant: tenant, subscription: "sub", timeZone: Self.utc)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(full.utf8)) as? [String: Any])
        #expect(
            Set(object.keys) == ["accessToken", "expiresOn", "expires_on", "subscription", "tenant", "tokenType"])
        #expect(object["tenant"] as? String == tenant)
        let keys = full.split(separator: "\n").compactMap { line in
            line.split(separator: "\"").dropFirst().first.map(String.init)
        }
        #expect(keys == ["accessToken", "expiresOn", "expires_on", "subscription", "tenant", "tokenType"])
        let tenantOnly = try TokenOutput.render(
            Self.token, format: .json, environment: [:], tenant: tenant, timeZone: Self.utc)
        #expect(tenantOnly.contains("\"tenant\": \"\(tenant)\",\n  \"tokenType\""))
        #expect(!tenantOnly.contains("subscription"))
    }

    @Test func jsonLocalTimeFollowsTheTimeZone() throws {
        #expect(try render(.json, timeZone: Self.utc).contains(#""expiresOn": "2023-11-14 22:13:20.000000","#))
        let current = try TokenOutput.render(Self.token, format: .json, environment: [:])
        #expect(current == (try render(.json, timeZone: .current)))
    }

    @Test func rawIsTheTokenAndANewline() throws {
        #expect(try render(.raw) == Self.value + "\n")
    }

    @Test func execCredentialDefaultsToV1() throws {
        let expected = """
            {
              "apiVersion": "client.authentication.k8s.io/v1",
              "kind": "ExecCredential",
              "status": {
                "token": "\(Self.value)",
                "expirationTimestamp": "2023-11-14T22:13:20Z"
              }
            }

            """
        #expect(try render(.execCredential, timeZone: Self.kolkata) == expected)
        #expect(try render(.execCredential, environment: ["KUBERNETES_EXEC_INFO": " "]) == expected)
    }

    @Test func execCredentialUsesTheVersionKubectlAsksFor() throws {
        let info = """
            {"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential",\
            "spec":{"interactive":false}}
            """
        let expected = """
            {
              "apiVersion": "client.authentication.k8s.io/v1beta1",
              "kind": "ExecCredential",
              "status": {
                "token": "\(Self.value)",
                "expirationTimestamp": "2023-11-14T22:13:20Z"
              }
            }

            """
        #expect(try render(.execCredential, environment: ["KUBERNETES_EXEC_INFO": info]) == expected)
        let v1 = #"{"apiVersion": "client.authentication.k8s.io/v1", "kind": "ExecCredential", "spec": {}}"#
        #expect(try render(.execCredential, environment: ["KUBERNETES_EXEC_INFO": v1]).contains("k8s.io/v1\","))
    }

    @Test func execCredentialRejectsUnsupportedVersions() {
        let info = #"{"apiVersion":"client.authentication.k8s.io/v1alpha1","kind":"ExecCredential"}"#
        let error = #expect(throws: TokenOutputError.self) {
            try render(.execCredential, environment: ["KUBERNETES_EXEC_INFO": info])
        }
        #expect(error == .unsupportedExecCredentialVersion("client.authentication.k8s.io/v1alpha1"))
        #expect(
            error?.description
                == "KUBERNETES_EXEC_INFO asks for ExecCredential apiVersion 'client.authentication.k8s.io/v1alpha1', "
                + "but authprofile supports only client.authentication.k8s.io/v1 and "
                + "client.authentication.k8s.io/v1beta1; set the kubeconfig's exec apiVersion to one of them."
        )
    }

    @Test(arguments: [
        ("{\"apiVersion\": ", "it is not valid JSON"),
        ("[\"client.authentication.k8s.io/v1\"]", "it is not a JSON object"),
        ("{\"kind\": \"ExecCredential\"}", "it has no string \"apiVersion\""),
        ("{\"apiVersion\": 1}", "it has no string \"apiVersion\""),
        (#"{"apiVersion": "client.authentication.k8s.io/v1", "kind": "Pod"}"#, #"its kind is not "ExecCredential""#),
    ])
    func execCredentialRejectsMalformedExecInfo(info: String, reason: String) {
        let error = #expect(throws: TokenOutputError.self) {
            try render(.execCredential, environment: ["KUBERNETES_EXEC_INFO": info])
        }
        #expect(error == .malformedExecInfo(reason: reason))
        #expect(error?.description.hasPrefix("KUBERNETES_EXEC_INFO cannot be read: \(reason). kubectl sets it") == true)
    }

    @Test func envIsTwoSingleQuotedAssignments() throws {
        let expected = "AZURE_ACCESS_TOKEN='\(Self.value)'\nAZURE_ACCESS_TOKEN_EXPIRES_ON='1700000000'\n"
        #expect(try render(.env, timeZone: Self.kolkata) == expected)
    }

    @Test func envQuotesShellMetacharactersSafely() async throws {
        let hostile = #"a'b $(echo pwned) `id` "q" \n; *"#
        let token = AccessToken(token: Secret(hostile), expiresOn: Self.expiresOn)
        let output = try render(.env, token: token)
        #expect(output.hasPrefix(#"AZURE_ACCESS_TOKEN='a'\''b $(echo pwned) `id` "q" \n; *'"#))
        // The shell reads back exactly the token and the expiry, running nothing.
        let script = #"eval "$1"; printf '%s|%s' "$AZURE_ACCESS_TOKEN" "$AZURE_ACCESS_TOKEN_EXPIRES_ON""#
        let printed = try await BlockingWork.run { try Self.shell(script, argument: output) }
        #expect(printed == hostile + "|1700000000")
    }

    @Test func unprintableTokensAreRefusedWithoutShowingThem() {
        for value in ["", "line1\nline2-secret-part", "tab\there-secret-part", "nul\u{0}-secret-part"] {
            let token = AccessToken(token: Secret(value), expiresOn: Self.expiresOn)
            for format in TokenOutputFormat.allCases {
                let error = #expect(throws: TokenOutputError.self) { try render(format, token: token) }
                #expect(error?.description.contains("secret-part") == false)
                #expect(error?.description.hasPrefix("The token cannot be printed") == true)
            }
        }
    }

    /// Runs `/bin/sh -c script sh argument` and returns its standard output.
    private static func shell(_ script: String, argument: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script, "sh", argument]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
