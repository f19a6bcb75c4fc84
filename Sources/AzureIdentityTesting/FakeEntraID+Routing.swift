// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import Foundation
import Synchronization

extension FakeEntraID {
    /// Records the request, applies a pending fault, then dispatches by path.
    func route(_ request: FakeHTTPRequest, managedIdentity: Bool = false) async -> FakeHTTPAction {
        let (path, query) = Self.split(request.uri)
        let isForm = request.headers.contains {
            $0.name.lowercased() == "content-type" && $0.value.contains("x-www-form-urlencoded")
        }
        let form =
            isForm
            ? Dictionary(
                FormEncoding.decode(String(decoding: request.body, as: UTF8.self)),
                uniquingKeysWith: { first, _ in first }
            ) : [:]
        let fault: FakeFault.Kind? = state.withLock { state in
            state.requests.append(
                RecordedRequest(
                    method: request.method,
                    path: path,
                    query: query,
                    headers: request.headers,
                    body: request.body,
                    form: form,
                    receivedAt: state.configuration.now()
                )
            )
            guard
                let index = state.faults.firstIndex(where: { fault in
                    fault.pathContains.map { path.contains($0) } ?? true
                })
            else {
                return nil
            }
            let kind = state.faults[index].kind
            state.faults[index].count -= 1
            if state.faults[index].count <= 0 { state.faults.remove(at: index) }
            return kind
        }
        let correlationID =
            request.headers.first { $0.name.lowercased() == "client-request-id" }?.value
            ?? UUID().uuidString.lowercased()
        switch fault {
        case .status(let status, let retryAfter):
            let rejection = EntraRejection(
                status: status,
                error: "temporarily_unavailable",
                code: 90033,
                message: "A transient error has occurred. Please try again."
            )
            var headers = [("Content-Type", "application/json; charset=utf-8")]
            if let retryAfter { headers.append(("Retry-After", retryAfter)) }
            return .respond(
                status: status,
                headers: headers,
                body: rejection.body(correlationID: correlationID, now: Date())
            )
        case .delay(let duration):
            try? await Task.sleep(for: duration)
        case .dropConnection:
            return .drop
        case .malformedBody:
            return .respond(
                status: 200,
                headers: [("Content-Type", "application/json")],
                body: Array("{\"access_token\": \"trunc".utf8)
            )
        case .oversizedBody(let bytes):
            return .respond(
                status: 200,
                headers: [("Content-Type", "application/json")],
                body: [UInt8](repeating: UInt8(ascii: " "), count: bytes)
            )
        case nil:
            break
        }
        if managedIdentity {
            let body = String(decoding: request.body, as: UTF8.self)
            let miForm = Dictionary(FormEncoding.decode(body), uniquingKeysWith: { first, _ in first })
            return managedIdentityResponse(
                method: request.method,
                path: path,
                query: query,
                form: miForm,
                headers: request.headers
            )
        }
        if path.hasSuffix("/oidctoken") {
            return pipelineOIDCToken(method: request.method, path: path, query: query, headers: request.headers)
        }
        if request.method == "GET", let answer = resourceManager(path: path, headers: request.headers) {
            return answer
        }
        if request.method == "GET", path.hasSuffix("/oauth2/v2.0/authorize") {
            return authorize(tenantID: String(path.split(separator: "/").first ?? ""), query: query)
        }
        return dispatch(method: request.method, path: path, form: form, correlationID: correlationID)
    }

    private func dispatch(method: String, path: String, form: [String: String], correlationID: String) -> FakeHTTPAction
    {
        let segments = path.split(separator: "/").map(String.init)
        if method == "GET", segments.count == 4, segments[1] == "v2.0", segments[2] == ".well-known",
            segments[3] == "openid-configuration"
        {
            return openIDConfiguration(tenantID: segments[0], correlationID: correlationID)
        }
        if method == "POST", segments.count == 4, segments[1] == "oauth2", segments[2] == "v2.0",
            segments[3] == "token" || segments[3] == "devicecode"
        {
            let now = state.withLock { $0.configuration.now() }
            do {
                let body =
                    segments[3] == "token"
                    ? try token(tenantID: segments[0], form: form, path: path)
                    : try deviceAuthorization(tenantID: segments[0], form: form)
                return .respond(status: 200, headers: Self.jsonHeaders(correlationID), body: body)
            } catch let rejection as EntraRejection {
                return .respond(
                    status: rejection.status,
                    headers: Self.jsonHeaders(correlationID),
                    body: rejection.body(correlationID: correlationID, now: now)
                )
            } catch {
                return .respond(status: 500, headers: [], body: [])
            }
        }
        if segments.count == 4, segments[1] == "oauth2", segments[2] == "v2.0",
            segments[3] == "token" || segments[3] == "devicecode"
        {
            let now = state.withLock { $0.configuration.now() }
            let rejection = EntraRejection.postOnly(method)
            return .respond(
                status: rejection.status, headers: Self.jsonHeaders(correlationID),
                body: rejection.body(correlationID: correlationID, now: now))
        }
        return .respond(status: 404, headers: [("Content-Type", "text/plain")], body: Array("Not Found".utf8))
    }

    private func openIDConfiguration(tenantID: String, correlationID: String) -> FakeHTTPAction {
        guard state.withLock({ $0.tenants.contains(tenantID) }) else {
            let rejection = EntraRejection.tenantNotFound(tenantID)
            return .respond(
                status: 400,
                headers: Self.jsonHeaders(correlationID),
                body: rejection.body(correlationID: correlationID, now: Date())
            )
        }
        let base = "\(authorityURL)/\(tenantID)"
        let document: [String: Any] = [
            "issuer": "\(base)/v2.0",
            "token_endpoint": "\(base)/oauth2/v2.0/token",
            "authorization_endpoint": "\(base)/oauth2/v2.0/authorize",
            "device_authorization_endpoint": "\(base)/oauth2/v2.0/devicecode",
            "jwks_uri": "\(authorityURL)/\(tenantID)/discovery/v2.0/keys",
            "token_endpoint_auth_methods_supported": ["client_secret_post", "private_key_jwt", "client_secret_basic"],
            "response_types_supported": ["code", "id_token", "code id_token", "id_token token"],
            "tenant_region_scope": "NA",
        ]
        let body =
            (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
        return .respond(status: 200, headers: Self.jsonHeaders(correlationID), body: Array(body))
    }

    static func jsonHeaders(_ correlationID: String) -> [(String, String)] {
        [
            ("Content-Type", "application/json; charset=utf-8"), ("client-request-id", correlationID),
            ("Cache-Control", "no-store, no-cache"),
        ]
    }

    static func split(_ uri: String) -> (String, [String: String]) {
        guard let mark = uri.firstIndex(of: "?") else { return (uri, [:]) }
        let query = FormEncoding.decode(String(uri[uri.index(after: mark)...]))
        return (String(uri[..<mark]), Dictionary(query, uniquingKeysWith: { first, _ in first }))
    }
}
