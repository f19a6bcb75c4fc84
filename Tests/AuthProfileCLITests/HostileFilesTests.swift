// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfileCLI
import AzureIdentityTesting
import Foundation
import Testing

/// Issue 9 items 4, 5, 6, 11, 20 and 21 through the CLI: limits that used to trap, FIFOs that used to block
/// forever, symbolic link loops that used to repeat files or never end, unreadable directories that used to be
/// skipped in silence, device paths that explain used to accept, and secret files others can read.
///
/// Every run that used to hang is bounded loosely (5 s) only so that a regression fails instead of hanging.
@Suite struct HostileFilesTests {
    static let profile = """
        version: 1
        profiles:
          dev:
            credential: { type: azureCli }

        """

    // MARK: Item 4: limits

    @Test(arguments: ["--max-file-size", "--max-depth", "--max-nodes"])
    func theLargestLimitIsAccepted(_ option: String) async throws {
        let scratch = try Scratch()
        let file = try scratch.write("dev.yaml", Self.profile)
        let run = await CLIHarness.run(["validate", option, String(Int.max), file])
        #expect(run.status == 0, "\(run.transcript)")
        #expect(run.stdout.contains("ok: 1 file, 1 profile"))
    }

    @Test(arguments: ["99999999999999999999", "-1", "0", "1e9", "0x10"])
    func limitsThatAreNotPositiveIntegersAreUsageErrors(_ value: String) async throws {
        let scratch = try Scratch()
        let file = try scratch.write("dev.yaml", Self.profile)
        for option in ["--max-file-size", "--max-depth", "--max-nodes"] {
            let run = await CLIHarness.run(["validate", "\(option)=\(value)", file])
            #expect(run.status == 2, "\(option) \(value): \(run.transcript)")
            #expect(!run.stderr.isEmpty)
        }
    }

