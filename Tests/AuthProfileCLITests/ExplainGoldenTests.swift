// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfileCLI
import Foundation
import Testing

/// `authprofile explain` under a matrix of environments: golden text and JSON, plus the winning link and each
/// link's verdict asserted directly, so a re-recorded golden cannot hide a changed conclusion.
@Suite struct ExplainGoldenTests {
    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let profile: String
        let environment: String
        /// The link that would authenticate (`path:kind`), or `nil`.
        let winner: String?
        /// The conclusion's result.
        let result: String
        /// Each link's verdict, in walk order.
        let verdicts: [String]
        let status: Int32
        /// The profile file in the fixtures' directory.
        var file = "profiles.yaml"
        var description: String { name }
    }

    static let cases: [Case] =
        [
            Case(
                name: "aks-nothing-set", profile: "aks", environment: "nothing", winner: nil, result: "dependsOnProbe",
                verdicts: ["unknown", "unavailable", "unknown", "unavailable"], status: 0),
            Case(
                name: "aks-workload-identity", profile: "aks", environment: "workload",
                winner: "aks/credential/links[0]:workloadIdentity", result: "authenticates",
                verdicts: ["ready", "ready", "ready", "unavailable"], status: 0),
            Case(
                name: "aks-app-service", profile: "aks", environment: "appservice",
                winner: "aks/credential/links[1]:managedIdentity", result: "authenticates",
                verdicts: ["ready", "unavailable", "ready", "unavailable"], status: 0),
            Case(
                name: "aks-az-logged-in", profile: "aks", environment: "az",
                winner: "aks/credential/links[2]:azureCli", result: "authenticates",
                verdicts: ["ready", "unavailable", "unknown", "ready"], status: 0),
            Case(
                name: "aks-expired-token", profile: "aks", environment: "expired-token", winner: nil, result: "noToken",
                verdicts: ["misconfigured", "misconfigured", "unknown", "unavailable"], status: 1),
            Case(
                name: "aks-missing-token-file", profile: "aks", environment: "missing-token", winner: nil,
                result: "dependsOnProbe", verdicts: ["unknown", "unavailable", "unknown", "unavailable"], status: 0),
            Case(
                name: "cert-valid", profile: "cert", environment: "valid-cert",
                winner: "cert/credential:clientCertificate", result: "authenticates", verdicts: ["ready"], status: 0),
            Case(
                name: "cert-expired", profile: "cert", environment: "expired-cert", winner: nil, result: "noToken",
                verdicts: ["misconfigured"], status: 1),
            Case(
                name: "cert-key-mismatch", profile: "cert", environment: "mismatch-cert", winner: nil,
                result: "noToken", verdicts: ["misconfigured"], status: 1),
            Case(
                name: "app-ambient-client-id", profile: "app", environment: "shadow",
                winner: "app/credential:clientSecret", result: "authenticates", verdicts: ["ready"], status: 0),
            Case(
                name: "laptop-reference-nothing-set", profile: "laptop", environment: "nothing", winner: nil,
                result: "dependsOnProbe",
                verdicts: ["unknown", "unavailable", "unknown", "unknown", "unavailable", "unknown", "unavailable"],
                status: 0),
            Case(
                name: "default-nothing-set", profile: "default", environment: "nothing", winner: nil,
                result: "dependsOnProbe",
                verdicts: [
                    "unknown", "unavailable", "unavailable", "unknown", "unavailable", "unavailable",
                    "unavailable", "unavailable",
                ],
                status: 0),
            Case(
                name: "default-workload-identity", profile: "default", environment: "workload",
                winner: "default/credential/workloadIdentity:workloadIdentity", result: "authenticates",
                verdicts: [
                    "ready", "unavailable", "ready", "ready", "unavailable", "unavailable", "unavailable",
                    "unavailable",
                ],
                status: 0),
        ] + kindCases

    /// One profile per kind the cases above do not reach, so that every kind has an explain fixture
    /// (`KindCoverageTests` checks that it does).
    static let kindCases: [Case] = [
        ("environment-link", "environment", true), ("assertion", "clientAssertion", true),
        ("obo", "onBehalfOf", true), ("user", "usernamePassword", true), ("auth-code", "authorizationCode", true),
        ("device", "deviceCode", true), ("browser", "interactiveBrowser", false),
        ("broker", "interactiveBrowser", false), ("vscode", "visualStudioCode", false),
        ("azd", "azureDeveloperCli", false), ("pwsh", "azurePowerShell", false), ("pipelines", "azurePipelines", true),
    ].map { profile, kind, ready in
        Case(
            name: "kind-\(profile)", profile: profile, environment: "kinds",
            winner: ready ? "\(profile)/credential:\(kind)" : nil, result: ready ? "authenticates" : "noToken",
            verdicts: [ready ? "ready" : "unavailable"], status: ready ? 0 : 1, file: "kinds.yaml")
    }

    static let directory = "\(CLIHarness.fixturesDirectory)/explain"

    /// The fixture certificates hold unencrypted keys: make them owner-only, as a real key is, whatever mode the
    /// checkout gave them, so that the goldens do not depend on the umask (explain notes keys others can read).
    static let ownerOnlyKeys: Void = {
        for name in ["valid.pem", "expired.pem", "mismatch.pem"] {
            try? FileManager.default.setAttributes(
                [.posixPermissions: 0o600], ofItemAtPath: "\(CLIHarness.packageRoot)/\(directory)/certs/\(name)")
        }
    }()

    static func arguments(_ test: Case, format: String) -> [String] {
        _ = ownerOnlyKeys
        var arguments = [
            "explain", test.profile, "--env", "\(directory)/env/\(test.environment).env",
            "--format", format,
        ]
        if test.profile != "default" { arguments += ["--file", "\(directory)/\(test.file)"] }
        // PATH entries are looked up as given: make the fixture tools' directory absolute.
        let bin = test.environment == "az" ? "\(CLIHarness.packageRoot)/\(directory)/bin" : "/nonexistent"
        return arguments + ["--set", "PATH=\(bin)"]
    }

    @Test(arguments: cases)
    func text(_ test: Case) async throws {
        let run = await CLIHarness.run(Self.arguments(test, format: "text"))
        let transcript = run.transcript.replacingOccurrences(of: CLIHarness.packageRoot, with: "<root>")
        let golden = try CLIHarness.matchGolden(transcript, named: "explain/\(test.name).text")
        #expect(golden.matches, "\(transcript)")
        #expect(run.status == test.status)
    }

    @Test(arguments: cases)
    func json(_ test: Case) async throws {
        let run = await CLIHarness.run(Self.arguments(test, format: "json"))
        let transcript = run.transcript.replacingOccurrences(of: CLIHarness.packageRoot, with: "<root>")
        let golden = try CLIHarness.matchGolden(transcript, named: "explain/\(test.name).json")
        #expect(golden.matches, "\(transcript)")
        #expect(run.status == test.status)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["version"] as? Int == 1)
        let conclusion = try #require(object["conclusion"] as? [String: Any])
        #expect(conclusion["result"] as? String == test.result)
        #expect(conclusion["winner"] as? String == test.winner)
        let links = try #require(object["links"] as? [[String: Any]])
        #expect(links.map { $0["verdict"] as? String ?? "" } == test.verdicts)
        for link in links where (link["verdict"] as? String) != "ready" && link["depth"] as? Int != 0 {
            let evidence = link["evidence"] as? [[String: Any]] ?? []
            #expect(
                evidence.contains { ["missing", "problem", "note"].contains($0["status"] as? String) },
                "every link that would not authenticate says why: \(link["path"] ?? "")")
        }
    }

    @Test func noSecretOrHeaderValueIsPrinted() async throws {
        for test in Self.cases {
            for format in ["text", "json"] {
                let run = await CLIHarness.run(Self.arguments(test, format: format) + ["--blame"])
                for secret in ["ambient-secret-value", "profile-secret-value", "do-not-print-this-header"] {
                    #expect(!run.stdout.contains(secret) && !run.stderr.contains(secret), "\(test.name) \(format)")
                }
            }
        }
    }

    @Test func ambientVariablesTheProfileIgnoresAreReported() async throws {
        let run = await CLIHarness.run(Self.arguments(Self.cases[9], format: "json"))
        #expect(Self.cases[9].name == "app-ambient-client-id")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let ignored = (object["ignoredVariables"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(ignored == ["AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET"])
    }

    @Test func expectChecksTheWinningLink() async {
        let workload = Self.cases[1]
        let good = await CLIHarness.run(Self.arguments(workload, format: "text") + ["--expect", "workloadIdentity"])
        #expect(good.status == 0)
        let wrong = await CLIHarness.run(Self.arguments(workload, format: "text") + ["--expect", "managedIdentity"])
        #expect(wrong.status == 1)
        #expect(
            wrong.stderr == "expected managedIdentity to authenticate, but aks/credential/links[0]:workloadIdentity"
                + " would\n")
        let probe = await CLIHarness.run(Self.arguments(Self.cases[0], format: "text") + ["--expect", "azureCli"])
        #expect(probe.status == 1)
        #expect(
            probe.stderr == "expected azureCli to authenticate, but only a request can tell "
                + "(aks/credential/links[1]:managedIdentity)\n")
    }

    /// A typo in `--expect` is a usage error with a suggestion, found before anything runs, not a failed
    /// expectation (which a CI job would read as a regression); a label names its link.
    @Test func expectNamingNoLinkIsAUsageError() async throws {
        let workload = Self.cases[1]
        let typo = await CLIHarness.run(Self.arguments(workload, format: "text") + ["--expect", "workloadIdentty"])
        #expect(typo.status == 2)
        #expect(typo.stdout.isEmpty)
        // A usage error like any other: the reason, then explain's usage line.
        #expect(
            typo.stderr.hasPrefix(
                "Error: --expect workloadIdentty names no link of profile 'aks'; did you mean 'workloadIdentity'?\n"
                    + "Usage: authprofile explain "))
        let device = try #require(Self.kindCases.first { $0.profile == "device" })
        let label = await CLIHarness.run(Self.arguments(device, format: "text") + ["--expect", "on-call"])
        #expect(label.status == 0, "\(label.stderr)")
        let otherLabel = await CLIHarness.run(Self.arguments(device, format: "text") + ["--expect", "on-cal"])
        #expect(otherLabel.status == 2)
        #expect(otherLabel.stderr.contains("did you mean 'on-call'?\nUsage: authprofile explain "))
    }

    @Test func blameShowsEachLayer() async throws {
        let run = await CLIHarness.run(Self.arguments(Self.cases[1], format: "text") + ["--blame"])
        let transcript = run.transcript.replacingOccurrences(of: CLIHarness.packageRoot, with: "<root>")
        let golden = try CLIHarness.matchGolden(transcript, named: "explain/aks-workload-identity-blame.text")
        #expect(golden.matches, "\(transcript)")
        #expect(run.stdout.contains("tenant ← file"))
        #expect(run.stdout.contains("aks/credential/links[0].tokenFile ← env AZURE_FEDERATED_TOKEN_FILE"))
    }
}
