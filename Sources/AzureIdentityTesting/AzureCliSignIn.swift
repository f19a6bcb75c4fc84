// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

public import AzureIdentity
public import Foundation

/// The real Azure CLI (`az`, from PyPI) signed in to a ``FakeEntraID`` as a service principal: its own config
/// directory, the fake registered as a cloud, the fake's CA (`REQUESTS_CA_BUNDLE`), instance discovery, telemetry
/// and the version check off, and `HTTPS_PROXY` set to a proxy (a ``FakeProxy`` that only tunnels to loopback, so a
/// caller can check that `az` tried no other host). Used by the real-az test and the process benchmarks.
public struct AzureCliSignIn: Sendable {
    /// The environment every `az` call of this sign-in runs with.
    public let environment: [String: String]
    /// The `az` executable.
    public let az: URL

    /// Registers the fake as a cloud and signs in to it with `az login --service-principal`.
    /// - Parameters:
    ///   - az: The `az` executable (a PyPI install: its `python` sits next to it).
    ///   - fake: The fake Entra ID, with the application registered.
    ///   - directory: An empty directory for `az`'s configuration, home and the CA file.
    ///   - proxyURL: The `HTTPS_PROXY` every call uses.
    ///   - clientID: The service principal.
    ///   - secret: Its secret.
    ///   - tenantID: Its tenant.
    /// - Throws: When a step of `az` fails (its stderr in the error).
    public init(
        az: URL, fake: FakeEntraID, directory: URL, proxyURL: String, clientID: String, secret: String,
        tenantID: String
    ) async throws {
        let config = directory.appendingPathComponent("azure-config")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try await Self.seedVersionCheck(configDirectory: config, az: az)
        let ca = directory.appendingPathComponent("ca.pem")
        try fake.caCertificatePEM.write(to: ca, atomically: true, encoding: .utf8)
        self.az = az
        self.environment = [
            "PATH": "\(az.deletingLastPathComponent().path):/usr/bin:/bin", "HOME": directory.path,
            "AZURE_CONFIG_DIR": config.path, "REQUESTS_CA_BUNDLE": ca.path,
            "AZURE_CORE_INSTANCE_DISCOVERY": "false",
            "AZURE_CORE_COLLECT_TELEMETRY": "false", "AZURE_CORE_SURVEY_MESSAGE": "false",
            "AZURE_CORE_NO_COLOR": "true",
            "AZURE_CORE_ONLY_SHOW_ERRORS": "true", "HTTPS_PROXY": proxyURL, "HTTP_PROXY": proxyURL,
            "NO_PROXY": "127.0.0.1,localhost", "LANG": "C.UTF-8",
        ]
        let authority = fake.authorityURL
        try await run([
            "cloud", "register", "--name", "FakeCloud", "--skip-endpoint-discovery", "--endpoint-active-directory",
            authority,
            "--endpoint-resource-manager", "\(authority)/",
            "--endpoint-active-directory-resource-id", "https://management.core.windows.net/",
            "--endpoint-active-directory-graph-resource-id", "https://graph.windows.net/",
            "--endpoint-management", "https://management.core.windows.net/",
        ])
        try await run(["cloud", "set", "--name", "FakeCloud"])
        try await run([
            "login", "--service-principal", "--username", clientID, "--password", secret, "--tenant", tenantID,
            "--allow-no-subscriptions", "--output", "none",
        ])
    }

    /// A failed `az` call: its arguments (the first two) and its stderr.
    public struct Failure: Error, CustomStringConvertible {
        /// What failed and why.
        public let description: String
    }

    /// Runs `az` with `arguments` (bounded: 120 s) and returns its output.
    /// - Throws: ``Failure`` when `az` exits with a non-zero status.
    @discardableResult
    public func run(_ arguments: [String]) async throws -> ProcessOutput {
        let output = try await SubprocessRunner().run(
            ProcessInvocation(
                executable: az.path, arguments: arguments, environment: environment, timeout: .seconds(120))
        )
        guard output.exitCode == 0 else {
            throw Failure(
                description: "az \(arguments.prefix(2).joined(separator: " ")): exit \(output.exitCode): "
                    + output.standardError)
        }
        return output
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
