// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Crypto
import Foundation
import Testing

/// Issue 11: the fake is as strict as the v2.0 protocol documentation on every grant, so a client that sends what
/// the documentation does not allow fails here as it would against Entra ID (a lenient fake hid the short device
/// code grant type). Each rule gets the wrong form and must refuse it with Entra's error, AADSTS code and body
/// shape; that our credentials send the right forms is what the credential tests prove.
@Suite struct FakeEntraIDStrictnessTests {
    static let publicApp = "0a0a0a0a-0000-0000-0000-00000000000b"
    static let user = "erin@contoso.example"
    static let redirect = "http://localhost"

    struct Case: Sendable {
        var name: String
        var method = "POST"
        var contentType = "application/x-www-form-urlencoded"
        var form: [(String, String)]
        var status: Int
        var error: String
        var code: Int
    }

    /// The forms the documentation does not allow, one rule each.
    static func cases(_ env: FakeEnvironment) -> [Case] {
        let confidential = [("client_id", FakeEnvironment.clientID), ("scope", "https://x.example/.default")]
        let secret = [("client_secret", FakeEnvironment.secret)]
        let user = [("client_id", publicApp), ("scope", "https://graph.microsoft.com/User.Read offline_access")]
        let verifier = String(repeating: "v", count: 43)
        let challenge = Base64URL.encode(SHA256.hash(data: Array(verifier.utf8)))
        func code() -> String {
            env.fake.issueAuthorizationCode(
                clientID: publicApp, tenantID: FakeEnvironment.tenant, username: Self.user, redirectURI: redirect,
                codeChallenge: challenge)
        }
        let assertion = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"
        return [
            Case(
                name: "unknown grant type", form: confidential + secret + [("grant_type", "magic")], status: 400,
                error: "unsupported_grant_type", code: 70003),
            Case(
                name: "short device code grant type",
                form: user + [("grant_type", "device_code"), ("device_code", "x")], status: 400,
                error: "unsupported_grant_type", code: 70003),
            Case(
                name: "no grant type", form: confidential + secret, status: 400, error: "invalid_request",
                code: 900144),
            Case(
                name: "no client_id",
                form: [("scope", "https://x.example/.default"), ("grant_type", "client_credentials")]
                    + secret, status: 400, error: "invalid_request", code: 900144),
            Case(
                name: "no scope",
                form: [("client_id", FakeEnvironment.clientID), ("grant_type", "client_credentials")] + secret,
                status: 400, error: "invalid_request", code: 900144),
            Case(
                name: "client credentials without a secret or assertion",
                form: confidential + [("grant_type", "client_credentials")], status: 401, error: "invalid_client",
                code: 7000216),
            Case(
                name: "client credentials with a wrong secret",
                form: confidential + [("grant_type", "client_credentials"), ("client_secret", "wrong")], status: 401,
                error: "invalid_client", code: 7000215),
            Case(
                name: "client credentials scope without /.default",
                form: [("client_id", FakeEnvironment.clientID), ("scope", "https://x.example/read")] + secret
                    + [("grant_type", "client_credentials")], status: 400, error: "invalid_scope", code: 1002012),
            Case(
                name: "client credentials with two scopes",
                form: [
                    ("client_id", FakeEnvironment.clientID), ("scope", "https://x.example/.default https://y/.default"),
                ]
                    + secret + [("grant_type", "client_credentials")], status: 400, error: "invalid_scope",
                code: 1002012),
            Case(
                name: "client assertion type other than the jwt-bearer URN",
                form: confidential + [
                    ("grant_type", "client_credentials"), ("client_assertion", assertion),
                    ("client_assertion_type", "jwt-bearer"),
                ], status: 401, error: "invalid_client", code: 50027),
            Case(
                name: "password grant: a public client presenting a secret",
                form: user + [
                    ("grant_type", "password"), ("username", Self.user), ("password", "pw"), ("client_secret", "s"),
                ], status: 401, error: "invalid_client", code: 700025),
            Case(
                name: "password grant without the password",
                form: user + [("grant_type", "password"), ("username", Self.user)], status: 400,
                error: "invalid_request", code: 900144),
            Case(
                name: "refresh token grant: a public client presenting an assertion",
                form: user + [
                    ("grant_type", "refresh_token"), ("refresh_token", "x"), ("client_assertion", assertion),
                    ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
                ], status: 401, error: "invalid_client", code: 700025),
            Case(
                name: "refresh token grant: a confidential client without its secret",
                form: confidential + [("grant_type", "refresh_token"), ("refresh_token", "x")], status: 401,
                error: "invalid_client", code: 7000218),
            Case(
                name: "refresh token grant with an unknown refresh token",
                form: user + [("grant_type", "refresh_token"), ("refresh_token", "not-issued")], status: 400,
                error: "invalid_grant", code: 9002313),
            Case(
                name: "authorization code without redirect_uri",
                form: user + [("grant_type", "authorization_code"), ("code", code()), ("code_verifier", verifier)],
                status: 400, error: "invalid_request", code: 900144),
            Case(
                name: "authorization code with another redirect_uri",
                form: user + [
                    ("grant_type", "authorization_code"), ("code", code()), ("redirect_uri", "http://localhost:1/x"),
                    ("code_verifier", verifier),
                ], status: 400, error: "invalid_client", code: 50011),
            Case(
                name: "authorization code without the PKCE code_verifier",
                form: user + [("grant_type", "authorization_code"), ("code", code()), ("redirect_uri", redirect)],
                status: 400, error: "invalid_request", code: 900144),
            Case(
                name: "authorization code with a code_verifier that does not match the challenge",
                form: user + [
                    ("grant_type", "authorization_code"), ("code", code()), ("redirect_uri", redirect),
                    ("code_verifier", String(repeating: "w", count: 43)),
                ], status: 400, error: "invalid_grant", code: 501481),
            Case(
                name: "on-behalf-of without requested_token_use",
                form: confidential + secret + [
                    ("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"), ("assertion", assertion),
                ], status: 400, error: "invalid_request", code: 900144),
            Case(
                name: "a GET to the token endpoint", method: "GET", form: [], status: 400, error: "invalid_request",
                code: 900561),
            Case(
                name: "a JSON body instead of a form", contentType: "application/json",
                form: confidential + secret + [("grant_type", "client_credentials")], status: 400,
                error: "invalid_request", code: 900144),
        ]
    }

