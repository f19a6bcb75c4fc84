// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Testing

@Suite struct TrustAndProxyTests {
    @Test func sslCertFileFromTheEnvironmentIsTrusted() async throws {
        try await withFake { env in
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let bundle = try directory.write("ca.pem", env.fake.caCertificatePEM)
            for variable in ["SSL_CERT_FILE", "REQUESTS_CA_BUNDLE"] {
                let transport = try AsyncHTTPClientTransport(configuration: .fromEnvironment([variable: bundle]))
                let url = "\(env.fake.authorityURL)/\(FakeEnvironment.tenant)/v2.0/.well-known/openid-configuration"
                let status = await Result(catching: {
                    try await transport.send(TransportRequest(method: "GET", url: url)).status
                })
                try await transport.shutdown()
                #expect(try status.get() == 200, "trusted through \(variable)")
            }
        }
    }

    @Test func aCustomCloudCarriesItsOwnCA() async throws {
        try await withFake { env in
            let cloud = AzureCloud.custom(
                authorityHost: env.fake.authorityHost,
                additionalTrustRootsPEM: [env.fake.caCertificatePEM],
                name: "FakeCloud"
            )
            let transport = try AsyncHTTPClientTransport(configuration: .fromEnvironment([:], cloud: cloud))
            let credential = try ClientSecretCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: FakeEnvironment.clientID,
                secret: Secret(FakeEnvironment.secret),
                options: CredentialOptions(authorityHost: cloud.authorityHost, transport: transport, environment: [:])
            )
            let token = await Result(catching: { try await credential.getToken(scopes: managementScope) })
            try await transport.shutdown()
            #expect(env.fake.verifiedClaims(of: try token.get().token.revealedValue()) != nil)
        }
    }

    @Test func unreadableCABundleIsAConfigurationError() {
        let error = #expect(throws: AzureIdentityError.self) {
            try AsyncHTTPClientTransport(configuration: .fromEnvironment(["SSL_CERT_FILE": "/nonexistent/ca.pem"]))
        }
        #expect(error?.code == .invalidConfiguration)
    }

    @Test func tokenRequestsGoThroughHTTPSProxy() async throws {
        try await withFake { env in
            let proxy = try await FakeProxy()
            let token = try await tokenThroughProxy(env, httpsProxy: proxy.url)
            try await proxy.shutdown()
            #expect(env.fake.verifiedClaims(of: try token.get().token.revealedValue()) != nil)
            #expect(proxy.connectTargets == ["127.0.0.1:\(env.fake.port)"], "the TLS session was tunnelled")
            #expect(env.fake.tokenRequests.count == 1)
        }
    }

    @Test func noProxyHostsBypassTheProxy() async throws {
        try await withFake { env in
            let proxy = try await FakeProxy()
            let status = try await metadataStatus(
                env, environment: ["https_proxy": proxy.url, "no_proxy": "example.org,127.0.0.1"])
            try await proxy.shutdown()
            #expect(try status.get() == 200)
            #expect(proxy.connectTargets.isEmpty)
        }
    }

    @Test func proxyIsUsedForOutsideHostsOnly() async throws {
        // The proxy points at a closed loopback port: requests that go through it fail, NO_PROXY hosts do not.
        try await withFake { env in
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            var configuration = try TransportConfiguration.fromEnvironment([
                "HTTPS_PROXY": "http://127.0.0.1:1", "NO_PROXY": "localhost,127.0.0.1",
            ])
            configuration.additionalTrustRootsPEM = [env.fake.caCertificatePEM]
            let transport = try AsyncHTTPClientTransport(configuration: configuration)
            let url = "\(env.fake.authorityURL)/\(FakeEnvironment.tenant)/v2.0/.well-known/openid-configuration"
            let direct = await Result(catching: {
                try await transport.send(TransportRequest(method: "GET", url: url)).status
            })
            var proxiedConfiguration = configuration
            proxiedConfiguration.noProxy = []
            let proxiedTransport = try AsyncHTTPClientTransport(configuration: proxiedConfiguration)
            let proxied = await Result(catching: {
                try await proxiedTransport.send(TransportRequest(method: "GET", url: url)).status
            })
            try await transport.shutdown()
            try await proxiedTransport.shutdown()
            #expect(try direct.get() == 200)
            #expect(throws: TransportError.self) { try proxied.get() }
        }
    }
}

extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do {
            self = .success(try await body())
        } catch {
            self = .failure(error)
        }
    }
}
