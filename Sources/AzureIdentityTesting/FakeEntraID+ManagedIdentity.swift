// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import Synchronization

extension FakeEntraID {
    /// Adds a managed identity to the managed identity endpoints.
    public func register(_ identity: FakeManagedIdentity) {
        state.withLock {
            $0.tenants.insert(identity.tenantID)
            $0.managedIdentities.append(identity)
        }
    }

    /// The value App Service and Service Fabric put in `IDENTITY_HEADER`: App Service requests must send it as
    /// `X-IDENTITY-HEADER`, Service Fabric requests as `secret`.
    public var appServiceIdentityHeader: String {
        state.withLock { $0.appServiceHeader }
    }

    /// The value Azure Machine Learning puts in `MSI_SECRET`; requests must send it as `secret`.
    public var managedIdentitySecret: String {
        state.withLock { $0.managedIdentitySecret }
    }

    /// Makes the Azure Arc endpoint work: its 401 challenge points at a fresh `<directory>/<random>.key` file.
    public func setArcKeyDirectory(_ directory: String) {
        state.withLock { $0.arcKeyDirectory = directory }
    }

    /// Makes the Azure Arc challenge name this file instead (to test the client's key-file checks). The secret
    /// the fake then expects is the file's content.
    public func setArcChallengeFile(_ path: String?) {
        state.withLock { $0.arcRealmOverride = path }
    }

    /// The managed identity endpoints, all plain HTTP on ``managedIdentityURL``:
    ///
    /// | Path | Source | Checks |
    /// |---|---|---|
    /// | `GET /metadata/identity/oauth2/token` | IMDS | `Metadata: true`, api-version `2018-02-01` |
    /// | `GET /msi/token` | App Service | `X-IDENTITY-HEADER`, `2019-08-01` |
    /// | `GET /servicefabric/token` | Service Fabric | `secret`, `2019-07-01-preview` |
    /// | `GET /ml/token` | Azure ML | `Metadata`, `secret`, `2017-09-01`, `clientid` |
    /// | `POST /cloudshell/token` | Cloud Shell | `Metadata`, form `resource` |
    /// | `GET /arc/token` | Azure Arc | `Metadata`, `2020-06-01`, 401 challenge then `Authorization: Basic` |
    func managedIdentityResponse(
        method: String,
        path: String,
        query: [String: String],
        form: [String: String],
        headers: [(name: String, value: String)]
    ) -> FakeHTTPAction {
        func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
        let (identityHeader, secret) = state.withLock { ($0.appServiceHeader, $0.managedIdentitySecret) }
        var query = query
        let resourceKey: String
        switch path {
        case "/metadata/identity/oauth2/token":
            guard header("Metadata") == "true" else {
                return Self.miError(400, "invalid_request", "Required metadata header not specified")
            }
            guard query["api-version"] == "2018-02-01" else { return Self.badVersion() }
            resourceKey = "msi_res_id"
        case "/msi/token":
            guard header("X-IDENTITY-HEADER") == identityHeader else {
                return Self.miError(401, "unauthorized", "Invalid X-IDENTITY-HEADER.")
            }
            guard query["api-version"] == "2019-08-01" else { return Self.badVersion() }
            resourceKey = "mi_res_id"
        case "/servicefabric/token":
            guard header("secret") == identityHeader else { return Self.miError(401, "unauthorized", "Bad secret.") }
            guard query["api-version"] == "2019-07-01-preview" else { return Self.badVersion() }
            resourceKey = "mi_res_id"
        case "/ml/token":
            guard header("Metadata") == "true", header("secret") == secret else {
                return Self.miError(401, "unauthorized", "Bad secret or metadata header.")
            }
            guard query["api-version"] == "2017-09-01" else { return Self.badVersion() }
            guard let clientID = query.removeValue(forKey: "clientid") else {
                return Self.miError(400, "invalid_request", "clientid is required.")
            }
            query["client_id"] = clientID
            resourceKey = "mi_res_id"
        case "/cloudshell/token":
            guard method == "POST", header("Metadata") == "true" else {
                return Self.miError(400, "invalid_request", "POST with Metadata: true required.")
            }
            query = form
            resourceKey = "mi_res_id"
        case "/arc/token":
            guard header("Metadata") == "true", query["api-version"] == "2020-06-01" else { return Self.badVersion() }
            if let challenge = arcChallenge(authorization: header("Authorization")) { return challenge }
            resourceKey = "mi_res_id"
        default:
            return Self.miError(404, "not_found", "Unknown managed identity path.")
        }
        return issueManagedIdentityToken(query: query, resourceKey: resourceKey, appService: path == "/msi/token")
    }

