// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AuthProfilesRuntime
import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

/// Issue 9 items 5, 12 and 20: for every kind of file a profile reads, explain's dry run and the run read it
/// through the same code, so the dry run's verdict is what the run then does: a secret file that explain calls
/// ready authenticates, one it calls unavailable is unavailable, one it calls misconfigured fails. FIFOs, devices
/// and directories are named, and nothing waits on them.
@Suite struct FileAgreementTests {
    /// What to put at the path a profile reads.
    enum Setup: Sendable, CustomStringConvertible {
        case text(String)
        case bytes([UInt8])
        case fifo
        case directory
        case link(String)
        case missing

        var description: String {
            switch self {
            case .text(let text): "text \(text.debugDescription)"
            case .bytes(let bytes): "bytes \(bytes)"
            case .fifo: "a FIFO"
            case .directory: "a directory"
            case .link(let target): "a link to \(target)"
            case .missing: "nothing"
            }
        }

        func make(at path: String) throws {
            switch self {
            case .text(let text): try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            case .bytes(let bytes): try Data(bytes).write(to: URL(fileURLWithPath: path))
            case .fifo: try SpecialFiles.makeFIFO(at: path)
            case .directory: try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            case .link(let target): try SpecialFiles.makeLink(at: path, to: target)
            case .missing: break
            }
            if case .text = self { chmod(path, 0o600) }
        }
    }

    static let secret = FakeProfileEnvironment.secret

    /// `{file:}` secret contents and what both must conclude (the docs: the file's contents, surrounding white
    /// space trimmed; an empty file counts as absent).
    static let secretCases: [(Setup, LinkOutcome, String?)] = [
        (.text(secret + "\n"), .authenticated, nil),
        (.text("  \(secret) \t\r\n"), .authenticated, nil),
        (.text("\u{FEFF}\(secret)\r\n"), .authenticated, nil),
        (.text("\n\(secret)\n\n"), .authenticated, nil),
        (.text(""), .unavailable, "is empty"),
        (.text(" \n\t \r\n"), .unavailable, "is empty"),
        (.missing, .unavailable, "does not exist"),
        (.bytes(Array(secret.utf8) + [0xFF, 0x0A]), .failed, "is not UTF-8 text"),
        (.fifo, .failed, "is a FIFO (named pipe), not a regular file"),
        (.directory, .failed, "is a directory, not a file"),
        (.link("/dev/zero"), .failed, "is a character device, not a regular file"),
    ]

