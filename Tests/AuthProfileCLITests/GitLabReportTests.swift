// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfileCLI
import Foundation
import Testing

/// `validate --format gitlab`: a GitLab Code Quality report (issue 14). The goldens hold every fixture's report;
/// this checks what GitLab needs of each issue, for every invalid fixture at once.
@Suite struct GitLabReportTests {
    @Test func everyIssueHasWhatGitLabReads() async throws {
        let fixtures = CLIHarness.invalidFixtures().filter { CLIHarness.arguments(for: $0).isEmpty }
        let run = await CLIHarness.run(["validate", "--format", "gitlab"] + fixtures)
        #expect(run.status == 1)
        let issues = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(issues.count >= fixtures.count)
        var fingerprints = Set<String>()
        for issue in issues {
            #expect((issue["description"] as? String)?.isEmpty == false)
            #expect((issue["check_name"] as? String)?.hasPrefix("AP") == true)
            #expect(["info", "minor", "major"].contains(issue["severity"] as? String ?? ""), "\(issue)")
            let fingerprint = try #require(issue["fingerprint"] as? String)
            #expect(fingerprint.count == 32 && fingerprint.allSatisfy(\.isHexDigit))
            #expect(fingerprints.insert(fingerprint).inserted, "two findings share a fingerprint: \(issue)")
            let location = try #require(issue["location"] as? [String: Any])
            #expect((location["path"] as? String).map(fixtures.contains) == true, "\(location)")
            let lines = try #require(location["lines"] as? [String: Any])
            #expect((lines["begin"] as? Int ?? 0) >= 1)
        }
    }

    @Test func aCleanFileIsAnEmptyReport() async {
        let run = await CLIHarness.run(["validate", "--format", "gitlab", "examples/quickstart.yaml"])
        #expect(run.status == 0)
        #expect(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]", "\(run.stdout)")
    }

    /// The same finding keeps its fingerprint from run to run (GitLab compares pipelines by it).
    @Test func fingerprintsAreStable() async {
        let fixture = "Tests/AuthProfileCLITests/Fixtures/invalid/AP200-unknown-key.yaml"
        let first = await CLIHarness.run(["validate", "--format", "gitlab", fixture])
        let second = await CLIHarness.run(["validate", "--format", "gitlab", fixture])
        #expect(first.stdout == second.stdout && first.stdout.contains("\"fingerprint\""))
    }
}