    /// `nil` when the request carries the right `Authorization: Basic <key>`, else the 401 challenge.
    private func arcChallenge(authorization: String?) -> FakeHTTPAction? {
        let (directory, override) = state.withLock { ($0.arcKeyDirectory, $0.arcRealmOverride) }
        if let authorization, authorization.hasPrefix("Basic ") {
            let presented = String(authorization.dropFirst("Basic ".count))
            let expected = override.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) }
            if let expected, presented == expected { return nil }
            if override == nil, let directory, Self.arcKeyExists(presented, in: directory) { return nil }
            return Self.miError(401, "unauthorized", "Invalid key.")
        }
        let realm: String
        if let override {
            realm = override
        } else if let directory {
            let key = UUID().uuidString
            realm = "\(directory)/\(UUID().uuidString.lowercased()).key"
            guard FileManager.default.createFile(atPath: realm, contents: Data(key.utf8)) else {
                return Self.miError(500, "server_error", "Could not write the key file.")
            }
        } else {
            return Self.miError(500, "server_error", "The fake has no Arc key directory (setArcKeyDirectory).")
        }
        return .respond(
            status: 401,
            headers: [("WWW-Authenticate", "Basic realm=\(realm)"), ("Content-Type", "application/json")],
            body: Array(#"{"error":"unauthorized"}"#.utf8)
        )
    }

    private static func arcKeyExists(_ key: String, in directory: String) -> Bool {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.contains { name in
            name.hasSuffix(".key") && (try? String(contentsOfFile: "\(directory)/\(name)", encoding: .utf8)) == key
        }
    }

    private func issueManagedIdentityToken(
        query: [String: String], resourceKey: String, appService: Bool
    ) -> FakeHTTPAction {
        guard let resource = query["resource"], !resource.isEmpty else {
            return Self.miError(400, "invalid_request", "Required audience parameter not specified")
        }
        let (identities, configuration, unknown) = state.withLock {
            ($0.managedIdentities, $0.configuration, $0.unknownResources)
        }
        let identity: FakeManagedIdentity? =
            if let clientID = query["client_id"] {
                identities.first { $0.clientID == clientID }
            } else if let objectID = query["object_id"] ?? query["principal_id"] {
                identities.first { $0.objectID == objectID }
            } else if let resourceID = query[resourceKey] {
                identities.first { $0.resourceID?.lowercased() == resourceID.lowercased() }
            } else {
                identities.first { $0.isSystemAssigned }
            }
        guard let identity else {
            return Self.miError(400, "invalid_request", "Identity not found")
        }
        if unknown.contains(resource) {
            return Self.relayedRefusal(
                .unknownResource(resource, tenant: identity.tenantID), appService: appService,
                now: configuration.now())
        }
        let token = mintAccessToken(
            tenantID: identity.tenantID,
            audience: resource,
            clientID: identity.clientID,
            user: nil,
            scopes: [],
            capabilities: false,
            configuration: configuration
        )
        let now = configuration.now().timeIntervalSince1970
        let lifetime = Int(configuration.tokenLifetime)
        let object: [String: Any] = [
            "access_token": token, "client_id": identity.clientID, "expires_in": "\(lifetime)",
            "expires_on": "\(Int(now) + lifetime)", "ext_expires_in": "\(lifetime)", "not_before": "\(Int(now))",
            "resource": resource, "token_type": "Bearer",
        ]
        let body =
            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
        return .respond(status: 200, headers: [("Content-Type", "application/json; charset=utf-8")], body: Array(body))
    }

    private static func badVersion() -> FakeHTTPAction {
        miError(400, "invalid_request", "Invalid or missing api-version.")
    }

    /// Entra's refusal as a managed identity endpoint passes it on. IMDS answers with Entra's body (status 400,
    /// `error`, `error_description`, `error_codes`, `trace_id`, `correlation_id`); App Service with its own shape,
    /// `{"statusCode": 400, "message": "<Entra's description>", "correlationId": "…"}`.
    private static func relayedRefusal(_ rejection: EntraRejection, appService: Bool, now: Date) -> FakeHTTPAction {
        let correlationID = UUID().uuidString.lowercased()
        let entraBody = rejection.body(correlationID: correlationID, now: now)
        guard appService else {
            return .respond(
                status: rejection.status, headers: [("Content-Type", "application/json; charset=utf-8")],
                body: entraBody)
        }
        let description =
            (try? JSONSerialization.jsonObject(with: Data(entraBody)) as? [String: Any])?["error_description"]
        let object: [String: Any] = [
            "statusCode": rejection.status, "message": description ?? rejection.message, "correlationId": correlationID,
        ]
        let body = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return .respond(
            status: rejection.status, headers: [("Content-Type", "application/json; charset=utf-8")], body: Array(body))
    }

    static func miError(_ status: Int, _ code: String, _ description: String) -> FakeHTTPAction {
        let body = try? JSONSerialization.data(
            withJSONObject: ["error": code, "error_description": description],
            options: [.sortedKeys]
        )
        return .respond(status: status, headers: [("Content-Type", "application/json")], body: Array(body ?? Data()))
    }
}
