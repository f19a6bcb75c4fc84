// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfileCLI
import Foundation
import Testing

/// Usage errors, whenever they are found (while parsing or while running), name the command, the bad value and
/// the reason, end with that command's usage (not the root's), exit 2, and send nothing anywhere. Goldens in
/// `Fixtures/golden/usage/` (re-record with `RECORD_GOLDENS=1`).
@Suite struct UsageErrorTests {
    static let several = "examples/azure-cli.yaml"
    static let one = "examples/quickstart.yaml"

    /// (golden name, arguments)
    static let cases: [(String, [String])] = [
        ("misspelt-command", ["explian", "prod"]),
        ("unknown-command", ["frobnicate"]),
        ("set-without-equals", ["explain", "--set", "BADNAME"]),
        ("set-invalid-name", ["explain", "--set", "9LIVES=x"]),
        ("set-empty-name", ["token", "--scope", "https://vault.azure.net/.default", "--set", "=value"]),
        ("env-missing-file", ["explain", "--env", "/nonexistent.env"]),
        ("env-bad-line", ["explain", "--env", "Tests/AuthProfileCLITests/Fixtures/explain/kinds.yaml"]),
        ("explain-file-several-profiles", ["explain", "--file", several]),
        ("token-file-several-profiles", ["token", "--file", several, "--scope", "https://vault.azure.net/.default"]),
        ("claims-not-json", ["token", "--scope", "https://vault.azure.net/.default", "--claims", "nbf=1"]),
        ("claims-json-array", ["token", "--scope", "https://vault.azure.net/.default", "--claims", "[1]"]),
        (
            "claims-base64",
            ["token", "--scope", "https://vault.azure.net/.default", "--claims", "eyJhY2Nlc3NfdG9rZW4iOnt9fQ"]
        ),
        ("scope-resource-url", ["token", "--scope", "https://management.azure.com"]),
        ("scope-resource-url-slash", ["token", "--scope", "https://storage.azure.com/"]),
        ("scope-application-id", ["token", "--scope", "6dae42f8-4368-4678-94ff-3960e28e3630"]),
        ("scope-live-resource", ["explain", "--live", "--scope", "api://my-app", "--file", one]),
    ]

    @Test(arguments: cases.map(\.0))
    func matchesGolden(_ name: String) async throws {
        let arguments = try #require(Self.cases.first { $0.0 == name }?.1)
        // No variable that could make anything reachable: these must all fail before any request.
        let run = await CLIHarness.run(arguments, environment: ["PATH": ""])
        #expect(run.status == ExitStatus.usage.rawValue, "\(run.transcript)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("Error: "))
        let command = arguments[0] == "explian" || arguments[0] == "frobnicate" ? "" : " \(arguments[0])"
        #expect(run.stderr.hasSuffix("See 'authprofile\(command) --help' for more information.\n"))
        let golden = try CLIHarness.matchGolden(run.transcript, named: "usage/\(name).txt")
        #expect(golden.matches, "output differs from golden usage/\(name).txt:\n\(run.transcript)")
    }

    @Test func aValueIsShownEscapedAndShort() async {
        let run = await CLIHarness.run(["explain", "--set", "A\u{1B}[31m" + String(repeating: "x", count: 2_000)])
        #expect(run.status == ExitStatus.usage.rawValue)
        #expect(!run.stderr.contains("\u{1B}"))
        #expect(run.stderr.count < 1_200)
    }

    @Test func aValueAfterTheEqualsSignIsNeverShown() async {
        let run = await CLIHarness.run(["explain", "--set", "NOT-A-NAME=s3cr3t-value"])
        #expect(run.status == ExitStatus.usage.rawValue)
        #expect(run.stderr.contains("'NOT-A-NAME' is not a valid variable name"))
        #expect(!run.stderr.contains("s3cr3t"))
    }

    @Test func aFileWithOneProfileIsExplainedWithoutItsName() async {
        let unnamed = await CLIHarness.run(["explain", "--file", Self.one])
        let named = await CLIHarness.run(["explain", "--file", Self.one, "local"])
        #expect(unnamed.status == named.status)
        #expect(unnamed.stdout == named.stdout)
        #expect(unnamed.stdout.hasPrefix("profile local ("))
        // Without --file, the built-in `default` as before.
        let builtIn = await CLIHarness.run(["explain"], environment: ["PATH": ""])
        #expect(builtIn.stdout.hasPrefix("profile default ("), "\(builtIn.transcript)")
    }

    @Test func resourcesThatAreScopesAlreadyPass() async {
        for scope in [
            "https://management.azure.com/.default", "https://graph.microsoft.com/User.Read", "openid",
            "api://my-app/access_as_user", "6dae42f8-4368-4678-94ff-3960e28e3630/.default",
        ] {
            // An unknown profile: the run stops at the profile, after the scope was accepted.
            let run = await CLIHarness.run(["token", "nosuchprofile", "--file", Self.one, "--scope", scope])
            #expect(run.status == ExitStatus.usage.rawValue)
            #expect(!run.stderr.contains("--scope"), "\(scope): \(run.stderr)")
        }
    }
}
