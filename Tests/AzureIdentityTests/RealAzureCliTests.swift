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
            let signIn = try await AzureCliSignIn(
                az: azPath, fake: env.fake, directory: tools.directory, proxyURL: proxy.url,
                clientID: FakeEnvironment.clientID, secret: FakeEnvironment.secret, tenantID: FakeEnvironment.tenant)
            let environment = signIn.environment

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
}
