// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentityTesting
import Foundation
import Testing

/// The README's kubectl section, run by the real kubectl (issue 12: "the second and later calls send no token
/// request"; issue 14: "the README's … kubeconfig sections run as printed").
///
/// The kubeconfig and the profile file are the README's blocks as printed, written where the README says
/// (`~/.kube/config`, `~/.config/authprofile/aks.yaml`) in a scratch home, with only these replaced: the cluster's
/// `server` and `certificate-authority-data` (a ``FakeKubernetesAPIServer`` on 127.0.0.1) and the tenant's cloud (a
/// ``FakeEntraID`` on 127.0.0.1). kubectl finds `authprofile` (the binary built with the tests) on `PATH`, as a
/// user's would; `HOME`, `XDG_CONFIG_HOME`, `XDG_CACHE_HOME` and `KUBECONFIG` are in the scratch directory, so
/// nothing of the machine's `~/.kube` or caches is read or written.
///
/// The token cache is encrypted with a key in the kernel's user keyring, as on a user's machine. The kubectl runs
/// happen in a user namespace of their own (`unshare --user --map-root-user`), whose user keyring is private and
/// disappears with it: the test never adds a key to the keyring of the user running the tests (the README's
/// profile uses the default cache name, whose key a real cache of that user may hold).
///
/// Needs kubectl, the `authprofile` binary next to the test runner (`swift build --build-tests` builds it) and
/// unprivileged user namespaces. Without them the suite is skipped with the reason, unless
/// `AUTHPROFILE_REQUIRE_KUBECTL=1` (scripts/test.sh sets it): then it fails.
@Suite(.enabled(if: KubectlRequirement.runs, Comment(rawValue: KubectlRequirement.skipComment)))
struct KubectlEndToEndTests {
    static let tenant = "2d1a8c9e-0000-4000-8000-0000000000c1"
    static let clientID = "2d1a8c9e-0000-4000-8000-000000000004"
    static let secret = "kubectl~E2E.0123456789abcdef"
    static let wrongSecret = "kubectl~Wrong.fedcba9876543210"
    /// The README's kubectl command (README commands are also listed in ReadmeCommandTests.notRun).
    static let command = "kubectl get pods"

    @Test func threeKubectlCallsSendOneTokenRequest() async throws {
        try #require(KubectlRequirement.unavailableReason == nil, "\(KubectlRequirement.skipComment)")
        try await withFakes { entra, cluster in
            let home = try ScratchHome(entra: entra, cluster: cluster)
            defer { home.remove() }
            let runs = try await home.kubectl(times: 3, secret: Self.secret)
            for (index, run) in runs.enumerated() {
                #expect(run.status == 0, "kubectl call \(index + 1):\n\(run.stdout)\(run.stderr)")
                #expect(run.stderr.contains("No resources found in default namespace."), "\(run.stderr)")
                #expect(!(run.stdout + run.stderr).contains(Self.secret))
                #expect(!(run.stdout + run.stderr).contains("eyJ"), "no token in kubectl's output")
            }
            #expect(entra.tokenRequests.count == 1, "the second and third call were answered from the disk cache")
            let requests = cluster.requests
            let rejected = requests.compactMap(\.authenticationProblem)
            #expect(rejected.isEmpty, "the API server refused: \(rejected)")
            let pods = requests.filter { $0.request.path == "/api/v1/namespaces/default/pods" && $0.isAuthenticated }
            #expect(pods.count == 3, "\(requests.map { "\($0.request.method) \($0.request.path)" })")
            // Encrypted with the (namespace's) kernel keyring: the README's profile does not allow plaintext.
            let cache = home.root + "/.cache/authprofile/authprofile.cache"
            let contents = try #require(FileManager.default.contents(atPath: cache), "no cache file at \(cache)")
            let text = String(decoding: contents, as: UTF8.self)
            #expect(text.hasPrefix("authprofile-token-cache 1 aes-256-gcm\n"), "\(text.prefix(60))")
            #expect(!text.contains("eyJ"))
            let mode = try FileManager.default.attributesOfItem(atPath: cache)[.posixPermissions] as? Int
            #expect(mode == 0o600)
        }
    }

