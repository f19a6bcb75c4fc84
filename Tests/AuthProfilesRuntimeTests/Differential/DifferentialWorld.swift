// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AuthProfilesRuntime
import AzureIdentity
import AzureIdentityTesting
import Foundation

/// Everything the differential matrix runs against, made once per suite: a fake Entra ID (HTTPS on 127.0.0.1)
/// with one application that accepts a secret, a certificate and federated tokens, a managed identity, a user;
/// a working directory with every kind of file a profile may name (good, empty, expired, not what it claims); a
/// home directory for `~`; and a `bin` directory with fake developer tools. Nothing is ever sent anywhere else:
/// IMDS is the fake's, or a closed loopback port.
struct DifferentialWorld: Sendable {
    static let tenant = FakeProfileEnvironment.tenant
    static let clientID = FakeProfileEnvironment.clientID
    static let secret = FakeProfileEnvironment.secret
    static let identityClientID = "12121212-3434-5656-7878-909090909090"
    static let subject = "system:serviceaccount:default:matrix"
    static let username = "matrix@contoso.example"
    static let password = "matrix-Pa55word"
    /// The Azure CLI's public client id, the default `clientId` of `usernamePassword`.
    static let publicClientID = "04b07795-8ddb-461a-bbee-02f9e1bf7b46"

    let env: FakeProfileEnvironment
    /// `SYSTEM_OIDCREQUESTURI` of the fake pipeline job, whose `System.AccessToken` is ``pipelineToken``.
    var pipelineURI = ""
    static let pipelineToken = "matrix-system-access-token"
    static let serviceConnectionID = "00000000-0000-4000-8000-000000000001"
    /// The working directory of every case.
    var directory: String { env.directory }
    /// `HOME` of the cases that set it.
    var home: String { env.directory + "/home" }
    /// Where the fake developer tools live.
    var bin: String { env.directory + "/bin" }

    static func start() async throws -> DifferentialWorld {
        let env = try await FakeProfileEnvironment.start()
        do {
            var world = DifferentialWorld(env: env)
            world.pipelineURI = try world.prepare()
            return world
        } catch {
            try? await env.shutdown()
            throw error
        }
    }

    func shutdown() async throws {
        try await env.shutdown()
    }

    /// Registers everything and writes the files; returns the pipeline job's OIDC request URI.
    private func prepare() throws -> String {
        let fake = env.fake
        let valid = try fake.certificateAuthority.issueClientCertificate(commonName: "matrix app")
        let expired = try fake.certificateAuthority.issueClientCertificate(
            commonName: "matrix expired",
            validFor: -60)
        let issuer = FakeFederatedIssuer(issuer: "https://oidc.cluster.example/matrix")
        fake.register(issuer)
        let job = FakePipelineJob(
            serviceConnections: [Self.serviceConnectionID: "matrix"],
            systemAccessToken: Self.pipelineToken)
        fake.register(job)
        // The expired certificate is registered too: only its expiry can make a run with it fail.
        fake.register(
            FakeApplication(
                clientID: Self.clientID, tenantID: Self.tenant, secrets: [Self.secret],
                certificates: [valid.certificate, expired.certificate],
                federatedCredentials: [FakeFederatedCredential(issuer: issuer.issuer, subject: Self.subject)]
                    + [job.federatedCredential(serviceConnectionID: Self.serviceConnectionID)].compactMap { $0 },
                // Public client flows allowed too, so `environment` with AZURE_USERNAME and AZURE_PASSWORD can sign in.
                isPublicClient: true))
        // The Azure CLI's public client (usernamePassword's default) and a federated application with the managed
        // identity's client id (ManagedIdentityCredential on workload identity exchanges the token as that id).
        fake.register(
            FakeApplication(
                clientID: Self.publicClientID, tenantID: Self.tenant,
                isPublicClient: true))
        fake.register(
            FakeApplication(
                clientID: Self.identityClientID, tenantID: Self.tenant,
                federatedCredentials: [FakeFederatedCredential(issuer: issuer.issuer, subject: Self.subject)]))
        fake.register(
            FakeManagedIdentity(
                clientID: Self.identityClientID, tenantID: Self.tenant,
                isSystemAssigned: true))
        fake.register(FakeUser(tenantID: Self.tenant, username: Self.username, password: Self.password))

        let token = issuer.mintToken(subject: Self.subject)
        let expiredToken = issuer.mintToken(subject: Self.subject, issuedAt: Date().addingTimeInterval(-7200))
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        for base in [directory, home] {
            try write(base + "/secret", Self.secret + "\n", mode: 0o600)
            try write(base + "/app.pem", valid.combinedPEM, mode: 0o600)
            try write(base + "/token", token, mode: 0o644)
        }
        try write(directory + "/empty", " \n", mode: 0o600)
        try write(directory + "/expired.pem", expired.combinedPEM, mode: 0o600)
        try write(directory + "/garbage.pem", "not a certificate\n", mode: 0o600)
        try write(directory + "/expired-token", expiredToken, mode: 0o644)
        try write(directory + "/password", Self.password, mode: 0o600)
        try FakeDeveloperTools.install(in: bin, world: self)
        // VS Code's authentication record: a valid one, and a corrupt one (visualStudioCode cases).
        let record = "/.azure/ms-azuretools.vscode-azureresourcegroups"
        for (name, text) in [
            (
                "vscode-signed-in",
                #"{"username": "\#(Self.username)", "authority": "https://login.microsoftonline.com", "#
                    + #""homeAccountId": "0a0a0a0a-0000-0000-0000-00000000000a.\#(Self.tenant)", "#
                    + #""tenantId": "\#(Self.tenant)", "clientId": "aebc6443-996d-45c2-90f0-388ff96faa56"}"#
            ),
            ("vscode-corrupt", "{\"username\": "),
        ] {
            try FileManager.default.createDirectory(
                atPath: directory + "/" + name + record, withIntermediateDirectories: true)
            try write(directory + "/" + name + record + "/authRecord.json", text, mode: 0o600)
        }
        return fake.oidcRequestURI(for: job)
    }

    private func write(_ path: String, _ text: String, mode: mode_t) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        chmod(path, mode)
    }

    /// The profile document of a case: the fake cloud, the `test` tenant and `body` under `profiles:`.
    func document(_ body: String) -> String {
        env.profiles(body)
    }

    /// The runtime options of a case: its environment, the shared transport, and IMDS at `imds`.
    func options(_ environment: [String: String], imds: IMDS) -> ProfileRuntimeOptions {
        var options = env.options(environment)
        switch imds {
        case .answers:
            options.managedIdentity = ManagedIdentityOptions(
                imdsBaseURL: env.fake.managedIdentityURL, probeTimeout: .seconds(1), maxRetries: 0)
        case .absent:
            // A closed loopback port: the probe is refused at once (nothing goes to 169.254.169.254).
            options.managedIdentity = ManagedIdentityOptions(
                imdsBaseURL: "http://127.0.0.1:1", probeTimeout: .seconds(1), maxRetries: 0)
        }
        return options
    }

    /// Whether the host has an IMDS endpoint: only a request can tell, so the dry run says `unknown` either way.
    enum IMDS: String, Sendable, CaseIterable {
        case answers
        case absent
    }
}
