// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Crypto
import Foundation
import Synchronization

extension FakeEntraID {
    /// Adds a tenant.
    public func addTenant(_ tenantID: String) {
        _ = state.withLock { $0.tenants.insert(tenantID) }
    }

    /// Registers (or replaces) an application; its tenant is added too.
    public func register(_ application: FakeApplication) {
        state.withLock {
            $0.tenants.insert(application.tenantID)
            $0.applications[application.clientID] = application
        }
    }

    /// Registers (or replaces) a user.
    public func register(_ user: FakeUser) {
        state.withLock {
            $0.tenants.insert(user.tenantID)
            $0.users[user.username.lowercased()] = user
        }
    }

    /// Makes `resource` (`https://storage.example`, without `/.default`) one no service principal in any tenant
    /// has: Entra refuses tokens for it with AADSTS500011 (`invalid_resource`), and the managed identity endpoints
    /// relay that refusal the way each relays it (IMDS: Entra's body; App Service: `statusCode`/`message`).
    public func markResourceUnknown(_ resource: String) {
        _ = state.withLock { $0.unknownResources.insert(resource) }
    }

    /// Trusts an external token issuer for federated credentials.
    public func register(_ issuer: FakeFederatedIssuer) {
        state.withLock { $0.federatedIssuers[issuer.issuer] = issuer.key.publicKey }
    }

    /// Issues an authorization code, as the authorize endpoint would after the user signed in.
    /// - Parameters:
    ///   - clientID: The application the code is for.
    ///   - tenantID: The tenant the user signed in to.
    ///   - redirectURI: The redirect URI of the authorize request; the token request must send the same.
    ///   - username: The user who signed in.
    ///   - codeChallenge: The PKCE S256 challenge sent to the authorize endpoint, if any.
    public func issueAuthorizationCode(
        clientID: String,
        tenantID: String,
        username: String,
        redirectURI: String,
        codeChallenge: String? = nil
    ) -> String {
        let code = "fake-code-" + UUID().uuidString.lowercased()
        state.withLock {
            $0.codes[code] = IssuedCode(
                clientID: clientID,
                tenantID: tenantID,
                username: username.lowercased(),
                redirectURI: redirectURI,
                codeChallenge: codeChallenge
            )
        }
        return code
    }

    /// Injects a fault into the next matching responses.
    public func inject(_ fault: FakeFault) {
        state.withLock { $0.faults.append(fault) }
    }

    /// Every request received so far, in order.
    public var requests: [RecordedRequest] {
        state.withLock { $0.requests }
    }

    /// Only token endpoint requests.
    public var tokenRequests: [RecordedRequest] {
        requests.filter(\.isTokenRequest)
    }

    /// Forgets recorded requests.
    public func clearRequests() {
        state.withLock { $0.requests.removeAll() }
    }

    /// Mints an access token for a user as the fake would (for OBO tests), with audience `audience`.
    public func mintUserToken(username: String, audience: String, clientID: String) -> String? {
        let (user, configuration) = state.withLock { ($0.users[username.lowercased()], $0.configuration) }
        guard let user else { return nil }
        return mintAccessToken(
            tenantID: user.tenantID,
            audience: audience,
            clientID: clientID,
            user: user,
            scopes: ["user_impersonation"],
            capabilities: false,
            configuration: configuration
        )
    }

    /// Verifies a token the fake issued and returns its claims (for tests to inspect tokens).
    public func verifiedClaims(of token: String) -> [String: Any]? {
        guard let parsed = FakeJWT.parse(token), FakeJWT.verifyES256(parsed, key: signingKey.publicKey) else {
            return nil
        }
        return parsed.claims
    }
}
