// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import Synchronization

extension FakeEntraID {
    /// A minimal Azure Resource Manager on the same HTTPS server, enough for `az login --service-principal
    /// --allow-no-subscriptions`: `GET /subscriptions` lists none and `GET /tenants` lists the fake's tenants.
    /// Requests need a bearer token the fake issued.
    func resourceManager(path: String, headers: [(name: String, value: String)]) -> FakeHTTPAction? {
        guard path == "/subscriptions" || path == "/tenants" else { return nil }
        let authorization = headers.first { $0.name.lowercased() == "authorization" }?.value ?? ""
        guard authorization.hasPrefix("Bearer "), verifiedClaims(of: String(authorization.dropFirst(7))) != nil else {
            return .respond(
                status: 401,
                headers: [("Content-Type", "application/json")],
                body: Array(#"{"error":{"code":"AuthenticationFailed","message":"Bearer token required."}}"#.utf8)
            )
        }
        let tenants = state.withLock { $0.tenants.sorted() }
        let value: [[String: Any]] =
            path == "/tenants"
            ? tenants.map { ["id": "/tenants/\($0)", "tenantId": $0, "displayName": "Fake tenant \($0)"] } : []
        let body = (try? JSONSerialization.data(withJSONObject: ["value": value], options: [.sortedKeys])) ?? Data()
        return .respond(status: 200, headers: [("Content-Type", "application/json; charset=utf-8")], body: Array(body))
    }
}
