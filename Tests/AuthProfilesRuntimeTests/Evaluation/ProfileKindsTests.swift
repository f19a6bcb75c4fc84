// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfilesRuntime
import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

/// Managed identity, certificates and `default` links bound from profiles, end to end against the fake.
@Suite struct ProfileKindsTests {
    static let identityClientID = "12121212-3434-5656-7878-909090909090"

    static let profiles = """
          deployed:
            tenant: test
            credential:
              type: chain
              links:
                - { type: managedIdentity, clientId: \(identityClientID) }
                - type: clientCertificate
                  clientId: \(FakeProfileEnvironment.clientID)
                  certificate: { path: app.pem }
          anything:
            tenant: test
            credential: { type: default }
        """

    func register(_ env: FakeProfileEnvironment) throws {
        env.fake.register(FakeManagedIdentity(clientID: Self.identityClientID, tenantID: FakeProfileEnvironment.tenant))
        let certificate = try env.fake.certificateAuthority.issueClientCertificate(commonName: "profile app")
        env.fake.register(
            FakeApplication(
                clientID: FakeProfileEnvironment.clientID, tenantID: FakeProfileEnvironment.tenant,
                secrets: [FakeProfileEnvironment.secret], certificates: [certificate.certificate]))
        try certificate.combinedPEM.write(toFile: env.directory + "/app.pem", atomically: true, encoding: .utf8)
    }

    func options(_ env: FakeProfileEnvironment, _ environment: [String: String]) -> ProfileRuntimeOptions {
        var options = env.options(environment)
        // No IMDS here: a closed loopback port (nothing is ever sent to 169.254.169.254).
        options.managedIdentity = ManagedIdentityOptions(
            imdsBaseURL: "http://127.0.0.1:1", probeTimeout: .seconds(1),
            maxRetries: 0)
        return options
    }

    @Test func appServiceManagedIdentityWinsWhenItsEndpointIsSet() async throws {
        try await withFakeProfiles { env in
            try register(env)
            let environment = [
                "IDENTITY_ENDPOINT": "\(env.fake.managedIdentityURL)/msi/token",
                "IDENTITY_HEADER": env.fake.appServiceIdentityHeader, "PATH": "",
            ]
            let credential = try AuthProfile.credential(
                named: "deployed", document: env.profiles(Self.profiles), options: options(env, environment))
            let evaluation = try await credential.evaluate(for: TokenRequest(scopes: [FakeProfileEnvironment.scope]))
            #expect(evaluation.winner?.displayName == "deployed/credential/links[0]:managedIdentity")
            #expect(evaluation.winner?.principal?.applicationID == Self.identityClientID)
        }
    }

    @Test func withoutAManagedIdentityTheCertificateAuthenticates() async throws {
        try await withFakeProfiles { env in
            try register(env)
            let credential = try AuthProfile.credential(
                named: "deployed", document: env.profiles(Self.profiles), options: options(env, ["PATH": ""]))
            let evaluation = try await credential.evaluate(for: TokenRequest(scopes: [FakeProfileEnvironment.scope]))
            #expect(evaluation.attempts.map(\.outcome) == [.authenticated, .unavailable, .authenticated])
            #expect(evaluation.winner?.displayName == "deployed/credential/links[1]:clientCertificate")
            #expect(evaluation.winner?.principal?.applicationID == FakeProfileEnvironment.clientID)
            let request = try #require(env.fake.tokenRequests.last)
            #expect(request.form["client_assertion"] != nil)
        }
    }

    @Test func defaultLinksFollowAzureTokenCredentials() async throws {
        try await withFakeProfiles { env in
            try register(env)
            let environment = [
                "AZURE_TOKEN_CREDENTIALS": "EnvironmentCredential", "AZURE_TENANT_ID": FakeProfileEnvironment.tenant,
                "AZURE_CLIENT_ID": FakeProfileEnvironment.clientID,
                "AZURE_CLIENT_SECRET": FakeProfileEnvironment.secret,
                "PATH": "",
            ]
            let credential = try AuthProfile.credential(
                named: "anything", document: env.profiles(Self.profiles), options: options(env, environment))
            let evaluation = try await credential.evaluate(for: TokenRequest(scopes: [FakeProfileEnvironment.scope]))
            #expect(
                evaluation.attempts.map(\.displayName) == [
                    "anything/credential:default", "anything/credential/environment:environment",
                ])
            #expect(evaluation.token != nil)

            var all = environment
            all["AZURE_TOKEN_CREDENTIALS"] = nil
            all["AZURE_CLIENT_SECRET"] = nil
            let every = try AuthProfile.credential(
                named: "anything", document: env.profiles(Self.profiles), options: options(env, all))
            let failed = try await every.evaluate(for: TokenRequest(scopes: [FakeProfileEnvironment.scope]))
            #expect(failed.token == nil)
            #expect(
                failed.attempts.dropFirst().map(\.kind) == [
                    "environment", "workloadIdentity", "managedIdentity", "visualStudioCode", "azureCli",
                    "azurePowerShell", "azureDeveloperCli",
                ])
            #expect(failed.attempts.dropFirst().allSatisfy { $0.outcome == .unavailable })
        }
    }
}