    @Test func aRejectedSecretFailsKubectlWithAuthprofilesError() async throws {
        try #require(KubectlRequirement.unavailableReason == nil, "\(KubectlRequirement.skipComment)")
        try await withFakes { entra, cluster in
            let home = try ScratchHome(entra: entra, cluster: cluster)
            defer { home.remove() }
            let run = try #require(try await home.kubectl(times: 1, secret: Self.wrongSecret).first)
            #expect(run.status != 0)
            // The plugin's standard error reaches kubectl's (its path, then every link's outcome), then kubectl's
            // own error. kubectl runs the failing plugin again for each request it retries (6 times for the
            // discovery of `get pods` in kubectl 1.32), and each run asks Entra ID again.
            #expect(run.stderr.contains("aks.yaml:8:3: profile 'aks-admin' could not get a token"), "\(run.stderr)")
            #expect(run.stderr.contains("AADSTS7000215"), "Entra's reason is shown: \(run.stderr)")
            #expect(run.stderr.contains("authprofile"), "kubectl names the failing plugin: \(run.stderr)")
            for secret in [Self.wrongSecret, Self.secret] {
                #expect(!(run.stdout + run.stderr).contains(secret), "a secret was printed")
            }
            #expect(entra.tokenRequests.count >= 1)
            #expect(entra.tokenRequests.allSatisfy { $0.form["client_id"] == Self.clientID })
            #expect(cluster.requests.allSatisfy { !$0.isAuthenticated }, "no request went out with a token")
        }
    }

    /// A fake Entra ID with the README profile's tenant and application, and a fake API server that accepts its
    /// tokens for AKS's audience from that tenant.
    func withFakes(_ body: (FakeEntraID, FakeKubernetesAPIServer) async throws -> Void) async throws {
        let entra = try await FakeEntraID.started()
        entra.addTenant(Self.tenant)
        entra.register(FakeApplication(clientID: Self.clientID, tenantID: Self.tenant, secrets: [Self.secret]))
        let cluster: FakeKubernetesAPIServer
        do {
            cluster = try await FakeKubernetesAPIServer.started(entra: entra, tenantID: Self.tenant)
        } catch {
            try? await entra.shutdown()
            throw error
        }
        do {
            try await body(entra, cluster)
        } catch {
            try? await cluster.shutdown()
            try? await entra.shutdown()
            throw error
        }
        try await cluster.shutdown()
        try await entra.shutdown()
    }
}

/// A scratch home with the README's kubeconfig and profile file, and kubectl runs in it.
struct ScratchHome {
    let root: String