    @Test func aLimitJustUnderTheFileSizeRefusesIt() async throws {
        let scratch = try Scratch()
        let file = try scratch.write("dev.yaml", Self.profile)
        let size = Self.profile.utf8.count
        let refused = await CLIHarness.run(["validate", "--max-file-size", String(size - 1), file])
        #expect(
            refused.stdout.contains(
                "error[AP101]: file is \(size) bytes, more than the limit of \(size - 1) bytes"))
        let accepted = await CLIHarness.run(["validate", "--max-file-size", String(size), file])
        #expect(accepted.status == 0)
    }

    // MARK: Item 5: FIFOs

    @Test func validateNamesAFIFOInsteadOfWaitingOnIt() async throws {
        let scratch = try Scratch()
        let fifo = scratch.path("team.yaml")
        try SpecialFiles.makeFIFO(at: fifo)
        let run = try await bounded { await CLIHarness.run(["validate", fifo]) }
        #expect(run.status == 2)
        #expect(run.stdout.contains("error[AP100]: file is a FIFO (named pipe), not a regular file"))
        #expect(run.stdout.contains("profiles are read from regular files only"))
    }

    @Test func aFIFOInADirectoryIsReportedAndTheRestIsValidated() async throws {
        let scratch = try Scratch()
        try scratch.write("profiles/dev.yaml", Self.profile)
        try SpecialFiles.makeFIFO(at: scratch.path("profiles/pipe.yaml"))
        let directory = scratch.path("profiles")
        let validate = try await bounded { await CLIHarness.run(["validate", "--format", "json", directory]) }
        #expect(validate.status == 2)
        #expect(validate.stdout.contains("\"message\": \"file is a FIFO (named pipe), not a regular file\""))
        #expect(validate.stdout.contains("\"valid\": true"))
        for arguments in [["list", "--file", directory], ["explain", "dev", "--file", directory]] {
            let run = try await bounded { await CLIHarness.run(arguments) }
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stderr.contains("pipe.yaml has errors"), "\(arguments): \(run.stderr)")
        }
        let searchPath = try await bounded {
            await CLIHarness.run(["list"], environment: ["AUTHPROFILE_PATH": directory])
        }
        #expect(searchPath.status == 2)
        #expect(searchPath.stderr.contains("pipe.yaml has errors"))
    }

    @Test func theDryRunNamesAFIFOSecretCertificateOrTokenFile() async throws {
        let scratch = try Scratch()
        for name in ["secret", "app.pem", "token"] { try SpecialFiles.makeFIFO(at: scratch.path(name)) }
        let file = try scratch.write(
            "profiles.yaml",
            """
            version: 1
            tenants:
              corp: { id: 72f988bf-86f1-41af-91ab-2d7cd011db47 }
            profiles:
              app:
                tenant: corp
                credential:
                  type: chain
                  links:
                    - { type: clientSecret, clientId: 2d1a8c9e-0000-4000-8000-000000000001,
                        clientSecret: { file: \(scratch.path("secret")) }, onFailed: next }
                    - { type: clientCertificate, clientId: 2d1a8c9e-0000-4000-8000-000000000001,
                        certificate: { path: \(scratch.path("app.pem")) }, onFailed: next }
                    - { type: workloadIdentity, clientId: 2d1a8c9e-0000-4000-8000-000000000001,
                        tokenFile: \(scratch.path("token")) }

            """)
        let run = try await bounded { await CLIHarness.run(["explain", "app", "--file", file]) }
        let fifo = "is a FIFO (named pipe), not a regular file"
        for name in [
            "file \(scratch.path("secret"))", "file \(scratch.path("app.pem"))",
            "token file \(scratch.path("token"))",
        ] {
            #expect(run.stdout.contains("! \(name): \(fifo)"), "\(name):\n\(run.stdout)")
        }
        #expect(run.status == 1)
    }

    @Test func anEnvironmentFileThatIsAFIFOIsAUsageError() async throws {
        let scratch = try Scratch()
        let fifo = scratch.path("ci.env")
        try SpecialFiles.makeFIFO(at: fifo)
        let run = try await bounded { await CLIHarness.run(["explain", "--env", fifo]) }
        #expect(run.status == 2)
        #expect(run.stderr.contains("--env \(fifo): cannot read the environment file: it is a FIFO (named pipe)"))
    }

    // MARK: Item 6: symbolic link loops

    @Test func linksToTheDirectoryItselfAreReadOnce() async throws {
        let scratch = try Scratch()
        try scratch.write("profiles/dev.yaml", Self.profile)
        try SpecialFiles.makeLink(at: scratch.path("profiles/again"), to: ".")
        try SpecialFiles.makeLink(at: scratch.path("profiles/more"), to: ".")
        try SpecialFiles.makeLink(at: scratch.path("profiles/up"), to: "..")
        let directory = scratch.path("profiles")
        let validate = try await bounded { await CLIHarness.run(["validate", directory]) }
        #expect(validate.status == 0)
        #expect(validate.stdout.contains("ok: 1 file, 1 profile"))
        let list = try await bounded { await CLIHarness.run(["list", "--file", directory]) }
        #expect(list.status == 0, "\(list.stderr)")
        #expect(!list.stderr.contains("defined twice"))
        #expect(list.stdout.components(separatedBy: "dev ").count == 2)
    }

    // MARK: Item 11: unreadable directories

    @Test(.enabled(if: UnprivilegedUser.isAvailable))
    func anUnreadableDirectoryFailsValidateEvenWithoutStrict() async throws {
        let scratch = try Scratch()
        // Readable by all: only the directory is closed to the unprivileged user.
        try scratch.write("profiles/dev.yaml", Self.profile, permissions: 0o644)
        try scratch.write("profiles/team/prod.yaml", Self.profile, permissions: 0o644)
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: scratch.path("profiles/team"))
        let directory = scratch.path("profiles")
        for arguments in [["validate", "--strict", directory], ["validate", directory]] {
            let run = await UnprivilegedUser.run { await CLIHarness.run(arguments) }
            #expect(run.status == 2, "\(arguments): \(run.transcript)")
            #expect(
                run.stdout.contains(
                    "\(directory)/team:1:1: error[AP100]: directory cannot be opened: permission denied"),
                "\(run.stdout)")
        }
        let list = await UnprivilegedUser.run { await CLIHarness.run(["list", "--file", directory]) }
        #expect(list.status == 2)
        #expect(list.stderr.contains("team has errors"))
    }

    // MARK: Items 20 and 21: what a path is, and who can read it

    @Test func explainSaysWhatACertificatePathIsAndNeverTicksIt() async throws {
        let scratch = try Scratch()
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
                  certificate: { path: /dev/zero }

            """)
        let run = try await bounded { await CLIHarness.run(["explain", "app", "--file", file]) }
        #expect(run.stdout.contains("! file /dev/zero: is a character device, not a regular file"), "\(run.stdout)")
        #expect(!run.stdout.contains("✓ file /dev/zero"))
        #expect(run.status == 1)
    }

    @Test func explainWarnsAboutASecretFileOthersCanRead() async throws {
        let scratch = try Scratch()
        let secret = try scratch.write("secret", "s3cr3t-never-shown\n", permissions: 0o644)
        let file = try scratch.write(
            "profiles.yaml",
            """
            version: 1
            profiles:
              app:
                tenant: 72f988bf-86f1-41af-91ab-2d7cd011db47
                credential:
                  type: clientSecret
                  clientId: 2d1a8c9e-0000-4000-8000-000000000001
                  clientSecret: { file: \(secret) }

            """)
        let open = await CLIHarness.run(["explain", "app", "--file", file])
        #expect(
            open.stdout.contains(
                "file \(secret): is readable by its group and all users (mode 0644); anyone who can read it has the "
                    + "client secret"), "\(open.stdout)")
        #expect(open.stdout.contains("chmod 600 \(secret)"))
        #expect(!open.stdout.contains("s3cr3t"))
        // validate warns too (the path is literal and absolute).
        let validate = await CLIHarness.run(["validate", file])
        #expect(
            validate.stdout.contains(
                "warning[AP506]: clientSecret: secret file \(secret) is readable by its "
                    + "group and all users (mode 0644)"))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: secret)
        let closed = await CLIHarness.run(["explain", "app", "--file", file])
        #expect(!closed.stdout.contains("readable by"))
        #expect(await CLIHarness.run(["validate", "--strict", file]).status == 0)
    }

    /// Runs `body`, failing the test if it takes ``HangGuard/limit`` or more (it used to block forever; a tighter
    /// bound fails for the wrong reason when the suite runs in parallel on 2 cores).
    private func bounded(_ body: @escaping @Sendable () async -> CLIRun) async throws -> CLIRun {
        let started = ContinuousClock.now
        let run = await body()
        #expect(ContinuousClock.now - started < HangGuard.limit)
        return run
    }
}

/// A fresh directory for one test, removed afterwards (permissions restored first).
final class Scratch: Sendable {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.path + "/authprofile-cli-files-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        if let names = FileManager.default.enumerator(atPath: path) {
            for case let name as String in names {
                try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: path + "/" + name)
            }
        }
        try? FileManager.default.removeItem(atPath: path)
    }

    func path(_ name: String) -> String { path + "/" + name }

    @discardableResult
    func write(_ name: String, _ text: String, permissions: Int = 0o600) throws -> String {
        let file = path(name)
        try FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: file)
        return file
    }
}
