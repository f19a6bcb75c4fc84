// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AuthProfilesRuntime
import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

/// Issue 11, "Errors keep Entra's words", through the CLI and the library's `AuthProfileError`: a `token` run and
/// an `explain --live` against the fake with a wrong secret name the AADSTS code, the status and endpoint, and the
/// trace and correlation ids, in text and in JSON — and never the secret.
@Suite struct ServiceErrorOutputTests {
    static let wrongSecret = "nope~nope"

    /// Each link's `serviceError` object, checked for the fake's refusal of a wrong secret.
    static func expectWrongSecretReport(
        _ report: [String: Any]?, fake: FakeEntraID, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let report = try #require(report, sourceLocation: sourceLocation)
        #expect(report["status"] as? Int == 401, sourceLocation: sourceLocation)
        #expect(
            report["endpoint"] as? String == fake.tokenEndpoint(tenantID: TokenCommandTests.tenant),
            sourceLocation: sourceLocation)
        #expect(report["error"] as? String == "invalid_client", sourceLocation: sourceLocation)
        #expect(report["codes"] as? [String] == ["AADSTS7000215"], sourceLocation: sourceLocation)
        #expect(
            (report["description"] as? String)?.hasPrefix("AADSTS7000215: Invalid client secret provided.") == true,
            sourceLocation: sourceLocation)
        let sent = fake.tokenRequests.compactMap { $0.header("client-request-id") }
        #expect(sent.contains(report["correlationId"] as? String ?? "-"), sourceLocation: sourceLocation)
        #expect((report["traceId"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
    }

    @Test func tokenPrintsEntrasWordsInTextAndJSON() async throws {
        try await TokenCommandTests().withSetup { setup in
            let base = ["token", "broken", "--file", setup.file, "--scope", "https://vault.azure.net/.default"]
            let text = await CLIHarness.run(base, environment: setup.environment)
            #expect(text.status == 1 && text.stdout.isEmpty)
            let endpoint = setup.fake.tokenEndpoint(tenantID: TokenCommandTests.tenant)
            #expect(
                text.stderr.contains("broken/credential/links[0]:clientSecret")
                    && text.stderr.contains(
                        "failed: ClientSecretCredential authentication failed: AADSTS7000215: "
                            + "Invalid client secret provided."),
                "\(text.stderr)")
            #expect(text.stderr.contains("(invalid_client; HTTP 401 from \(endpoint); trace ID "), "\(text.stderr)")
            let correlation = try #require(setup.fake.tokenRequests.first?.header("client-request-id"))
            #expect(text.stderr.contains("; correlation ID \(correlation))"), "\(text.stderr)")
            #expect(!text.stderr.contains(Self.wrongSecret))
            // The chain's line gives its outcome only: the refused link's own line says why, once.
            #expect(text.stderr.components(separatedBy: "AADSTS7000215:").count == 2, "\(text.stderr)")
            #expect(text.stderr.contains("  broken/credential:chain ") && text.stderr.contains("): failed\n"))

            let json = await CLIHarness.run(base + ["--format", "json"], environment: setup.environment)
            #expect(json.status == 1 && json.stdout.isEmpty)
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(json.stderr.utf8)) as? [String: Any], "\(json.stderr)")
            let error = try #require(object["error"] as? [String: Any])
            #expect(error["code"] as? String == "noToken")
            #expect(error["profile"] as? String == "broken")
            let attempts = try #require(error["attempts"] as? [[String: Any]])
            // The chain, its refused first link, its second link not tried.
            #expect(attempts.map { $0["outcome"] as? String } == ["failed", "failed", "notTried"])
            #expect((attempts[1]["reason"] as? String)?.contains("AADSTS7000215") == true)
            try Self.expectWrongSecretReport(attempts[1]["serviceError"] as? [String: Any], fake: setup.fake)
            #expect(attempts[0]["serviceError"] == nil && attempts[2]["serviceError"] == nil)
            #expect(!json.stderr.contains(Self.wrongSecret))
        }
    }

    @Test func explainLiveShowsTheWordsInTextAndJSON() async throws {
        try await TokenCommandTests().withSetup { setup in
            let base = ["explain", "broken", "--file", setup.file, "--live"]
            let text = await CLIHarness.run(base, environment: setup.environment)
            #expect(text.stdout.contains("reason: ClientSecretCredential authentication failed: AADSTS7000215"))
            #expect(text.stdout.contains("(invalid_client; HTTP 401 from "), "\(text.stdout)")
            #expect(text.stdout.contains("; trace ID ") && text.stdout.contains("; correlation ID "))
            #expect(!text.stdout.contains(Self.wrongSecret) && !text.stderr.contains(Self.wrongSecret))
            #expect(text.stdout.components(separatedBy: "AADSTS7000215:").count == 2, "\(text.stdout)")

            let json = await CLIHarness.run(base + ["--format", "json"], environment: setup.environment)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            let live = try #require(object["live"] as? [[String: Any]])
            let link = live.first { $0["path"] as? String == "broken/credential/links[0]" }
            try Self.expectWrongSecretReport(link?["serviceError"] as? [String: Any], fake: setup.fake)
            #expect(!json.stdout.contains(Self.wrongSecret))
        }
    }

    @Test func theLibrarysErrorCarriesTheWordsAndTheReport() async throws {
        try await TokenCommandTests().withSetup { setup in
            let credential = try AuthProfile.credential(
                named: "broken", files: [setup.file],
                options: ProfileRuntimeOptions(environment: setup.environment, workingDirectory: setup.directory))
            let error = try #require(
                await caught { try await credential.getToken(scopes: ["https://vault.azure.net/.default"]) }
                    as? AuthProfileError)
            #expect(error.code == .noToken)
            let link = try #require(error.attempts.first { $0.path == "broken/credential/links[0]" })
            let report = try #require(link.serviceReport)
            #expect(report.entraError?.aadstsCodes == ["AADSTS7000215"] && report.statusCode == 401)
            let trace = try #require(report.entraError?.traceID)
            let correlation = try #require(report.entraError?.correlationID)
            #expect(error.description.contains("AADSTS7000215: Invalid client secret provided."))
            #expect(error.description.contains("trace ID \(trace); correlation ID \(correlation)"))
            #expect(!error.description.contains(Self.wrongSecret))
        }
    }
}

private func caught<T>(_ body: () async throws -> T) async -> (any Error)? {
    do {
        _ = try await body()
        return nil
    } catch {
        return error
    }
}
