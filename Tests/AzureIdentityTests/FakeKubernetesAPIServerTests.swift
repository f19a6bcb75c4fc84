// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

/// The fake API server accepts exactly the bearer tokens a cluster with Entra ID integration accepts: ones the fake
/// Entra ID issued for the cluster's audience and tenant, valid now. Everything else is 401 before any routing.
@Suite struct FakeKubernetesAPIServerTests {
    static let tenant = "11111111-2222-3333-4444-555555555555"
    static let clientID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
    static let secret = "fake~K8s.0123456789abcdef"
    static let aksScope = "\(FakeKubernetesAPIServer.aksServerApplicationID)/.default"

    struct Fixture {
        let entra: FakeEntraID
        let cluster: FakeKubernetesAPIServer
        let transport: AsyncHTTPClientTransport

        /// A token from `entra` for `scope`, through the real client.
        func token(
            from entra: FakeEntraID, scope: String, tenant: String = tenant, clientID: String = clientID
        ) async throws -> String {
            let transport = try AsyncHTTPClientTransport(
                configuration: TransportConfiguration(additionalTrustRootsPEM: [entra.caCertificatePEM]))
            let result = await Result {
                let credential = try ClientSecretCredential(
                    tenantID: tenant, clientID: clientID, secret: Secret(secret),
                    options: CredentialOptions(
                        authorityHost: entra.authorityHost, transport: transport, environment: [:]))
                return try await credential.getToken(scopes: [scope]).token.revealedValue()
            }
            try await transport.shutdown()
            return try result.get()
        }

        func get(_ path: String, authorization: String?, method: String = "GET") async throws -> TransportResponse {
            try await transport.send(
                TransportRequest(
                    method: method, url: cluster.url + path,
                    headers: authorization.map { [(name: "Authorization", value: $0)] } ?? []))
        }
    }

    static func entra() async throws -> FakeEntraID {
        let entra = try await FakeEntraID.started()
        entra.addTenant(tenant)
        entra.register(FakeApplication(clientID: clientID, tenantID: tenant, secrets: [secret]))
        return entra
    }

    func withFixture(_ body: (Fixture) async throws -> Void) async throws {
        let entra = try await Self.entra()
        let cluster = try await FakeKubernetesAPIServer.started(entra: entra, tenantID: Self.tenant)
        let transport = try AsyncHTTPClientTransport(
            configuration: TransportConfiguration(additionalTrustRootsPEM: [cluster.caCertificatePEM]))
        let fixture = Fixture(entra: entra, cluster: cluster, transport: transport)
        let result = await Result { try await body(fixture) }
        try? await transport.shutdown()
        try? await cluster.shutdown()
        try? await entra.shutdown()
        try result.get()
    }

    static func object(_ response: TransportResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]) ?? [:]
    }

    @Test func aValidTokenListsPodsAndAnswersDiscovery() async throws {
        try await withFixture { fixture in
            let token = try await fixture.token(from: fixture.entra, scope: Self.aksScope)
            let pods = try await fixture.get(
                "/api/v1/namespaces/default/pods?limit=500", authorization: "Bearer \(token)")
            #expect(pods.status == 200)
            #expect(Self.object(pods)["kind"] as? String == "PodList")
            #expect((Self.object(pods)["items"] as? [Any])?.isEmpty == true)
            for (path, kind) in [("/api", "APIVersions"), ("/apis", "APIGroupList"), ("/api/v1", "APIResourceList")] {
                let response = try await fixture.get(path, authorization: "bearer \(token)")
                #expect(response.status == 200 && Self.object(response)["kind"] as? String == kind, "\(path)")
            }
            let unknown = try await fixture.get("/api/v1/secrets", authorization: "Bearer \(token)")
            #expect(unknown.status == 404 && Self.object(unknown)["reason"] as? String == "NotFound")
            let post = try await fixture.get(
                "/api/v1/namespaces/default/pods", authorization: "Bearer \(token)", method: "POST")
            #expect(post.status == 405)
            #expect(fixture.cluster.requests.allSatisfy { $0.isAuthenticated })
        }
    }

    @Test func everythingElseIsUnauthorizedBeforeRouting() async throws {
        try await withFixture { fixture in
            let valid = try await fixture.token(from: fixture.entra, scope: Self.aksScope)
            let otherAudience = try await fixture.token(
                from: fixture.entra, scope: "https://management.azure.com/.default")
            let otherEntra = try await Self.entra()
            let foreign = try await fixture.token(from: otherEntra, scope: Self.aksScope)
            try await otherEntra.shutdown()
            let cases: [(String?, String)] = [
                (nil, "no Authorization header"),
                ("Basic \(Data("user:pass".utf8).base64EncodedString())", "not Bearer"),
                ("Bearer", "not Bearer"),
                ("Bearer ", "not Bearer"),
                ("Bearer  \(valid)", "empty or has spaces"),
                ("Bearer not-a-jwt", "not a JWT"),
                ("Bearer \(otherAudience)", "audience is not"),
                ("Bearer \(foreign)", "not signed by this fake"),
                ("Bearer \(valid) extra", "empty or has spaces"),
            ]
            for (authorization, reason) in cases {
                for path in ["/api/v1/namespaces/default/pods", "/version", "/no/such/path"] {
                    let response = try await fixture.get(path, authorization: authorization)
                    #expect(response.status == 401, "\(reason) \(path)")
                    #expect(Self.object(response)["reason"] as? String == "Unauthorized")
                    #expect(Self.object(response)["kind"] as? String == "Status")
                }
                let problem = fixture.cluster.requests.last?.authenticationProblem ?? ""
                #expect(problem.contains(reason), "\(problem)")
                #expect(!problem.contains("eyJ"), "the reason never shows the token")
            }
        }
    }

    @Test func aTokenOfAnotherTenantOrPastItsExpiryIsRefused() async throws {
        let other = "99999999-2222-3333-4444-555555555555"
        let otherClient = "bbbbbbbb-bbbb-cccc-dddd-eeeeeeeeeeee"
        let entra = try await Self.entra()
        entra.addTenant(other)
        entra.register(FakeApplication(clientID: otherClient, tenantID: other, secrets: [Self.secret]))
        let cluster = try await FakeKubernetesAPIServer.started(entra: entra, tenantID: Self.tenant)
        let transport = try AsyncHTTPClientTransport(
            configuration: TransportConfiguration(additionalTrustRootsPEM: [cluster.caCertificatePEM]))
        let fixture = Fixture(entra: entra, cluster: cluster, transport: transport)
        let result = await Result {
            let foreignTenant = try await fixture.token(
                from: entra, scope: Self.aksScope, tenant: other, clientID: otherClient)
            let wrongTenant = try await fixture.get("/version", authorization: "Bearer \(foreignTenant)")
            #expect(wrongTenant.status == 401)
            #expect(cluster.requests.last?.authenticationProblem?.contains("issued by tenant \(other)") == true)

            let token = try await fixture.token(from: entra, scope: Self.aksScope)
            #expect(try await fixture.get("/version", authorization: "Bearer \(token)").status == 200)
            // Two hours later (the fake's clock; tokens live an hour) the same token is refused.
            entra.updateConfiguration { configuration in configuration.now = { Date().addingTimeInterval(7200) } }
            #expect(try await fixture.get("/version", authorization: "Bearer \(token)").status == 401)
            #expect(cluster.requests.last?.authenticationProblem?.contains("expired") == true)
        }
        try? await transport.shutdown()
        try? await cluster.shutdown()
        try? await entra.shutdown()
        try result.get()
    }
}
