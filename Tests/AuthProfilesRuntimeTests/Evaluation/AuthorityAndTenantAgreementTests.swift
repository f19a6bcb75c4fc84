// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AuthProfilesRuntime
import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

/// The validator and the runtime decide authority hosts and tenant ids by the same rule (issue 9 items 13, 14):
/// what `validate` accepts runs, and what the runtime refuses `validate` reports.
@Suite struct AuthorityAndTenantAgreementTests {
    static let hosts = [
        "https://login.contoso.example", "https://login.contoso.example:8443/adfs", "login.contoso.example",
        "http://login.contoso.example", "https://127.0.0.1:8443", "http://127.0.0.1:8443", "http://localhost:8400",
        "https://2130706433", "https://0x7f000001", "https://0.0.0.0", "https://[::1]", "https://[::ffff:127.0.0.1]",
        "http://127.evil.example", "https://127.evil.example", "https://u:p@login.contoso.example",
        "https://login.contoso.example/x?y=1", "https://login.contoso.example#f", "https://login.contoso.example/..",
        "https://login.contoso.example:0", "ftp://localhost", "https://exa mple", "https://a..b",
    ]

    static func document(host: String, allowLoopback: Bool) -> String {
        """
        version: 1
        clouds:
          c: { authorityHost: "\(host)", allowLoopback: \(allowLoopback) }
        tenants:
          t: { id: contoso.onmicrosoft.com, cloud: c }
        profiles:
          p: { tenant: t, credential: { type: azureCli } }
        """
    }

    @Test(arguments: hosts, [false, true])
    func validatorAndRuntimeAgreeOnAuthorityHosts(_ host: String, _ allowLoopback: Bool) {
        let result = ProfileValidator().validate(
            text: Self.document(host: host, allowLoopback: allowLoopback),
            path: "agree.yaml")
        let hostCodes: Set<DiagnosticCode> = [.insecureAuthorityHost, .loopbackAuthorityHost, .invalidURL]
        let validatorAccepts = !result.diagnostics.contains { hostCodes.contains($0.code) }
        let runtimeAccepts = (try? AuthorityHost(host, allowLoopback: allowLoopback)) != nil
        #expect(validatorAccepts == runtimeAccepts, "\(host) allowLoopback: \(allowLoopback)")
        #expect(result.diagnostics.allSatisfy { !$0.message.contains("u:p@") })
    }

    @Test(arguments: [".", "..", "a..b", "contoso.onmicrosoft.com", "common", "x_y"])
    func validatorAndRuntimeAgreeOnTenants(_ tenant: String) {
        let text = "version: 1\nprofiles:\n  p: { tenant: \"\(tenant)\", credential: { type: azureCli } }\n"
        let result = ProfileValidator().validate(text: text, path: "agree.yaml")
        let validatorAccepts = !result.diagnostics.contains { $0.code == .invalidTenantID || $0.code == .unknownTenant }
        let runtimeAccepts = (try? TenantID.validate(tenant)) != nil
        #expect(validatorAccepts == runtimeAccepts, "\(tenant)")
    }

    @Test func anAuthorityFromTheEnvironmentWithAQueryIsRefusedBeforeAnyRequest() async throws {
        try await withFakeProfiles { env in
            let profiles = """
                version: 1
                clouds:
                  envcloud: { authorityHost: { env: AUTHORITY }, allowLoopback: true, caBundle: \(env.directory)/fake-ca.pem }
                tenants:
                  test: { id: \(FakeProfileEnvironment.tenant), cloud: envcloud }
                profiles:
                  app:
                    tenant: test
                    credential:
                      type: clientSecret
                      clientId: \(FakeProfileEnvironment.clientID)
                      clientSecret: { env: SECRET }
                """
            for authority in [
                "\(env.fake.authorityURL)/x?y=1", "https://user:pw@127.0.0.1:\(env.fake.port)",
                "\(env.fake.authorityURL)#f",
            ] {
                let environment = ["AUTHORITY": authority, "SECRET": FakeProfileEnvironment.secret, "PATH": ""]
                let credential = try AuthProfile.credential(
                    named: "app", document: profiles,
                    options: env.options(environment))
                let evaluation = try await credential.evaluate(
                    for: TokenRequest(scopes: [FakeProfileEnvironment.scope]))
                #expect(evaluation.token == nil, "\(authority)")
                let reasons = evaluation.attempts.compactMap(\.reason).joined(separator: "\n")
                #expect(reasons.contains("authority host"), "\(reasons)")
                #expect(!reasons.contains("pw@") && !reasons.contains(FakeProfileEnvironment.secret))
            }
            #expect(env.fake.requests.isEmpty, "the secret was never sent")
            let environment = ["AUTHORITY": env.fake.authorityURL, "SECRET": FakeProfileEnvironment.secret, "PATH": ""]
            let credential = try AuthProfile.credential(
                named: "app", document: profiles, options: env.options(environment))
            let good = try await credential.evaluate(for: TokenRequest(scopes: [FakeProfileEnvironment.scope]))
            #expect(good.token != nil, "the same profile works with a well-formed authority")
        }
    }

    @Test func aDotSegmentTenantFromTheEnvironmentOrARequestIsRefusedBeforeAnyRequest() async throws {
        try await withFakeProfiles { env in
            let body = """
                  app:
                    tenant: { env: TENANT }
                    additionallyAllowedTenants: ["*"]
                    credential:
                      type: clientSecret
                      clientId: \(FakeProfileEnvironment.clientID)
                      clientSecret: { env: SECRET }
                """
            // The profile's tenant comes from the environment; the fake cloud is that of the `test` tenant, which
            // this profile does not name, so give it the cloud directly.
            let profiles = env.profiles(body).replacingOccurrences(
                of: "    tenant: { env: TENANT }", with: "    tenant: { env: TENANT }\n    cloud: fake")
            for tenant in ["..", "."] {
                let environment = ["TENANT": tenant, "SECRET": FakeProfileEnvironment.secret, "PATH": ""]
                let credential = try AuthProfile.credential(
                    named: "app", document: profiles,
                    options: env.options(environment))
                let evaluation = try await credential.evaluate(
                    for: TokenRequest(scopes: [FakeProfileEnvironment.scope]))
                #expect(evaluation.token == nil, "tenant \(tenant)")
            }
            let environment = [
                "TENANT": FakeProfileEnvironment.tenant, "SECRET": FakeProfileEnvironment.secret,
                "PATH": "",
            ]
            let credential = try AuthProfile.credential(
                named: "app", document: profiles,
                options: env.options(environment))
            let requested = try await credential.evaluate(
                for: TokenRequest(
                    scopes: [FakeProfileEnvironment.scope],
                    tenantID: ".."))
            #expect(requested.token == nil)
            #expect(env.fake.requests.isEmpty, "no request named a '..' tenant")
            // The same profile works with a well-formed tenant: the refusals above were the tenant's.
            let good = try await credential.evaluate(for: TokenRequest(scopes: [FakeProfileEnvironment.scope]))
            #expect(good.token != nil)
        }
    }
}
