// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AuthProfilesRuntime
import AzureIdentity
import AzureIdentityTesting
import Testing

// The two sides of an agreement test, on the same profile text, environment and working directory.

/// The dry run of `profile`: its first link's explanation.
func explainFirstLink(
    _ profiles: String, _ env: FakeProfileEnvironment, profile: String = "app",
    environment: [String: String] = ["PATH": ""]
) throws -> LinkExplanation {
    let entry = try #require(ProfileCatalog.load(text: profiles).entry(named: profile))
    let explanation = ProfileExplainer(
        context: InspectionContext(environment: environment, workingDirectory: env.directory)
    ).explain(entry)
    return try #require(explanation.links.first)
}

/// The run of `profile` against the fakes: its last link's outcome.
func runLastAttempt(
    _ profiles: String, _ env: FakeProfileEnvironment, profile: String = "app",
    environment: [String: String] = ["PATH": ""]
) async throws -> LinkAttempt {
    let credential = try AuthProfile.credential(named: profile, document: profiles, options: env.options(environment))
    let evaluation = try await credential.evaluate(for: TokenRequest(scopes: [FakeProfileEnvironment.scope]))
    return try #require(evaluation.attempts.last)
}

extension FakeProfileEnvironment {
    /// A new client certificate, registered at the fake Entra ID for the profiles' client id and tenant.
    func registeredCertificateApp(commonName: String) throws -> TestClientCertificate {
        let certificate = try fake.certificateAuthority.issueClientCertificate(commonName: commonName)
        fake.register(
            FakeApplication(
                clientID: FakeProfileEnvironment.clientID, tenantID: FakeProfileEnvironment.tenant,
                certificates: [certificate.certificate]))
        return certificate
    }
}