    @Test func everyRuleRefusesTheWrongFormWithEntrasErrorBody() async throws {
        try await withFake { env in
            env.fake.register(
                FakeApplication(
                    clientID: Self.publicApp, tenantID: FakeEnvironment.tenant, redirectURIs: [Self.redirect],
                    isPublicClient: true))
            env.fake.register(FakeUser(tenantID: FakeEnvironment.tenant, username: Self.user, password: "pw"))
            for rule in Self.cases(env) {
                let requestID = UUID().uuidString.lowercased()
                let body =
                    rule.contentType == "application/json"
                    ? Array(#"{"grant_type":"client_credentials"}"#.utf8) : Array(FormEncoding.encode(rule.form).utf8)
                let response = try await env.transport.send(
                    TransportRequest(
                        method: rule.method,
                        url: env.fake.tokenEndpoint(tenantID: FakeEnvironment.tenant),
                        headers: [
                            (name: "Content-Type", value: rule.contentType),
                            (name: "client-request-id", value: requestID),
                        ],
                        body: rule.method == "GET" ? nil : body))
                #expect(response.status == rule.status, "\(rule.name)")
                let object = try #require(
                    try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any], "\(rule.name)")
                #expect(object["error"] as? String == rule.error, "\(rule.name): \(object)")
                #expect(object["error_codes"] as? [Int] == [rule.code], "\(rule.name): \(object)")
                let description = object["error_description"] as? String ?? ""
                #expect(description.hasPrefix("AADSTS\(rule.code): "), "\(rule.name): \(description)")
                #expect(description.contains("\r\nTrace ID: \(object["trace_id"] as? String ?? "-")\r\n"))
                #expect(description.contains("\r\nCorrelation ID: \(requestID)\r\n"), "\(rule.name)")
                #expect(object["correlation_id"] as? String == requestID, "echoes client-request-id: \(rule.name)")
                #expect(UUID(uuidString: object["trace_id"] as? String ?? "") != nil, "\(rule.name)")
                let timestamp = object["timestamp"] as? String ?? ""
                #expect(
                    timestamp.range(of: #"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$"#, options: .regularExpression) != nil,
                    "\(rule.name): \(timestamp)")
            }
            #expect(env.fake.tokenRequests.count >= Self.cases(env).count - 1)
        }
    }

    /// The managed identity and Azure DevOps fakes answer errors in the real services' shapes.
    @Test func managedIdentityAndAzureDevOpsErrorsHaveTheRealShapes() async throws {
        try await withFake { env in
            let imds = try await env.transport.send(
                TransportRequest(
                    method: "GET",
                    url: env.fake.managedIdentityURL + "/metadata/identity/oauth2/token?api-version=2018-02-01"
                        + "&resource=https://x.example"))
            #expect(imds.status == 400)
            let imdsBody = try #require(try JSONSerialization.jsonObject(with: Data(imds.body)) as? [String: String])
            #expect(
                imdsBody == ["error": "invalid_request", "error_description": "Required metadata header not specified"])

            env.fake.register(
                FakeManagedIdentity(clientID: "c", tenantID: FakeEnvironment.tenant, isSystemAssigned: true))
            env.fake.markResourceUnknown("https://x.example")
            let appService = try await env.transport.send(
                TransportRequest(
                    method: "GET",
                    url: env.fake.managedIdentityURL + "/msi/token?api-version=2019-08-01&resource=https://x.example",
                    headers: [(name: "X-IDENTITY-HEADER", value: env.fake.appServiceIdentityHeader)]))
            #expect(appService.status == 400)
            let service = try #require(
                try JSONSerialization.jsonObject(with: Data(appService.body)) as? [String: Any])
            #expect(service["statusCode"] as? Int == 400)
            #expect((service["message"] as? String)?.hasPrefix("AADSTS500011: The resource principal named") == true)
            #expect(UUID(uuidString: service["correlationId"] as? String ?? "") != nil)

            let job = FakePipelineJob(serviceConnections: ["sc": "prod"])
            env.fake.register(job)
            let devOps = try await env.transport.send(
                TransportRequest(
                    method: "POST", url: env.fake.oidcRequestURI(for: job) + "?api-version=7.1&serviceConnectionId=sc",
                    headers: [
                        (name: "Authorization", value: "Bearer wrong"),
                        (name: "X-TFS-FedAuthRedirect", value: "Suppress"),
                    ],
                    body: []))
            #expect(devOps.status == 401)
            let devOpsBody = try #require(try JSONSerialization.jsonObject(with: Data(devOps.body)) as? [String: Any])
            #expect(devOpsBody["typeKey"] as? String == "UnauthorizedRequestException")
            #expect((devOpsBody["message"] as? String)?.hasPrefix("TF400813") == true)
            for header in ["x-vss-e2eid", "ActivityId", "x-msedge-ref"] {
                #expect(devOps.header(header)?.isEmpty == false, "\(header)")
            }
        }
    }
}
