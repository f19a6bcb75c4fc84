// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

/// Issue 9 items 5 and 20 in AzureIdentity: every file a credential reads — certificates, workload identity token
/// files, assertion files, Azure Arc's key, CA bundles — is refused at once when it is not a regular file, with a
/// message that says what it is, instead of blocking on a FIFO or reading a device forever.
@Suite struct HostileFileTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// A FIFO, a link to /dev/zero and a directory in the test directory, with what each is.
    private func specials() throws -> [(String, String)] {
        let fifo = directory.appendingPathComponent("fifo-\(UUID().uuidString)").path
        try SpecialFiles.makeFIFO(at: fifo)
        let device = directory.appendingPathComponent("zero-\(UUID().uuidString)").path
        try SpecialFiles.makeLink(at: device, to: "/dev/zero")
        let folder = directory.appendingPathComponent("dir-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        return [
            (fifo, "is a FIFO (named pipe), not a regular file"),
            (device, "is a character device, not a regular file"), (folder, "is a directory, not a file"),
        ]
    }

    @Test func certificateFilesSayWhatThePathIs() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        for (path, what) in try specials() {
            let started = ContinuousClock.now
            let error = #expect(throws: AzureIdentityError.self) { try ClientCertificate.load(path: path) }
            #expect(error?.message == "ClientCertificateCredential: The certificate file '\(path)' \(what).")
            #expect((error?.underlying as? CertificateLoadError)?.code == .unreadableFile)
            #expect(ContinuousClock.now - started < HangGuard.limit, "a hang guard only: a FIFO must not block")
            let key = #expect(throws: AzureIdentityError.self) {
                try ClientCertificate.load(certificatePath: "/dev/null", privateKeyPath: path)
            }
            // The certificate file is read first: /dev/null is named before the key file.
            #expect(key?.message.contains("'/dev/null' is a character device") == true)
        }
    }

    @Test func workloadIdentityAndAssertionFilesFailFastAndSayWhy() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        for (path, what) in try specials() {
            let started = ContinuousClock.now
            let workload = try WorkloadIdentityCredential(
                tenantID: FakeEnvironment.tenant, clientID: FakeEnvironment.clientID, tokenFilePath: path)
            let tokenError =
                await caught { try await workload.getToken(scopes: managementScope) }
                as? AzureIdentityError
            #expect(tokenError?.code == .invalidConfiguration)
            #expect(
                tokenError?.message.contains("the token file '\(path)' \(what)") == true,
                "\(String(describing: tokenError))")
            let assertion = try ClientAssertionCredential(
                tenantID: FakeEnvironment.tenant, clientID: FakeEnvironment.clientID, assertionFile: path)
            let assertionError =
                await caught { try await assertion.getToken(scopes: managementScope) }
                as? AzureIdentityError
            #expect(assertionError?.code == .invalidConfiguration)
            #expect(assertionError?.message.contains("the assertion file '\(path)' \(what)") == true)
            #expect(ContinuousClock.now - started < HangGuard.limit, "a hang guard only: a FIFO must not block")
        }
    }

    @Test func missingAndEmptyTokenFilesStayUnavailable() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let empty = directory.appendingPathComponent("empty").path
        try Data(" \n".utf8).write(to: URL(fileURLWithPath: empty))
        for path in [empty, directory.appendingPathComponent("absent").path] {
            let workload = try WorkloadIdentityCredential(
                tenantID: FakeEnvironment.tenant, clientID: FakeEnvironment.clientID, tokenFilePath: path)
            let error = await caught { try await workload.getToken(scopes: managementScope) } as? AzureIdentityError
            #expect(error?.code == .credentialUnavailable)
        }
    }

    @Test func caBundlesThatAreNotRegularFilesAreRefusedAtOnce() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        for (path, what) in try specials() {
            let started = ContinuousClock.now
            let configuration = try TransportConfiguration.fromEnvironment(["SSL_CERT_FILE": path])
            let error = #expect(throws: AzureIdentityError.self) {
                _ = try AsyncHTTPClientTransport(configuration: configuration)
            }
            #expect(error?.message == "The CA certificate file '\(path)' \(what).")
            #expect(ContinuousClock.now - started < HangGuard.limit, "a hang guard only: a FIFO must not block")
        }
    }

    @Test func anArcKeyThatIsAFIFOIsRefusedNotWaitedOn() async throws {
        try await withFake { env in
            MIFixtures.register(env)
            defer { try? FileManager.default.removeItem(at: directory) }
            env.fake.setArcKeyDirectory(directory.path)
            let environment = [
                "IDENTITY_ENDPOINT": "\(env.fake.managedIdentityURL)/arc/token", "IMDS_ENDPOINT": "http://unused.test",
            ]
            let (credential, _) = try MIFixtures.credential(env, environment: environment) {
                $0.arcKeyDirectory = directory.path
            }
            let fifo = directory.appendingPathComponent("planted.key").path
            try SpecialFiles.makeFIFO(at: fifo)
            env.fake.setArcChallengeFile(fifo)
            let started = ContinuousClock.now
            let error = await caught { try await credential.getToken(scopes: managementScope) } as? AzureIdentityError
            #expect(error?.code == .authenticationFailed)
            #expect(
                error?.message.contains("is a FIFO (named pipe), not a regular file") == true,
                "\(String(describing: error))")
            #expect(ContinuousClock.now - started < HangGuard.limit, "a hang guard only: a FIFO must not block")
        }
    }
}
