// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import Synchronization

extension FakeEntraID {
    /// Signs an access token (ES256) with Entra-like claims.
    func mintAccessToken(
        tenantID: String,
        audience: String,
        clientID: String,
        user: FakeUser?,
        scopes: [String],
        capabilities: Bool,
        configuration: Configuration
    ) -> String {
        let now = Int(configuration.now().timeIntervalSince1970)
        var claims: [String: Any] = [
            "aud": audience, "iss": "https://sts.windows.net/\(tenantID)/", "iat": now, "nbf": now,
            "exp": now + Int(configuration.tokenLifetime), "tid": tenantID, "appid": clientID, "azp": clientID,
            "ver": "1.0", "uti": UUID().uuidString.lowercased(),
        ]
        if let user {
            claims["oid"] = user.objectID
            claims["sub"] = user.objectID
            claims["upn"] = user.username
            claims["scp"] = scopes.joined(separator: " ")
        } else {
            let servicePrincipal = Self.stableID(clientID + tenantID)
            claims["oid"] = servicePrincipal
            claims["sub"] = servicePrincipal
            claims["idtyp"] = "app"
        }
        if capabilities { claims["xms_cc"] = ["cp1"] }
        return FakeJWT.signES256(
            header: ["alg": "ES256", "typ": "JWT", "kid": "fake-entra"],
            claims: claims,
            key: signingKey
        )
    }

    /// The JSON body of a successful token response.
    func tokenResponse(
        accessToken: String,
        scope: String,
        refreshToken: String?,
        idToken: String? = nil,
        configuration: Configuration
    ) -> [UInt8] {
        var object: [String: Any] = [
            "token_type": "Bearer", "expires_in": Int(configuration.tokenLifetime),
            "ext_expires_in": Int(configuration.tokenLifetime), "access_token": accessToken, "scope": scope,
        ]
        if let refreshIn = configuration.refreshIn { object["refresh_in"] = Int(refreshIn) }
        if let refreshToken { object["refresh_token"] = refreshToken }
        if let idToken { object["id_token"] = idToken }
        return Array(
            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
                ?? Data()
        )
    }

    /// Whether the `claims` parameter asks for the `cp1` capability.
    static func requestsCAE(_ claims: String?) -> Bool {
        guard let data = claims?.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let accessToken = object["access_token"] as? [String: Any],
            let capabilities = accessToken["xms_cc"] as? [String: Any],
            let values = capabilities["values"] as? [String]
        else { return false }
        return values.contains("cp1")
    }

    static func stableID(_ seed: String) -> String {
        let value = UInt64(bitPattern: Int64(seed.utf8.reduce(5381) { ($0 &* 33) &+ Int($1) }))
        let hex = String(value, radix: 16).padding(toLength: 16, withPad: "0", startingAt: 0)
        return "\(hex.prefix(8))-\(hex.dropFirst(8).prefix(4))-4\(hex.dropFirst(12).prefix(3))-8000-000000000000"
    }
}

extension FakeEntraID {
    /// Why `token` is not an access token this fake issued for `audience` and that is valid now, or `nil` when it is
    /// one: for fake resource servers (``FakeKubernetesAPIServer``), which must accept exactly what the real service
    /// would accept from Entra ID.
    ///
    /// Checked as a resource server checks an Entra token: a compact JWT signed (ES256) with this fake's key, its
    /// `aud` exactly `audience`, its issuer `https://sts.windows.net/<tid>/` (of `tenantID`, when given), and now
    /// (the fake's clock, with ``Configuration/clockSkew``) between `nbf` and `exp`. The reason never contains the
    /// token.
    public func problem(withAccessToken token: String, audience: String, tenantID: String? = nil) -> String? {
        guard FakeJWT.parse(token) != nil else { return "it is not a JWT" }
        guard let claims = verifiedClaims(of: token) else { return "it is not signed by this fake" }
        guard claims["aud"] as? String == audience else { return "its audience is not \(audience)" }
        guard let tid = claims["tid"] as? String, claims["iss"] as? String == "https://sts.windows.net/\(tid)/" else {
            return "its issuer does not match its tenant"
        }
        if let tenantID, tid != tenantID { return "it was issued by tenant \(tid), not \(tenantID)" }
        let configuration = state.withLock { $0.configuration }
        let now = configuration.now().timeIntervalSince1970
        guard let notBefore = FakeJWT.number(claims["nbf"]), let expiry = FakeJWT.number(claims["exp"])
        else { return "it has no nbf or exp" }
        if now + configuration.clockSkew < notBefore { return "it is not valid yet" }
        if now - configuration.clockSkew >= expiry { return "it has expired" }
        return nil
    }
}
