// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

/// The CLI's one clock (`CLIContext.timeSource`) is the dry run's "now": `explain` judges a certificate's validity
/// by it, as the run would (one `ProfileRuntimeOptions` per command serves both).
@Suite struct CLIInjectedClockTests {
    static let authority = try! TestCertificateAuthority(commonName: "CLI Clock Test CA")

    @Test func explainJudgesExpiryByTheContextsClock() async throws {
        let scratch = try Scratch()
        let certificate = try Self.authority.issueClientCertificate(commonName: "clock-app", validFor: 86_400)
        let pem = try scratch.write("app.pem", certificate.combinedPEM)
        let file = try scratch.write(
            "profiles.yaml",
            """
            version: 1
            profiles:
              app:
                tenant: 72f988bf-86f1-41af-91ab-2d7cd011db47
                credential:
                  type: clientCertificate
                  clientId: 2d1a8c9e-0000-4000-8000-000000000001
                  certificate: { path: \(pem) }

            """)
        let arguments = ["explain", "app", "--file", file]
        let today = await CLIHarness.run(arguments)
        #expect(today.stdout.contains("[ready]"), "\(today.stdout)")
        #expect(today.stdout.contains("certificate validity: expires on 20"), "\(today.stdout)")
        #expect(today.status == 0)
        // Three days on by the injected clock alone: the day-long certificate has expired.
        let later = await CLIHarness.run(
            arguments, timeSource: SuspendingTimeSource(now: Date().addingTimeInterval(3 * 86_400)))
        #expect(later.stdout.contains("certificate validity: expired on 20"), "\(later.stdout)")
        #expect(!later.stdout.contains("[ready]"))
        #expect(later.status == 1)
    }
}
