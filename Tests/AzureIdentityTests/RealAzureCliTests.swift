// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

/// The real Azure CLI against the fake Entra ID. Off unless `AUTHPROFILE_TEST_REAL_AZ=1` (CI turns it on after
/// `scripts/install-azure-cli.sh`); `AUTHPROFILE_AZ_PATH` may point at another `az`.
///
/// `az` runs with its own config directory, the fake's CA (`REQUESTS_CA_BUNDLE`), instance discovery off, telemetry
/// off, a pre-seeded version-check file (so it does not look for new versions at start-up) and `HTTPS_PROXY` set
/// to a ``FakeProxy`` that only tunnels to loopback: the test fails if `az` tried to reach any other host.
@Suite("AzureCliCredential with the real az", .enabled(if: RealAzureCli.enabled), .timeLimit(.minutes(5)))
struct RealAzureCliTests {
    @Test("az cloud register + az login --service-principal against the fake, then a token through real az")
    func realAz() async throws {
        let azPath = try #require(RealAzureCli.executable, "az not found: run scripts/install-azure-cli.sh")
        try await withFake { env in
            let proxy = try await FakeProxy()
            let tools = try FakeTools()
            defer { tools.remove() }
            let config = tools.file("azure-config")
            try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
            try await RealAzureCli.seedVersionCheck(configDirectory: config, az: azPath)
            let ca = tools.file("ca.pem")
            try env.fake.caCertificatePEM.write(to: ca, atomically: true, encoding: .utf8)
            let environment = [
                "PATH": "\(azPath.deletingLastPathComponent().path):/usr/bin:/bin", "HOME": tools.directory.path,
                "AZURE_CONFIG_DIR": config.path, "REQUESTS_CA_BUNDLE": ca.path,
                "AZURE_CORE_INSTANCE_DISCOVERY": "false",
                "AZURE_CORE_COLLECT_TELEMETRY": "false", "AZURE_CORE_SURVEY_MESSAGE": "false",
                "AZURE_CORE_NO_COLOR": "true",
                "AZURE_CORE_ONLY_SHOW_ERRORS": "true", "HTTPS_PROXY": proxy.url, "HTTP_PROXY": proxy.url,
                "NO_PROXY": "127.0.0.1,localhost", "LANG": "C.UTF-8",
            ]
            let runner = SubprocessRunner()
            func runAz(_ arguments: [String]) async throws -> ProcessOutput {
                let output = try await runner.run(
                    ProcessInvocation(
                        executable: "az",
                        arguments: arguments,
                        environment: environment,
                        timeout: .seconds(120)
                    )
                )
                #expect(
                    output.exitCode == 0,
                    "az \(arguments.prefix(2).joined(separator: " ")): \(output.standardError)"
                )
                return output
            }
            let authority = env.fake.authorityURL
            _ = try await runAz([
                "cloud", "register", "--name", "FakeCloud", "--skip-endpoint-discovery", "--endpoint-active-directory",
                authority,
                "--endpoint-resource-manager", "\(authority)/",
                "--endpoint-active-directory-resource-id", "https://management.core.windows.net/",
                "--endpoint-active-directory-graph-resource-id", "https://graph.windows.net/",
                "--endpoint-management", "https://management.core.windows.net/",
            ])
            _ = try await runAz(["cloud", "set", "--name", "FakeCloud"])
            _ = try await runAz([
                "login", "--service-principal", "--username", FakeEnvironment.clientID, "--password",
                FakeEnvironment.secret, "--tenant", FakeEnvironment.tenant, "--allow-no-subscriptions", "--output",
                "none",
            ])

            let credential = try AzureCliCredential(
                tenantID: FakeEnvironment.tenant,
                processTimeout: .seconds(120),
                options: CredentialOptions(environment: environment)
            )
            let token = try await credential.getToken(scopes: managementScope)
            let claims = try #require(env.fake.verifiedClaims(of: token.token.revealedValue()))
            #expect(claims["appid"] as? String == FakeEnvironment.clientID)
            #expect(claims["aud"] as? String == "https://management.azure.com")
            #expect(token.expiresOn > Date().addingTimeInterval(600))
            #expect(proxy.connectTargets.isEmpty, "az tried to reach \(proxy.connectTargets)")
            try await proxy.shutdown()
        }
    }
}

enum RealAzureCli {
    static var enabled: Bool { ProcessInfo.processInfo.environment["AUTHPROFILE_TEST_REAL_AZ"] == "1" }

    /// `AUTHPROFILE_AZ_PATH`, else `.build-az/venv/bin/az` in the package.
    static var executable: URL? {
        if let path = ProcessInfo.processInfo.environment["AUTHPROFILE_AZ_PATH"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let az = root.appendingPathComponent(".build-az/venv/bin/az")
        return FileManager.default.isExecutableFile(atPath: az.path) ? az : nil
    }

    /// Writes `versionCheck.json` as if az had just checked for updates, so it does not go to the network.
    static func seedVersionCheck(configDirectory: URL, az: URL) async throws {
        let python = az.deletingLastPathComponent().appendingPathComponent("python")
        let output = try await SubprocessRunner().run(
            ProcessInvocation(
                executable: python.path,
                arguments: ["-c", "import importlib.metadata as m; print(m.version('azure-cli-core'))"],
                environment: ["PATH": "/usr/bin:/bin"]
            )
        )
        let version = output.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss.SSSSSS"
        let now = formatter.string(from: Date())
        let pair = ["local": version, "pypi": version]
        let seed: [String: Any] = [
            "versions": ["azure-cli": pair, "core": pair, "telemetry": ["local": "1.1.0", "pypi": "1.1.0"]],
            "update_time": now, "check_time": now,
        ]
        try JSONSerialization.data(withJSONObject: seed).write(
            to: configDirectory.appendingPathComponent("versionCheck.json")
        )
    }
}
