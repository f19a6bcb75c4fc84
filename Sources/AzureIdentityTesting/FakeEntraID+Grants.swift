// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import Crypto
import Foundation
import Synchronization

extension FakeEntraID {
    /// Handles `POST /{tenant}/oauth2/v2.0/token`. Throws ``EntraRejection`` for every refusal.
    func token(tenantID: String, form: [String: String], path: String) throws -> [UInt8] {
        let snapshot = state.withLock { $0 }
        guard snapshot.tenants.contains(tenantID) else { throw EntraRejection.tenantNotFound(tenantID) }
        guard let grant = form["grant_type"], !grant.isEmpty else {
            throw EntraRejection.missingParameter("grant_type")
        }
        guard let clientID = form["client_id"], !clientID.isEmpty else {
            throw EntraRejection.missingParameter("client_id")
        }
        guard let application = snapshot.applications[clientID],
            application.tenantID == tenantID || application.isMultiTenant
        else { throw EntraRejection.unknownApplication(clientID, tenant: tenantID) }
        guard let scope = form["scope"], !scope.isEmpty else { throw EntraRejection.missingParameter("scope") }
        let scopes = scope.split(separator: " ").map(String.init)
        let audience = "\(authorityURL)\(path)"
        let capabilities = Self.requestsCAE(form["claims"])
        let configuration = snapshot.configuration
        // A public client (an application that allows public client flows) signs users in without a credential of
        // its own: on a user grant, Entra refuses one it presents.
        let userGrants = [
            "password", "refresh_token", "authorization_code", "urn:ietf:params:oauth:grant-type:device_code",
        ]
        if application.isPublicClient, userGrants.contains(grant),
            form["client_secret"] != nil || form["client_assertion"] != nil
        {
            throw EntraRejection.publicClientPresentedCredentials
        }

        switch grant {
        case "client_credentials":
            guard scopes.count == 1, let only = scopes.first, only.hasSuffix("/.default") else {
                throw EntraRejection.invalidScope(scope)
            }
            try authenticateClient(
                application, form: form, audience: audience, required: true,
                missing: .clientCredentialsNeedAuthentication)
            let resource = String(only.dropLast("/.default".count))
            guard !snapshot.unknownResources.contains(resource) else {
                throw EntraRejection.unknownResource(resource, tenant: tenantID)
            }
            let token = mintAccessToken(
                tenantID: tenantID,
                audience: String(only.dropLast("/.default".count)),
                clientID: clientID,
                user: nil,
                scopes: [],
                capabilities: capabilities,
                configuration: configuration
            )
            return tokenResponse(accessToken: token, scope: scope, refreshToken: nil, configuration: configuration)
        case "password":
            guard application.isPublicClient || form["client_secret"] != nil || form["client_assertion"] != nil else {
                throw EntraRejection.publicClientNotAllowed
            }
            try authenticateClient(application, form: form, audience: audience, required: false)
            guard let username = form["username"] else { throw EntraRejection.missingParameter("username") }
            guard let password = form["password"] else { throw EntraRejection.missingParameter("password") }
            guard let user = snapshot.users[username.lowercased()], user.tenantID == tenantID else {
                throw EntraRejection.unknownUser(username, tenant: tenantID)
            }
            guard user.password == password else { throw EntraRejection.invalidCredentials }
            guard !user.requiresMFA else { throw EntraRejection.mfaRequired }
            return issueUserTokens(
                user: user,
                tenantID: tenantID,
                clientID: clientID,
                scopes: scopes,
                capabilities: capabilities,
                configuration: configuration
            )
        case "refresh_token":
            try authenticateClient(application, form: form, audience: audience, required: !application.isPublicClient)
            guard let presented = form["refresh_token"] else { throw EntraRejection.missingParameter("refresh_token") }
            guard let issued = snapshot.refreshTokens[presented], issued.clientID == clientID,
                issued.tenantID == tenantID,
                let user = snapshot.users[issued.username]
            else { throw EntraRejection.invalidRefreshToken }
            return issueUserTokens(
                user: user,
                tenantID: tenantID,
                clientID: clientID,
                scopes: scopes,
                capabilities: capabilities,
                configuration: configuration
            )
        case "authorization_code":
            return try redeemCode(
                application,
                form: form,
                tenantID: tenantID,
                scopes: scopes,
                audience: audience,
                capabilities: capabilities
            )
        // RFC 8628 and the v2.0 protocol: `grant_type` "must be urn:ietf:params:oauth:grant-type:device_code"; Entra
        // ID refuses the short form `device_code` (AADSTS70003), and so does the fake.
        case "urn:ietf:params:oauth:grant-type:device_code":
            return try redeemDeviceCode(
                application,
                form: form,
                tenantID: tenantID,
                scopes: scopes,
                capabilities: capabilities
            )
        case "urn:ietf:params:oauth:grant-type:jwt-bearer":
            return try onBehalfOf(
                application,
                form: form,
                tenantID: tenantID,
                scopes: scopes,
                audience: audience,
                capabilities: capabilities
            )
        default:
            throw EntraRejection.unsupportedGrant(grant)
        }
    }

