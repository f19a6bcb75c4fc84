// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import Foundation
import Testing

@Suite struct CoreTypesTests {
    @Test func secretNeverPrintsItsValue() {
        let secret = Secret("hunter2-very-secret")
        var dumped = ""
        dump(secret, to: &dumped)
        var dumpedToken = ""
        let token = AccessToken(token: secret, expiresOn: Date())
        dump(token, to: &dumpedToken)
        for text in [
            "\(secret)", String(describing: secret), String(reflecting: secret), dumped, "\(token)",
            String(reflecting: token), dumpedToken,
        ] {
            #expect(!text.contains("hunter2"), "leaked in: \(text)")
        }
        #expect("\(secret)" == Secret.redactionMarker)
        #expect(secret.revealedValue() == "hunter2-very-secret")
    }

    @Test func authorityHostRules() throws {
        #expect(try AuthorityHost("login.microsoftonline.com").url == "https://login.microsoftonline.com")
        #expect(try AuthorityHost("https://login.microsoftonline.us/").isWellKnown)
        #expect(try !AuthorityHost("https://login.contoso.example").isWellKnown)
        #expect(throws: AzureIdentityError.self) { try AuthorityHost("http://login.microsoftonline.com") }
        #expect(throws: AzureIdentityError.self) { try AuthorityHost("https://127.0.0.1:8443") }
        #expect(throws: AzureIdentityError.self) { try AuthorityHost("https://localhost") }
        #expect(try AuthorityHost("https://127.0.0.1:8443", allowLoopback: true).url == "https://127.0.0.1:8443")
        #expect(
            AuthorityHost.publicCloud.tokenEndpoint(tenantID: "t")
                == "https://login.microsoftonline.com/t/oauth2/v2.0/token"
        )
        #expect(AuthorityHost.china.url == "https://login.chinacloudapi.cn")
        #expect(AzureCloud.usGovernment.authorityHost.url == "https://login.microsoftonline.us")
    }

    @Test(arguments: ["contoso.onmicrosoft.com", "72f988bf-86f1-41af-91ab-2d7cd011db47", "organizations"])
    func validTenantIDs(_ tenant: String) throws {
        try TenantID.validate(tenant)
    }

    @Test(arguments: ["", "a b", "x/y", "tenant?", "ténant"])
    func invalidTenantIDs(_ tenant: String) {
        #expect(throws: AzureIdentityError.self) { try TenantID.validate(tenant) }
    }

    @Test func tenantResolution() throws {
        func resolve(_ requested: String?, _ allowed: [String], _ environment: [String: String] = [:]) throws -> String
        {
            try TenantID.resolve(
                configured: "home",
                requested: requested,
                additionallyAllowedTenants: allowed,
                environment: environment,
                credentialName: "X"
            )
        }
        #expect(try resolve(nil, []) == "home")
        #expect(try resolve("home", []) == "home")
        #expect(try resolve("other", ["other"]) == "other")
        #expect(try resolve("other", ["*"]) == "other")
        #expect(try resolve("other", [], ["AZURE_IDENTITY_DISABLE_MULTITENANTAUTH": "true"]) == "home")
        #expect(throws: AzureIdentityError.self) { try resolve("other", ["Other"]) }
        #expect(
            try TenantID.resolve(
                configured: "adfs",
                requested: "x",
                additionallyAllowedTenants: [],
                environment: [:],
                credentialName: "X"
            ) == "adfs"
        )
    }

    @Test func formEncodingRoundTrips() {
        let fields = [("scope", "https://x/.default openid"), ("secret", "a+b&c=d~é")]
        let encoded = FormEncoding.encode(fields)
        #expect(encoded == "scope=https%3A%2F%2Fx%2F.default%20openid&secret=a%2Bb%26c%3Dd~%C3%A9")
        let decoded = FormEncoding.decode(encoded)
        #expect(decoded.map(\.0) == ["scope", "secret"])
        #expect(decoded.map(\.1) == ["https://x/.default openid", "a+b&c=d~é"])
    }

    @Test func retryPolicyDelays() {
        // The first retry is prompt (as MSAL's); later ones back off exponentially from the base delay.
        let policy = RetryPolicy(baseDelay: .seconds(1), maxDelay: .seconds(5), jitter: false)
        #expect(
            (0..<5).map(policy.backoff(attempt:)) == [.zero, .seconds(1), .seconds(2), .seconds(4), .seconds(5)]
        )
        var backingOff = policy
        backingOff.promptFirstRetry = false
        #expect(
            (0..<5).map(backingOff.backoff(attempt:))
                == [.seconds(1), .seconds(2), .seconds(4), .seconds(5), .seconds(5)])
        let jittered = RetryPolicy(baseDelay: .seconds(1), jitter: true)
        for _ in 0..<50 {
            #expect(jittered.backoff(attempt: 0) == .zero)
            let delay = jittered.backoff(attempt: 3)
            #expect(delay >= .seconds(2) && delay <= .seconds(4))
        }
        #expect(policy.shouldRetry(status: 429) && policy.shouldRetry(status: 503) && policy.shouldRetry(status: 408))
        #expect(
            !policy.shouldRetry(status: 400) && !policy.shouldRetry(status: 401) && !policy.shouldRetry(status: 501)
        )

        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let seconds = TransportResponse(status: 429, headers: [(name: "Retry-After", value: "3")])
        #expect(policy.serverDelay(in: seconds, now: now) == .seconds(3))
        let milliseconds = TransportResponse(
            status: 429,
            headers: [(name: "retry-after-ms", value: "250"), (name: "Retry-After", value: "9")]
        )
        #expect(policy.serverDelay(in: milliseconds, now: now) == .milliseconds(250))
        let date = TransportResponse(
            status: 503,
            headers: [(name: "retry-after", value: "Tue, 14 Nov 2023 22:13:30 GMT")]
        )
        #expect(policy.serverDelay(in: date, now: now) == .seconds(10))
    }

    @Test func transportConfigurationFromEnvironment() throws {
        let configuration = try TransportConfiguration.fromEnvironment([
            "SSL_CERT_FILE": "/etc/ca.pem", "REQUESTS_CA_BUNDLE": "/etc/other.pem",
            "HTTPS_PROXY": "http://proxy.internal:3128", "NO_PROXY": "localhost,.corp.example,10.0.0.1",
        ])
        #expect(configuration.additionalTrustRootFiles == ["/etc/ca.pem", "/etc/other.pem"])
        #expect(configuration.proxy == TransportConfiguration.Proxy(host: "proxy.internal", port: 3128))
        #expect(configuration.usesProxy(forHost: "login.microsoftonline.com"))
        #expect(!configuration.usesProxy(forHost: "localhost"))
        #expect(!configuration.usesProxy(forHost: "sts.corp.example"))
        #expect(!configuration.usesProxy(forHost: "10.0.0.1"))
        #expect(try !TransportConfiguration.fromEnvironment([:]).usesProxy(forHost: "x"))
    }

    @Test func errorsCompareByCodeAndDescribeEntraDetails() {
        let entra = EntraErrorResponse(
            error: "invalid_client",
            errorDescription: "AADSTS7000215: Invalid client secret provided.\r\nTrace ID: t",
            errorCodes: [7000215],
            traceID: "t",
            correlationID: "c"
        )
        let error = AzureIdentityError(
            code: .authenticationFailed,
            message: "failed",
            credentialName: "ClientSecretCredential",
            entraError: entra,
            statusCode: 401
        )
        #expect(error == AzureIdentityError(code: .authenticationFailed, message: "other"))
        #expect(error != AzureIdentityError(code: .credentialUnavailable, message: "failed"))
        #expect(error.description.contains("AADSTS7000215: Invalid client secret provided."))
        #expect(error.description.contains("traceID=t"))
        #expect(error.shortDescription == "authenticationFailed AADSTS7000215")
    }
}

@Suite struct CertificateLoadErrorTests {
    @Test func loadersStateWhyTheyFailed() throws {
        func reason(_ body: () throws -> ClientCertificate) -> CertificateLoadError.Code? {
            do {
                _ = try body()
                return nil
            } catch {
                return ((error as? AzureIdentityError)?.underlying as? CertificateLoadError)?.code
            }
        }
        #expect(reason { try ClientCertificate(pem: "not pem") } == .noCertificate)
        #expect(reason { try ClientCertificate(pkcs12: [1, 2, 3], password: Secret("x")) } == .pkcs12NotDecrypted)
        #expect(reason { try ClientCertificate.load(path: "/nonexistent/cert.pem") } == .unreadableFile)
    }
}
