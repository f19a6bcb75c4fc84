// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

/// Tests of the fake itself, through the real transport (no credential involved).
@Suite struct FakeEntraIDTests {
    private func json(_ response: TransportResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
    }

    @Test func serverCertificateIsOnlyTrustedWithTheTestCA() async throws {
        try await withFake { env in
            let untrusting = try AsyncHTTPClientTransport()
            let url = "\(env.fake.authorityURL)/\(FakeEnvironment.tenant)/v2.0/.well-known/openid-configuration"
            let error = await caught { try await untrusting.send(TransportRequest(method: "GET", url: url)) }
            try await untrusting.shutdown()
            // An untrusted certificate is a permanent failure, not retried (issue 9 item 16).
            #expect((error as? TransportError)?.code == .tlsFailed)
            #expect(try await env.transport.send(TransportRequest(method: "GET", url: url)).status == 200)
        }
    }

    @Test func managedIdentityEndpoints() async throws {
        try await withFake { env in
            env.fake.register(
                FakeManagedIdentity(clientID: "mi-system", tenantID: FakeEnvironment.tenant, isSystemAssigned: true)
            )
            env.fake.register(
                FakeManagedIdentity(
                    clientID: "mi-user",
                    tenantID: FakeEnvironment.tenant,
                    resourceID: "/subscriptions/s/rg/r/id"
                )
            )
            let transport = try AsyncHTTPClientTransport()
            defer { Task { try? await transport.shutdown() } }
            let imds =
                "\(env.fake.managedIdentityURL)/metadata/identity/oauth2/token"
                + "?api-version=2018-02-01&resource=https%3A%2F%2Fvault.azure.net"

            let system = try await transport.send(
                TransportRequest(method: "GET", url: imds, headers: [(name: "Metadata", value: "true")])
            )
            #expect(system.status == 200)
            let systemBody = try json(system)
            #expect(systemBody["client_id"] as? String == "mi-system")
            #expect(systemBody["resource"] as? String == "https://vault.azure.net")
            #expect(Int(systemBody["expires_on"] as? String ?? "") != nil)
            #expect(
                env.fake.verifiedClaims(of: systemBody["access_token"] as? String ?? "")?["aud"] as? String
                    == "https://vault.azure.net"
            )

            let byResource = try await transport.send(
                TransportRequest(
                    method: "GET",
                    url: imds + "&msi_res_id=%2Fsubscriptions%2Fs%2Frg%2Fr%2Fid",
                    headers: [(name: "Metadata", value: "true")]
                )
            )
            #expect(try json(byResource)["client_id"] as? String == "mi-user")

            let noHeader = try await transport.send(TransportRequest(method: "GET", url: imds))
            #expect(noHeader.status == 400)
            let unknown = try await transport.send(
                TransportRequest(
                    method: "GET",
                    url: imds + "&client_id=nobody",
                    headers: [(name: "Metadata", value: "true")]
                )
            )
            #expect(unknown.status == 400)
            #expect(try json(unknown)["error_description"] as? String == "Identity not found")

            let appService =
                "\(env.fake.managedIdentityURL)/msi/token"
                + "?api-version=2019-08-01&resource=https%3A%2F%2Fstorage.azure.com"
            let ok = try await transport.send(
                TransportRequest(
                    method: "GET",
                    url: appService,
                    headers: [(name: "X-IDENTITY-HEADER", value: env.fake.appServiceIdentityHeader)]
                )
            )
            #expect(ok.status == 200)
            let wrong = try await transport.send(
                TransportRequest(method: "GET", url: appService, headers: [(name: "X-IDENTITY-HEADER", value: "guess")])
            )
            #expect(wrong.status == 401)
            #expect(env.fake.requests.filter { $0.path == "/metadata/identity/oauth2/token" }.count == 4)
        }
    }

    @Test func deviceCodeFlowPendsUntilApproved() async throws {
        try await withFake { env in
            env.fake.register(
                FakeApplication(clientID: "device-app", tenantID: FakeEnvironment.tenant, isPublicClient: true)
            )
            env.fake.register(
                FakeUser(tenantID: FakeEnvironment.tenant, username: "dave@contoso.example", password: "x")
            )
            let form = [
                ("client_id", "device-app"),
                ("scope", "https://graph.microsoft.com/User.Read openid profile offline_access"),
            ]
            let start = try await post(env, path: "devicecode", form: form)
            #expect(start.status == 200)
            let body = try json(start)
            let deviceCode = try #require(body["device_code"] as? String)
            let userCode = try #require(body["user_code"] as? String)
            #expect(body["interval"] as? Int == 5)
            #expect((body["message"] as? String)?.contains(userCode) == true)

            let poll =
                form + [("grant_type", "urn:ietf:params:oauth:grant-type:device_code"), ("device_code", deviceCode)]
            // The short form some clients send is not the documented grant type: Entra ID refuses it.
            let short = try await post(
                env, path: "token", form: form + [("grant_type", "device_code"), ("device_code", deviceCode)])
            #expect(short.status == 400)
            #expect(try json(short)["error"] as? String == "unsupported_grant_type")
            #expect(try json(short)["error_codes"] as? [Int] == [70003])
            let pending = try await post(env, path: "token", form: poll)
            #expect(pending.status == 400)
            #expect(try json(pending)["error"] as? String == "authorization_pending")
            #expect(try json(pending)["error_codes"] as? [Int] == [70016])

            env.fake.approveDeviceCode(userCode: userCode, username: "dave@contoso.example")
            let granted = try await post(env, path: "token", form: poll)
            #expect(granted.status == 200)
            let grantedBody = try json(granted)
            #expect(grantedBody["refresh_token"] != nil)
            #expect(
                env.fake.verifiedClaims(of: grantedBody["access_token"] as? String ?? "")?["upn"] as? String
                    == "dave@contoso.example"
            )
            #expect(try await post(env, path: "token", form: poll).status == 400, "a device code is redeemed once")
        }
    }

    @Test func faultsCanTargetAPath() async throws {
        try await withFake { env in
            env.fake.inject(FakeFault(.status(503, retryAfter: "1"), count: 2, pathContains: "/token"))
            let metadata = try await env.transport.send(
                TransportRequest(
                    method: "GET",
                    url: "\(env.fake.authorityURL)/\(FakeEnvironment.tenant)/v2.0/.well-known/openid-configuration"
                )
            )
            #expect(metadata.status == 200)
            let form = [
                ("client_id", FakeEnvironment.clientID), ("scope", "https://x/.default"),
                ("grant_type", "client_credentials"), ("client_secret", FakeEnvironment.secret),
            ]
            let first = try await post(env, path: "token", form: form)
            #expect(first.status == 503)
            #expect(first.header("Retry-After") == "1")
            #expect(try await post(env, path: "token", form: form).status == 503)
            #expect(try await post(env, path: "token", form: form).status == 200)
            #expect(env.fake.requests.count == 4)
        }
    }

    private func post(_ env: FakeEnvironment, path: String, form: [(String, String)]) async throws -> TransportResponse
    {
        try await env.transport.send(
            TransportRequest(
                method: "POST",
                url: "\(env.fake.authorityURL)/\(FakeEnvironment.tenant)/oauth2/v2.0/\(path)",
                headers: [(name: "Content-Type", value: "application/x-www-form-urlencoded")],
                body: Array(FormEncoding.encode(form).utf8)
            )
        )
    }
}