    private func redeemCode(
        _ application: FakeApplication,
        form: [String: String],
        tenantID: String,
        scopes: [String],
        audience: String,
        capabilities: Bool
    ) throws -> [UInt8] {
        try authenticateClient(application, form: form, audience: audience, required: !application.isPublicClient)
        guard let code = form["code"] else { throw EntraRejection.missingParameter("code") }
        guard let redirectURI = form["redirect_uri"] else { throw EntraRejection.missingParameter("redirect_uri") }
        let issued: IssuedCode = try state.withLock { state in
            guard var issued = state.codes[code], issued.clientID == application.clientID, issued.tenantID == tenantID
            else {
                throw EntraRejection.invalidCode
            }
            guard !issued.redeemed else { throw EntraRejection.codeRedeemed }
            issued.redeemed = true
            state.codes[code] = issued
            return issued
        }
        guard redirectURI == issued.redirectURI, Self.redirectAllowed(redirectURI, for: application) else {
            throw EntraRejection.redirectMismatch
        }
        if let challenge = issued.codeChallenge {
            guard let verifier = form["code_verifier"] else { throw EntraRejection.missingParameter("code_verifier") }
            let computed = Base64URL.encode(SHA256.hash(data: Array(verifier.utf8)))
            guard computed == challenge else { throw EntraRejection.pkceMismatch }
        }
        let (user, configuration) = state.withLock { ($0.users[issued.username], $0.configuration) }
        guard let user else { throw EntraRejection.invalidCode }
        return issueUserTokens(
            user: user,
            tenantID: tenantID,
            clientID: application.clientID,
            scopes: scopes,
            capabilities: capabilities,
            configuration: configuration
        )
    }

    private func onBehalfOf(
        _ application: FakeApplication,
        form: [String: String],
        tenantID: String,
        scopes: [String],
        audience: String,
        capabilities: Bool
    ) throws -> [UInt8] {
        guard form["requested_token_use"] == "on_behalf_of" else {
            throw EntraRejection.missingParameter("requested_token_use")
        }
        try authenticateClient(application, form: form, audience: audience, required: true)
        guard let assertion = form["assertion"] else { throw EntraRejection.missingParameter("assertion") }
        guard let claims = verifiedClaims(of: assertion) else {
            throw EntraRejection.invalidUserAssertion("The signature is invalid.")
        }
        let (users, configuration) = state.withLock { ($0.users, $0.configuration) }
        let now = configuration.now().timeIntervalSince1970
        guard let exp = FakeJWT.number(claims["exp"]), exp > now else {
            throw EntraRejection.invalidUserAssertion("The assertion has expired.")
        }
        let tokenAudience = claims["aud"] as? String
        guard tokenAudience == application.clientID || tokenAudience == application.applicationIDURI else {
            throw EntraRejection.invalidUserAssertion(
                "Assertion audience does not match the Client app presenting the assertion."
            )
        }
        guard let upn = claims["upn"] as? String, let user = users[upn.lowercased()] else {
            throw EntraRejection.invalidUserAssertion("The assertion is not a user token.")
        }
        return issueUserTokens(
            user: user,
            tenantID: tenantID,
            clientID: application.clientID,
            scopes: scopes,
            capabilities: capabilities,
            configuration: configuration
        )
    }

    func issueUserTokens(
        user: FakeUser,
        tenantID: String,
        clientID: String,
        scopes: [String],
        capabilities: Bool,
        configuration: Configuration
    ) -> [UInt8] {
        let oidc: Set<String> = ["openid", "profile", "offline_access", "email"]
        let resourceScopes = scopes.filter { !oidc.contains($0) }
        let first = resourceScopes.first ?? "https://graph.microsoft.com/.default"
        let resource =
            first.hasSuffix("/.default")
            ? String(first.dropLast("/.default".count))
            : (first.range(of: "/", options: .backwards).map { String(first[..<$0.lowerBound]) } ?? first)
        let names = resourceScopes.map { $0.split(separator: "/").last.map(String.init) ?? $0 }
        let accessToken = mintAccessToken(
            tenantID: tenantID,
            audience: resource,
            clientID: clientID,
            user: user,
            scopes: names,
            capabilities: capabilities,
            configuration: configuration
        )
        var refreshToken: String?
        if scopes.contains("offline_access") {
            let token = "fake-rt-" + UUID().uuidString.lowercased()
            state.withLock {
                $0.refreshTokens[token] = IssuedRefreshToken(
                    clientID: clientID,
                    tenantID: tenantID,
                    username: user.username.lowercased()
                )
            }
            refreshToken = token
        }
        var idToken: String?
        if scopes.contains("openid") {
            let now = Int(configuration.now().timeIntervalSince1970)
            idToken = FakeJWT.signES256(
                header: ["alg": "ES256", "typ": "JWT", "kid": "fake-entra"],
                claims: [
                    "aud": clientID, "iss": "\(authorityURL)/\(tenantID)/v2.0", "iat": now, "nbf": now,
                    "exp": now + 3600, "oid": user.objectID, "sub": user.objectID, "tid": tenantID,
                    "preferred_username": user.username, "name": user.username, "ver": "2.0",
                ],
                key: signingKey
            )
        }
        return tokenResponse(
            accessToken: accessToken,
            scope: scopes.joined(separator: " "),
            refreshToken: refreshToken,
            idToken: idToken,
            configuration: configuration
        )
    }
}