    init(entra: FakeEntraID, cluster: FakeKubernetesAPIServer) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("authprofile-kubectl-\(UUID())").path
        let manager = FileManager.default
        for directory in ["/.kube", "/.config/authprofile", "/bin", "/work", "/out"] {
            try manager.createDirectory(atPath: root + directory, withIntermediateDirectories: true)
        }
        try manager.createSymbolicLink(
            atPath: root + "/bin/authprofile", withDestinationPath: KubectlRequirement.binary)
        try entra.caCertificatePEM.write(toFile: root + "/entra-ca.pem", atomically: true, encoding: .utf8)
        let (kubeconfig, profiles) = try Self.readmeFiles()
        try Self.replacing(
            in: kubeconfig,
            [
                ("server: https://aks-prod-dns-1a2b3c4d.hcp.westeurope.azmk8s.io:443", "server: \(cluster.url)"),
                (
                    "certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==",
                    "certificate-authority-data: \(Data(cluster.caCertificatePEM.utf8).base64EncodedString())"
                ),
            ]
        ).write(toFile: root + "/.kube/config", atomically: true, encoding: .utf8)
        let cloud =
            "fake: { authorityHost: \(entra.authorityURL), allowLoopback: true, caBundle: \(root)/entra-ca.pem }"
        try Self.replacing(
            in: profiles,
            [
                ("version: 1\n", "version: 1\nclouds:\n  \(cloud)\n"),
                (
                    "contoso: { id: \(KubectlEndToEndTests.tenant) }",
                    "contoso: { id: \(KubectlEndToEndTests.tenant), cloud: fake }"
                ),
            ]
        ).write(toFile: root + "/.config/authprofile/aks.yaml", atomically: true, encoding: .utf8)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: root)
    }

    /// The README's kubeconfig and profile blocks, identified by their first lines (the paths they belong at).
    static func readmeFiles() throws -> (kubeconfig: String, profiles: String) {
        let blocks = try ReadmeCommandTests.blocks().filter { $0.language == "yaml" }
        func block(_ firstLine: String) throws -> String {
            let found = blocks.filter { $0.lines.first == firstLine }
            try #require(found.count == 1, "README.md has \(found.count) yaml blocks starting \(firstLine)")
            return found[0].lines.joined(separator: "\n") + "\n"
        }
        let kubeconfig = try block("# ~/.kube/config")
        let profiles = try block("# ~/.config/authprofile/aks.yaml")
        try #require(ReadmeCommandTests.commandLines().contains(KubectlEndToEndTests.command))
        return (kubeconfig, profiles)
    }

    /// `text` with each pair replaced; each must occur exactly once (the README changed otherwise).
    static func replacing(in text: String, _ replacements: [(String, String)]) throws -> String {
        var result = text
        for (old, new) in replacements {
            let count = result.components(separatedBy: old).count - 1
            try #require(count == 1, "README block: \(old.debugDescription) occurs \(count) times, not once")
            result = result.replacingOccurrences(of: old, with: new)
        }
        return result
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The README's kubectl command `times` times in a row, in one private user namespace (so one private user
    /// keyring holds the cache's key for all of them), with `secret` in `AKS_ADMIN_SECRET`. Bounded: `timeout`
    /// kills the whole process group after 120 s.
    func kubectl(times: Int, secret: String) async throws -> [Run] {
        let script = """
            cd "$HOME/work" || exit 91
            i=1
            while [ "$i" -le \(times) ]; do
                \(KubectlEndToEndTests.command) >"$OUT/out.$i" 2>"$OUT/err.$i"
                echo $? >"$OUT/status.$i"
                i=$((i + 1))
            done
            """
        let kubectlDirectory = (KubectlRequirement.kubectl as NSString).deletingLastPathComponent
        let environment = [
            "PATH": "\(root)/bin:\(kubectlDirectory):/usr/bin:/bin", "HOME": root, "XDG_CONFIG_HOME": root + "/.config",
            "XDG_CACHE_HOME": root + "/.cache", "KUBECONFIG": root + "/.kube/config", "AKS_ADMIN_SECRET": secret,
            "OUT": root + "/out", "LANG": "C.UTF-8", "SWIFT_BACKTRACE": "enable=no",
        ]
        let status = try await KubectlRequirement.run(
            "/usr/bin/timeout",
            ["-k", "5", "120", "/usr/bin/unshare", "--user", "--map-root-user", "/bin/sh", "-c", script],
            environment: environment)
        try #require(status == 0, "the kubectl script ended with \(status) (124: timed out)")
        return (1...times).map { index in
            func read(_ name: String) -> String {
                (try? String(contentsOfFile: "\(root)/out/\(name).\(index)", encoding: .utf8)) ?? ""
            }
            let status = Int32(read("status").trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
            return Run(status: status, stdout: read("out"), stderr: read("err"))
        }
    }
}

/// Whether the kubectl tests can run here, and why not.
enum KubectlRequirement {
    static let required = ProcessInfo.processInfo.environment["AUTHPROFILE_REQUIRE_KUBECTL"] == "1"

    /// kubectl on the test process's `PATH`, else `/usr/bin/kubectl`.
    static let kubectl: String = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let candidates = path.split(separator: ":").map { "\($0)/kubectl" } + ["/usr/bin/kubectl"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/bin/kubectl"
    }()

    /// The `authprofile` binary next to the test runner (`.build/<triple>/debug/`).
    static let binary: String = {
        let runner = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
        var directory = URL(fileURLWithPath: runner).deletingLastPathComponent()
        while !directory.path.isEmpty, directory.path != "/",
            !FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("authprofile").path)
        {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("authprofile").path
    }()

    static let unavailableReason: String? = {
        guard FileManager.default.isExecutableFile(atPath: kubectl) else {
            return "kubectl is not installed (not on PATH, not /usr/bin/kubectl)"
        }
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            return "the authprofile binary is not built next to the tests (swift build --build-tests builds it)"
        }
        for tool in ["/usr/bin/unshare", "/usr/bin/timeout"] where !FileManager.default.isExecutableFile(atPath: tool) {
            return "\(tool) is missing (util-linux, coreutils)"
        }
        let probe = try? runBlocking(
            "/usr/bin/timeout", ["10", "/usr/bin/unshare", "--user", "--map-root-user", "/bin/true"], environment: [:])
        guard probe == 0 else {
            return "unshare --user --map-root-user fails: the test needs a user namespace for a private kernel keyring"
        }
        return nil
    }()

    static let runs = required || unavailableReason == nil

    static var skipComment: String {
        "needs kubectl, the built authprofile and user namespaces (AUTHPROFILE_REQUIRE_KUBECTL=1: a failure): "
            + (unavailableReason ?? "all present")
    }

    /// Runs a program to its end on a thread of its own; its status.
    static func run(_ program: String, _ arguments: [String], environment: [String: String]) async throws -> Int32 {
        try await BlockingWork.run { try runBlocking(program, arguments, environment: environment) }
    }

    static func runBlocking(_ program: String, _ arguments: [String], environment: [String: String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
