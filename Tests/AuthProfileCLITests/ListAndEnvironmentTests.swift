// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

@testable import AuthProfileCLI

@Suite struct ListCommandTests {
    static let profiles = "\(CLIHarness.fixturesDirectory)/explain/profiles.yaml"

    @Test func listsEachProfileWithItsKindsAndPlace() async throws {
        let run = await CLIHarness.run(["list", "--file", Self.profiles])
        #expect(run.status == 0)
        let golden = try CLIHarness.matchGolden(run.transcript, named: "list.text")
        #expect(golden.matches, "\(run.transcript)")
        #expect(run.stdout.contains("aks      workloadIdentity, managedIdentity, azureCli  "))
        #expect(run.stdout.split(separator: "\n").last?.hasPrefix("default  default  ") == true)
        #expect(run.stdout.hasSuffix("<built-in>:3:3  DefaultAzureCredential (built in)\n"))
    }

    @Test func jsonListsTheBuiltInProfileToo() async throws {
        let run = await CLIHarness.run(["list", "--file", Self.profiles, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let profiles = try #require(object["profiles"] as? [[String: Any]])
        #expect(profiles.map { $0["name"] as? String } == ["aks", "cert", "app", "laptop", "default"])
        #expect(profiles.last?["builtIn"] as? Bool == true)
        #expect(profiles.first?["kinds"] as? [String] == ["workloadIdentity", "managedIdentity", "azureCli"])
    }

    @Test func duplicatesAcrossFilesFailAfterListingWhatLoaded() async {
        let run = await CLIHarness.run(["list", "--file", Self.profiles, "--file", Self.profiles])
        #expect(run.status == 2)
        #expect(run.stdout.contains("aks"))
        #expect(run.stderr.contains("profile 'aks' is defined twice"))
    }

    @Test func explainOfAnUnknownProfileSuggestsAName() async {
        let run = await CLIHarness.run(["explain", "ak", "--file", Self.profiles])
        #expect(run.status == 2)
        #expect(run.stderr.contains("no profile named 'ak'"))
        #expect(run.stderr.contains("Did you mean 'aks'?"))
    }

    @Test func tokenNeedsAScope() async {
        let run = await CLIHarness.run(["token", "aks", "--file", Self.profiles])
        #expect(run.status == 2)
        #expect(run.stderr.contains("give the scope to request with --scope"))
    }
}

@Suite struct EnvironmentFileTests {
    @Test func parsesAssignmentsCommentsExportAndQuotes() throws {
        let environment = try EnvironmentFile.parse(
            """
            # a comment

            export A=1
            B='two words'
            C="x=y"
            D=
            """, name: "test.env")
        #expect(environment == ["A": "1", "B": "two words", "C": "x=y", "D": ""])
    }

    @Test func rejectsLinesWithoutAnAssignmentWithoutEchoingThem() {
        #expect {
            _ = try EnvironmentFile.parse("A=1\nsuper-secret-line\n", name: "test.env")
        } throws: { error in
            let text = "\(error)"
            return text.contains("test.env:2") && !text.contains("super-secret-line")
        }
        #expect(throws: (any Error).self) { _ = try EnvironmentFile.parse("1BAD=x\n", name: "test.env") }
    }

    @Test func setOverridesAndUnsets() async throws {
        let run = await CLIHarness.run(
            [
                "explain", "app", "--file", ListCommandTests.profiles, "--set", "APP_SECRET=x", "--format", "json",
                "--expect", "clientSecret",
            ])
        #expect(run.status == 0, "\(run.stderr)")
        let unset = await CLIHarness.run(
            [
                "explain", "app", "--file", ListCommandTests.profiles, "--set", "APP_SECRET=", "--expect",
                "clientSecret",
            ],
            environment: ["APP_SECRET": "y"])
        #expect(unset.status == 1)
    }
}
