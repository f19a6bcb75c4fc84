// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AuthProfilesRuntime
import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

/// The dry run's "now" and the run's clock are the one ``ProfileRuntimeOptions/timeSource``: with the clock moved
/// past a certificate's expiry, `explain` calls the certificate expired and the run cannot authenticate with it,
/// though in real time the certificate is valid.
@Suite(.timeLimit(.minutes(1))) struct InjectedClockTests {
    @Test func theDryRunAndTheRunBothReadTheInjectedNow() async throws {
        try await withFakeProfiles { env in
            let certificate = try env.fake.certificateAuthority.issueClientCertificate(
                commonName: "clock app", validFor: 86_400)
            env.fake.register(
                FakeApplication(
                    clientID: FakeProfileEnvironment.clientID, tenantID: FakeProfileEnvironment.tenant,
                    certificates: [certificate.certificate]))
            try certificate.combinedPEM.write(
                toFile: env.directory + "/app.pem", atomically: true, encoding: .utf8)
            let profiles = env.profiles(
                """
                  app:
                    tenant: test
                    credential:
                      type: clientCertificate
                      clientId: \(FakeProfileEnvironment.clientID)
                      certificate: { path: app.pem }
                """)
            let entry = try #require(ProfileCatalog.load(text: profiles).entry(named: "app"))
            func sides(_ clock: any TimeSource) async throws -> (LinkExplanation, LinkAttempt) {
                var options = env.options(["PATH": ""])
                options.timeSource = clock
                let link = try #require(
                    ProfileExplainer(context: InspectionContext(options: options)).explain(entry).links.first)
                let credential = try AuthProfile.credential(named: "app", document: profiles, options: options)
                let evaluation = try await credential.evaluate(
                    for: TokenRequest(scopes: [FakeProfileEnvironment.scope]))
                return (link, try #require(evaluation.attempts.last))
            }

            // Three days on, by the injected clock only (it stands still: nothing waits on it).
            let (link, attempt) = try await sides(SuspendingTimeSource(now: Date().addingTimeInterval(3 * 86_400)))
            #expect(link.verdict == .misconfigured, "\(link.evidence)")
            #expect(link.evidence.contains { $0.detail.hasPrefix("expired on 20") }, "\(link.evidence)")
            #expect(attempt.outcome == .failed, "\(attempt.reason ?? "")")

            // The same profile, files and fake on the system clock: ready, and it authenticates.
            let (now, run) = try await sides(SystemTimeSource())
            #expect(now.verdict == .ready, "\(now.evidence)")
            #expect(run.outcome == .authenticated, "\(run.reason ?? "")")
        }
    }
}
