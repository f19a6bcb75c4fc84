// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfileCLI
import Foundation
import Testing

/// Issue 10 item 3: "ignored environment" lists only what the profile does not read, and what a kind reads comes
/// from the code that reads it. The reported bug: with `AZURE_TENANT_ID` set, the managed identity link's evidence
/// showed it being read (workload identity source) while the report listed it as not read by the profile.
@Suite struct AmbientVariablesTests {
    static let directory = ExplainGoldenTests.directory

    private func explain(_ profile: String, _ format: String, _ assignments: [String]) async -> CLIRun {
        var arguments = [
            "explain", profile, "--file", "\(Self.directory)/profiles.yaml", "--env",
            "\(Self.directory)/env/nothing.env", "--format", format, "--set", "PATH=/nonexistent",
        ]
        for assignment in assignments { arguments += ["--set", assignment] }
        return await CLIHarness.run(arguments)
    }

    static let workload = [
        "AZURE_FEDERATED_TOKEN_FILE=\(directory)/tokens/valid.jwt",
        "AZURE_CLIENT_ID=2d1a8c9e-0000-4000-8000-000000000001",
        "AZURE_TENANT_ID=72f988bf-86f1-41af-91ab-2d7cd011db47",
    ]

    @Test func aVariableTheManagedIdentityLinkReadsIsNotIgnored() async throws {
        let run = await explain("aks", "json", Self.workload)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let links = try #require(object["links"] as? [[String: Any]])
        let managed = try #require(links.first { $0["kind"] as? String == "managedIdentity" })
        let evidence = (managed["evidence"] as? [[String: Any]] ?? []).compactMap { $0["detail"] as? String }
        #expect(evidence.contains { $0.contains("AZURE_TENANT_ID") }, "\(evidence)")
        let ignored = (object["ignoredVariables"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        // Both links name their client id in the profile, so AZURE_CLIENT_ID is the one variable left unread.
        #expect(ignored == ["AZURE_CLIENT_ID"])

        let text = await explain("aks", "text", Self.workload)
        let report = try #require(text.stdout.components(separatedBy: "ignored environment:\n").last)
        #expect(!report.contains("AZURE_TENANT_ID"), "\(text.stdout)")
        #expect(report.contains("AZURE_CLIENT_ID: set, but not read by this profile"), "\(text.stdout)")
    }

    /// A `default` link reads what its members read, no more: with the members named in the profile,
    /// AZURE_TOKEN_CREDENTIALS is not read and is reported; the environment member's variables are read.
    @Test func aDefaultLinkReportsWhatItsMembersDoNotRead() async throws {
        let profiles = FileManager.default.temporaryDirectory.path + "/authprofile-ambient-\(UUID().uuidString).yaml"
        try """
        version: 1
        profiles:
          dev:
            tenant: 72f988bf-86f1-41af-91ab-2d7cd011db47
            credential: { type: default, credentials: environment }
        """.write(toFile: profiles, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: profiles) }
        let run = await CLIHarness.run([
            "explain", "dev", "--file", profiles, "--env", "\(Self.directory)/env/nothing.env", "--format", "json",
            "--set", "PATH=/nonexistent", "--set", "AZURE_TOKEN_CREDENTIALS=dev", "--set", "AZURE_CLIENT_ID=x",
            "--set", "AZURE_ADDITIONALLY_ALLOWED_TENANTS=*", "--set", "IDENTITY_ENDPOINT=http://127.0.0.1:1",
        ])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let ignored = (object["ignoredVariables"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(ignored == ["IDENTITY_ENDPOINT", "AZURE_TOKEN_CREDENTIALS"], "\(run.stdout)")
    }
}
