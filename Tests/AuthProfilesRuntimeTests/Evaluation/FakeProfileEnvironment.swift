// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfilesRuntime
import AzureIdentity
import AzureIdentityTesting
import Foundation

/// A fake Entra ID, a transport that trusts it, a temporary directory and a profile file pointing at it.
struct FakeProfileEnvironment: Sendable {
    static let tenant = "11111111-2222-3333-4444-555555555555"
    static let clientID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
    static let secret = "pr0file~Secret.0123456789abcdef"
    static let scope = "https://management.azure.com/.default"

    let fake: FakeEntraID
    let transport: AsyncHTTPClientTransport
    let directory: String

    static func start() async throws -> FakeProfileEnvironment {
        let fake = try await FakeEntraID.started()
        fake.addTenant(tenant)
        fake.register(FakeApplication(clientID: clientID, tenantID: tenant, secrets: [secret]))
        let transport = try AsyncHTTPClientTransport(
            configuration: TransportConfiguration(additionalTrustRootsPEM: [fake.caCertificatePEM]))
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("authprofile-runtime-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try fake.caCertificatePEM.write(toFile: directory + "/fake-ca.pem", atomically: true, encoding: .utf8)
        return FakeProfileEnvironment(fake: fake, transport: transport, directory: directory)
    }

    /// A profile file whose `fake` cloud is the fake Entra ID (trusted through `caBundle`).
    func profiles(_ body: String) -> String {
        """
        version: 1
        clouds:
          fake:
            authorityHost: \(fake.authorityURL)
            allowLoopback: true
            caBundle: \(directory)/fake-ca.pem
        tenants:
          test: { id: \(Self.tenant), cloud: fake }
        profiles:
        \(body)
        """
    }

    func options(_ environment: [String: String]) -> ProfileRuntimeOptions {
        // The environments of these tests have an empty PATH, so the real runner finds no tool and starts nothing.
        // The default bounds are hang guards here (HangGuard.limit): tests about them set their own
        // (DefaultBoundsTests, TimeLimitTests); a real 30 s link timeout failed tests for the wrong reason while
        // other builds loaded the 2 cores.
        ProfileRuntimeOptions(
            environment: environment, workingDirectory: directory, transport: transport,
            defaultLinkTimeout: HangGuard.limit, defaultChainDeadline: HangGuard.limit)
    }

    func shutdown() async throws {
        try await fake.shutdown()
        try await transport.shutdown()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

func withFakeProfiles<T>(_ body: (FakeProfileEnvironment) async throws -> T) async throws -> T {
    let environment = try await FakeProfileEnvironment.start()
    do {
        let result = try await body(environment)
        try await environment.shutdown()
        return result
    } catch {
        try? await environment.shutdown()
        throw error
    }
}
