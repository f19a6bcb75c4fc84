// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Testing

/// Credentials in `HTTPS_PROXY` (`http://user:password@host:port`) reach an authenticating proxy and nothing else.
@Suite struct ProxyAuthenticationTests {
    // MARK: Through an authenticating proxy

    @Test func tokenRequestsCarryTheProxyCredentialsFromHTTPSProxy() async throws {
        try await withFake { env in
            let proxy = try await FakeProxy(credentials: (username: "user", password: "p@ss"))
            // `%40` is `@`: the password is percent-decoded before it is sent.
            let token = try await tokenThroughProxy(env, httpsProxy: "http://user:p%40ss@127.0.0.1:\(proxy.port)")
            try await proxy.shutdown()
            #expect(env.fake.verifiedClaims(of: try token.get().token.revealedValue()) != nil)
            #expect(proxy.connectTargets == ["127.0.0.1:\(env.fake.port)"], "the TLS session was tunnelled")
            #expect(proxy.connects.map(\.username) == ["user"])
            #expect(proxy.connects.map(\.carriedValidCredentials) == [true])
            #expect(env.fake.tokenRequests.count == 1)
        }
    }

    @Test func aWrongProxyPasswordIsAClearTransportErrorWithoutThePassword() async throws {
        try await withFake { env in
            let proxy = try await FakeProxy(credentials: (username: "user", password: "right-proxy-pw-4711"))
            var configuration = try TransportConfiguration.fromEnvironment([
                "HTTPS_PROXY": "http://user:wrong-proxy-pw-0815@127.0.0.1:\(proxy.port)"
            ])
            configuration.additionalTrustRootsPEM = [env.fake.caCertificatePEM]
            let transport = try AsyncHTTPClientTransport(configuration: configuration)
            let url = "\(env.fake.authorityURL)/\(FakeEnvironment.tenant)/v2.0/.well-known/openid-configuration"
            let sent = await Result(catching: {
                try await transport.send(TransportRequest(method: "GET", url: url)).status
            })
            // Through a credential (which retries retryable transport errors) the refusal is not retried.
            let credential = try ClientSecretCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: FakeEnvironment.clientID,
                secret: Secret(FakeEnvironment.secret),
                options: CredentialOptions(
                    authorityHost: env.fake.authorityHost,
                    transport: transport,
                    retryPolicy: RetryPolicy(maxRetries: 3, baseDelay: .milliseconds(10), jitter: false),
                    environment: [:]
                )
            )
            let credentialError = await caught { try await credential.getToken(scopes: managementScope) }
            try await transport.shutdown()
            try await proxy.shutdown()

            let error = try #require(throws: TransportError.self) { try sent.get() }
            #expect(error.code == .proxyAuthenticationFailed)
            #expect(!error.isRetryable)
            #expect(error.message.contains("407 Proxy Authentication Required"))
            #expect(error.message.contains("127.0.0.1:\(proxy.port)"), "names the proxy")
            #expect(error.message.contains("'user'"), "names the user")
            let failure = try #require(credentialError)
            #expect(proxy.connects.count == 2, "one CONNECT for the request, one for the credential: no retries")
            #expect(proxy.connects.allSatisfy { $0.username == "user" && !$0.carriedValidCredentials })
            #expect(env.fake.tokenRequests.isEmpty)
            for text in reflections(of: error) + reflections(of: failure) {
                #expect(!text.contains("wrong-proxy-pw-0815"), "the password leaked into: \(text.prefix(300))")
                #expect(!text.contains("right-proxy-pw-4711"))
            }
        }
    }

    @Test func anAuthenticatingProxyRefusesARequestWithoutCredentials() async throws {
        try await withFake { env in
            let proxy = try await FakeProxy(credentials: (username: "user", password: "p@ss"))
            let sent = try await metadataStatus(env, environment: ["HTTPS_PROXY": proxy.url])
            try await proxy.shutdown()
            let error = try #require(throws: TransportError.self) { try sent.get() }
            #expect(error.code == .proxyAuthenticationFailed)
            #expect(error.message.contains("none are configured"))
            #expect(proxy.connects.map(\.username) == [nil], "no Proxy-Authorization header was sent")
            #expect(proxy.connects.map(\.carriedValidCredentials) == [false])
        }
    }

    @Test func aProxyWithoutCredentialsIsSentNone() async throws {
        try await withFake { env in
            let proxy = try await FakeProxy()
            let status = try await metadataStatus(env, environment: ["HTTPS_PROXY": proxy.url])
            try await proxy.shutdown()
            #expect(try status.get() == 200)
            #expect(proxy.connects.map(\.username) == [nil])
            #expect(proxy.connects.map(\.carriedValidCredentials) == [false], "the proxy requires none")
        }
    }

    // MARK: Parsing HTTPS_PROXY

    @Test func proxyURLWithUserAndPasswordIsPercentDecoded() throws {
        let configuration = try TransportConfiguration.fromEnvironment([
            "HTTPS_PROXY": "http://dom%5Cuser:p%40ss%3Aw%2Frd@proxy.example:3128"
        ])
        let proxy = try #require(configuration.proxy)
        #expect(proxy.host == "proxy.example")
        #expect(proxy.port == 3128)
        #expect(proxy.username == "dom\\user")
        #expect(proxy.password?.revealedValue() == "p@ss:w/rd")
        #expect(proxy.hasCredentials)
    }

    @Test func proxyURLWithUserOnlyHasNoPassword() throws {
        let configuration = try TransportConfiguration.fromEnvironment([
            "https_proxy": "http://user@proxy.example:8080"
        ])
        let proxy = try #require(configuration.proxy)
        #expect(proxy.host == "proxy.example")
        #expect(proxy.port == 8080)
        #expect(proxy.username == "user")
        #expect(proxy.password == nil)
        #expect(proxy.hasCredentials)
    }

    @Test func proxyURLWithoutUserInfoHasNoCredentials() throws {
        for value in ["http://proxy.example:3128", "proxy.example:3128", "http://@proxy.example:3128"] {
            let proxy = try #require(try TransportConfiguration.fromEnvironment(["HTTPS_PROXY": value]).proxy)
            #expect(proxy == TransportConfiguration.Proxy(host: "proxy.example", port: 3128), "\(value)")
            #expect(!proxy.hasCredentials, "\(value)")
        }
    }

    @Test func proxyURLWithPasswordOnlyHasAnEmptyUserName() throws {
        let configuration = try TransportConfiguration.fromEnvironment(["HTTPS_PROXY": "http://:pw@proxy.example"])
        let proxy = try #require(configuration.proxy)
        #expect(proxy.port == 80)
        #expect(proxy.username == "")
        #expect(proxy.password?.revealedValue() == "pw")
    }

    @Test func proxiesDifferingOnlyInPasswordAreDifferentConfigurations() {
        func configuration(password: String) -> TransportConfiguration {
            TransportConfiguration(
                proxy: .init(host: "proxy.example", port: 3128, username: "u", password: Secret(password))
            )
        }
        let first = configuration(password: "a")
        let second = configuration(password: "b")
        #expect(first != second, "the shared transport pool keeps one transport per credentials")
    }

    // MARK: Redaction

    @Test func theProxyPasswordIsNeverDescribedOrDumped() async throws {
        let password = "proxy-pw-@-9876"
        let url = "http://corp%5Calice:proxy-pw-%40-9876@proxy.example:3128"
        let configuration = try TransportConfiguration.fromEnvironment(["HTTPS_PROXY": url, "NO_PROXY": "localhost"])
        let proxy = try #require(configuration.proxy)
        #expect(proxy.password?.revealedValue() == password, "the test checks the value actually configured")
        let transport = try AsyncHTTPClientTransport(configuration: configuration)
        let options = CredentialOptions(transport: transport, environment: ["HTTPS_PROXY": url])
        let optionTexts = reflections(of: options) + reflections(of: transport)
        try await transport.shutdown()

        let configurationTexts = reflections(of: configuration) + reflections(of: proxy)
        for text in configurationTexts {
            #expect(text.contains("proxy.example"), "the text shows the proxy: \(text)")
            #expect(text.contains(Secret.redactionMarker), "the text marks the password as redacted: \(text)")
        }
        #expect(proxy.description == "Proxy(proxy.example:3128, username: corp\\alice, password: <redacted>)")
        #expect(optionTexts.contains { $0.contains("HTTPS_PROXY") }, "the options show the variable's name")
        for text in configurationTexts + optionTexts {
            #expect(!text.contains(password), "the password leaked into: \(text)")
            #expect(!text.contains("proxy-pw-%40-9876"), "the encoded password leaked into: \(text)")
            #expect(!text.contains("proxy-pw"), "part of the password leaked into: \(text)")
        }
    }

    @Test func theFakeProxyDoesNotShowItsPassword() async throws {
        let proxy = try await FakeProxy(credentials: (username: "user", password: "fake-proxy-pw-55"))
        let texts = reflections(of: proxy)
        try await proxy.shutdown()
        #expect(texts.contains { $0.contains("\(proxy.port)") })
        for text in texts {
            #expect(!text.contains("fake-proxy-pw-55"), "the password leaked into: \(text)")
        }
    }
}

/// `description`, `String(reflecting:)` and a deep `dump` of a value.
private func reflections(of value: Any) -> [String] {
    var dumped = ""
    dump(value, to: &dumped, maxDepth: 64)
    return ["\(value)", String(reflecting: value), dumped]
}
