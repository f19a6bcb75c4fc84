// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfilesRuntime
import Foundation
import Testing

/// The committed fixtures for the explain golden tests get the verdicts their names promise.
@Suite struct ExplainFixtureTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../AuthProfileCLITests/Fixtures/explain").standardized.path
    let context = InspectionContext(
        environment: ["PATH": root + "/bin", "AZURE_CONFIG_DIR": root + "/azure", "HOME": root],
        now: Date(timeIntervalSince1970: 1_800_000_000),
        workingDirectory: root
    )

    @Test func certificates() {
        let valid = CertificateInspection.inspect(path: "certs/valid.pem", context: context)
        #expect(valid.verdict == .ready)
        #expect(valid.detail("certificate validity") == "valid until 2099-12-31T23:59:59Z")
        #expect(valid.detail("certificate subject") == "CN=authprofile explain valid")
        let expired = CertificateInspection.inspect(path: "certs/expired.pem", context: context)
        #expect(expired.verdict == .misconfigured)
        #expect(expired.detail("certificate validity") == "expired on 2001-01-01T00:00:00Z")
        let mismatch = CertificateInspection.inspect(path: "certs/mismatch.pem", context: context)
        #expect(mismatch.verdict == .misconfigured)
        #expect(mismatch.detail("private key") == "the private key does not match the certificate")
    }

    @Test func tokens() {
        let valid = TokenFileInspection.inspect(path: "tokens/valid.jwt", context: context)
        #expect(valid.verdict == .ready)
        #expect(valid.detail("token file tokens/valid.jwt") == "a JWT, expires at 2099-12-31T23:59:59Z")
        let expired = TokenFileInspection.inspect(path: "tokens/expired.jwt", context: context)
        #expect(expired.verdict == .misconfigured)
        #expect(expired.detail("token file tokens/expired.jwt")?.hasPrefix("expired at 2020-09-13T12:26:40Z") == true)
    }

    @Test func azureCliProfile() {
        let result = AzureCliInspection.inspect(
            tenantID: "72f988bf-86f1-41af-91ab-2d7cd011db47",
            subscription: nil,
            context: context
        )
        #expect(result.verdict == .ready)
        #expect(result.detail("az account") == "dev@contoso.example (user)")
        #expect(result.detail("executable az") == "found at \(Self.root)/bin/az")
    }
}