    @Test(arguments: secretCases)
    func secretFiles(_ setup: Setup, _ outcome: LinkOutcome, _ detail: String?) async throws {
        try await withFakeProfiles { env in
            try setup.make(at: env.directory + "/secret")
            let profiles = env.profiles(
                """
                  app:
                    tenant: test
                    credential:
                      type: clientSecret
                      clientId: \(FakeProfileEnvironment.clientID)
                      clientSecret: { file: secret }
                """)
            let started = ContinuousClock.now
            let link = try explainFirstLink(profiles, env)
            let attempt = try await runLastAttempt(profiles, env)
            #expect(ContinuousClock.now - started < HangGuard.limit, "a hang guard only: nothing waits on the file")
            #expect(attempt.outcome == outcome)
            #expect(
                link.verdict
                    == (outcome == .authenticated
                        ? .ready
                        : outcome == .unavailable
                            ? .unavailable : .misconfigured))
            if let detail {
                #expect(link.evidence.contains { $0.subject == "file secret" && $0.detail == detail })
                #expect(attempt.reason?.contains("secret file secret \(detail)") == true, "\(attempt.reason ?? "")")
            }
        }
    }

    static let certificateCases: [(Setup, LinkOutcome, String)] = [
        (.fifo, .failed, "is a FIFO (named pipe), not a regular file"),
        (.link("/dev/zero"), .failed, "is a character device, not a regular file"),
        (.link("/dev/null"), .failed, "is a character device, not a regular file"),
        (.directory, .failed, "is a directory, not a file"),
        (.missing, .unavailable, "does not exist"),
    ]

    @Test(arguments: certificateCases)
    func certificateFiles(_ setup: Setup, _ outcome: LinkOutcome, _ detail: String) async throws {
        try await withFakeProfiles { env in
            try setup.make(at: env.directory + "/app.pem")
            let profiles = env.profiles(
                """
                  app:
                    tenant: test
                    credential:
                      type: clientCertificate
                      clientId: \(FakeProfileEnvironment.clientID)
                      certificate: { path: app.pem }
                """)
            let started = ContinuousClock.now
            let link = try explainFirstLink(profiles, env)
            let attempt = try await runLastAttempt(profiles, env)
            #expect(ContinuousClock.now - started < HangGuard.limit, "a hang guard only: nothing waits on the file")
            #expect(attempt.outcome == outcome)
            #expect(link.verdict.runtimeOutcome == outcome)
            // Never a ✓ for something that is not a certificate file.
            #expect(link.evidence.contains { $0.subject == "file app.pem" && $0.detail == detail })
            #expect(!link.evidence.contains { $0.subject == "file app.pem" && $0.status == .ok })
            #expect(attempt.reason?.contains(detail) == true, "\(attempt.reason ?? "")")
        }
    }

    @Test func aCertificateNamedPFXThatHoldsPEMIsReadByItsContentInBoth() async throws {
        try await withFakeProfiles { env in
            let certificate = try env.registeredCertificateApp(commonName: "profile app")
            try Setup.text(certificate.combinedPEM).make(at: env.directory + "/app.pfx")
            let profiles = env.profiles(
                """
                  app:
                    tenant: test
                    credential:
                      type: clientCertificate
                      clientId: \(FakeProfileEnvironment.clientID)
                      certificate: { path: app.pfx }
                """)
            #expect(try explainFirstLink(profiles, env).verdict == .ready)
            #expect(try await runLastAttempt(profiles, env).outcome == .authenticated)
        }
    }

    static let tokenCases: [(Setup, LinkOutcome, String)] = [
        (.fifo, .failed, "is a FIFO (named pipe), not a regular file"),
        (.link("/dev/zero"), .failed, "is a character device, not a regular file"),
        (.text(" \n"), .unavailable, "is empty"),
        (.missing, .unavailable, "does not exist"),
    ]

    @Test(arguments: tokenCases)
    func tokenAndAssertionFiles(_ setup: Setup, _ outcome: LinkOutcome, _ detail: String) async throws {
        try await withFakeProfiles { env in
            try setup.make(at: env.directory + "/token")
            let profiles = env.profiles(
                """
                  pod:
                    tenant: test
                    credential:
                      type: workloadIdentity
                      clientId: \(FakeProfileEnvironment.clientID)
                      tokenFile: token
                  app:
                    tenant: test
                    credential:
                      type: clientAssertion
                      clientId: \(FakeProfileEnvironment.clientID)
                      assertion: { file: token }
                """)
            for (name, subject) in [("pod", "token file token"), ("app", "assertion file token")] {
                let started = ContinuousClock.now
                let link = try explainFirstLink(profiles, env, profile: name)
                let attempt = try await runLastAttempt(profiles, env, profile: name)
                #expect(ContinuousClock.now - started < HangGuard.limit, "a hang guard only: a FIFO must not block")
                #expect(attempt.outcome == outcome, "\(name): \(attempt.reason ?? "")")
                #expect(link.verdict.runtimeOutcome == outcome, "\(name)")
                #expect(link.evidence.contains { $0.subject == subject && $0.detail == detail }, "\(link.evidence)")
                #expect(attempt.reason?.contains(detail) == true, "\(name): \(attempt.reason ?? "")")
            }
        }
    }

    @Test func relativePathsAndTildeResolveAlikeInBoth() async throws {
        try await withFakeProfiles { env in
            try FileManager.default.createDirectory(atPath: env.directory + "/home", withIntermediateDirectories: true)
            try Setup.text(Self.secret).make(at: env.directory + "/home/secret")
            let profiles = env.profiles(
                """
                  app:
                    tenant: test
                    credential:
                      type: clientSecret
                      clientId: \(FakeProfileEnvironment.clientID)
                      clientSecret: { file: ~/secret }
                """)
            let environment = ["HOME": env.directory + "/home", "PATH": ""]
            #expect(try explainFirstLink(profiles, env, environment: environment).verdict == .ready)
            #expect(try await runLastAttempt(profiles, env, environment: environment).outcome == .authenticated)
        }
    }

    static let bundleCases: [(Setup, String)] = [
        (.fifo, "is a FIFO (named pipe), not a regular file"),
        (.link("/dev/zero"), "is a character device, not a regular file"),
        (.missing, "does not exist"),
        (.text("not a certificate"), "holds no PEM certificate"),
    ]

    @Test(arguments: bundleCases)
    func aCABundleIsReadAsTheTransportReadsIt(_ setup: Setup, _ detail: String) throws {
        let directory = FileManager.default.temporaryDirectory.path + "/authprofile-bundle-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try setup.make(at: directory + "/ca.pem")
        let profiles = """
            version: 1
            clouds:
              sovereign: { authorityHost: "https://login.sovereign.example", caBundle: ca.pem }
            profiles:
              app:
                cloud: sovereign
                tenant: 72f988bf-86f1-41af-91ab-2d7cd011db47
                credential: { type: azureCli }
            """
        let started = ContinuousClock.now
        let entry = try #require(ProfileCatalog.load(text: profiles).entry(named: "app"))
        let explanation = ProfileExplainer(
            context: InspectionContext(
                environment: ["PATH": ""], workingDirectory: directory)
        ).explain(entry)
        #expect(
            explanation.context.contains { $0.subject == "caBundle ca.pem" && $0.detail == detail },
            "\(explanation.context)")
        // The run builds its transport from the same file and refuses it the same way, without waiting.
        let error = #expect(throws: AuthProfileError.self) {
            try ProfileCredential(
                entry: entry,
                options: ProfileRuntimeOptions(
                    environment: ["PATH": ""], workingDirectory: directory))
        }
        #expect(error?.description.contains(detail) == true, "\(String(describing: error))")
        #expect(ContinuousClock.now - started < HangGuard.limit, "a hang guard only: nothing waits on the file")
    }
}
