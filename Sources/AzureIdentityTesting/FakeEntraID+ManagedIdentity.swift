import Foundation
import Synchronization

extension FakeEntraID {
    /// Adds a managed identity to the IMDS / App Service endpoints.
    public func register(_ identity: FakeManagedIdentity) {
        state.withLock {
            $0.tenants.insert(identity.tenantID)
            $0.managedIdentities.append(identity)
        }
    }

    /// The value App Service puts in `IDENTITY_HEADER`; requests must send it as `X-IDENTITY-HEADER`.
    public var appServiceIdentityHeader: String {
        state.withLock { $0.appServiceHeader }
    }

    /// Handles the plain-HTTP managed identity endpoints:
    /// `GET /metadata/identity/oauth2/token` (IMDS, `Metadata: true`) and `GET /msi/token` (App Service,
    /// `X-IDENTITY-HEADER`).
    func managedIdentityResponse(
        path: String,
        query: [String: String],
        headers: [(name: String, value: String)]
    ) -> FakeHTTPAction {
        func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
        func error(_ status: Int, _ code: String, _ description: String) -> FakeHTTPAction {
            let body = try? JSONSerialization.data(
                withJSONObject: ["error": code, "error_description": description],
                options: [.sortedKeys]
            )
            return .respond(
                status: status,
                headers: [("Content-Type", "application/json")],
                body: Array(body ?? Data())
            )
        }
        let isIMDS = path == "/metadata/identity/oauth2/token"
        guard isIMDS || path == "/msi/token" else { return error(404, "not_found", "Unknown managed identity path.") }
        if isIMDS {
            guard header("Metadata") == "true" else {
                return error(400, "invalid_request", "Required metadata header not specified")
            }
            guard query["api-version"] == "2018-02-01" else {
                return error(400, "invalid_request", "Invalid or missing api-version.")
            }
        } else {
            guard header("X-IDENTITY-HEADER") == appServiceIdentityHeader else {
                return error(401, "unauthorized", "Invalid X-IDENTITY-HEADER.")
            }
            guard query["api-version"] == "2019-08-01" else {
                return error(400, "invalid_request", "Invalid or missing api-version.")
            }
        }
        guard let resource = query["resource"], !resource.isEmpty else {
            return error(400, "invalid_request", "Required audience parameter not specified")
        }
        let (identities, configuration) = state.withLock { ($0.managedIdentities, $0.configuration) }
        let resourceKey = isIMDS ? "msi_res_id" : "mi_res_id"
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
            return error(400, "invalid_request", "Identity not found")
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
        let expiresOn = Int(configuration.now().timeIntervalSince1970 + configuration.tokenLifetime)
        let object: [String: Any] = [
            "access_token": token, "client_id": identity.clientID, "expires_in": "\(Int(configuration.tokenLifetime))",
            "expires_on": "\(expiresOn)", "ext_expires_in": "\(Int(configuration.tokenLifetime))",
            "not_before": "\(Int(configuration.now().timeIntervalSince1970))", "resource": resource,
            "token_type": "Bearer",
        ]
        let body =
            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
        return .respond(status: 200, headers: [("Content-Type", "application/json; charset=utf-8")], body: Array(body))
    }
}
