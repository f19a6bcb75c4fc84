// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Crypto
public import Foundation
public import X509

/// An application registration in the fake directory.
public struct FakeApplication: Sendable {
    /// The application (client) id.
    public var clientID: String
    /// The tenant the application is registered in.
    public var tenantID: String
    /// Whether other tenants may get tokens for it.
    public var isMultiTenant: Bool
    /// Client secrets accepted for this application.
    public var secrets: [String]
    /// Certificates whose keys may sign client assertions (matched by `x5t` / `x5t#S256`).
    public var certificates: [Certificate]
    /// CAs trusted for subject-name/issuer authentication (assertions carrying `x5c`).
    public var trustedIssuers: [Certificate]
    /// Federated identity credentials (workload identity).
    public var federatedCredentials: [FakeFederatedCredential]
    /// Redirect URIs accepted for the authorization code grant.
    public var redirectURIs: [String]
    /// Whether public-client flows (password, code without secret) are allowed.
    public var isPublicClient: Bool
    /// The application ID URI (`api://<clientID>` by default), a valid audience for user tokens.
    public var applicationIDURI: String

    /// Registers an application.
    public init(
        clientID: String,
        tenantID: String,
        isMultiTenant: Bool = false,
        secrets: [String] = [],
        certificates: [Certificate] = [],
        trustedIssuers: [Certificate] = [],
        federatedCredentials: [FakeFederatedCredential] = [],
        redirectURIs: [String] = [],
        isPublicClient: Bool = false,
        applicationIDURI: String? = nil
    ) {
        self.clientID = clientID
        self.tenantID = tenantID
        self.isMultiTenant = isMultiTenant
        self.secrets = secrets
        self.certificates = certificates
        self.trustedIssuers = trustedIssuers
        self.federatedCredentials = federatedCredentials
        self.redirectURIs = redirectURIs
        self.isPublicClient = isPublicClient
        self.applicationIDURI = applicationIDURI ?? "api://\(clientID)"
    }
}

/// A user in the fake directory.
public struct FakeUser: Sendable {
    /// The tenant the user lives in.
    public var tenantID: String
    /// The sign-in name (UPN).
    public var username: String
    /// The password.
    public var password: String
    /// The user's object id (`oid`).
    public var objectID: String
    /// Whether sign-in requires MFA (password grant then fails with AADSTS50076).
    public var requiresMFA: Bool

    /// Registers a user.
    public init(
        tenantID: String,
        username: String,
        password: String,
        objectID: String = UUID().uuidString.lowercased(),
        requiresMFA: Bool = false
    ) {
        self.tenantID = tenantID
        self.username = username
        self.password = password
        self.objectID = objectID
        self.requiresMFA = requiresMFA
    }
}

/// A federated identity credential on an application: which external tokens it accepts.
public struct FakeFederatedCredential: Sendable {
    /// The external issuer (`iss`).
    public var issuer: String
    /// The subject (`sub`), e.g. `system:serviceaccount:ns:name`.
    public var subject: String
    /// The audience, `api://AzureADTokenExchange` by default.
    public var audience: String

    /// Creates a federated credential.
    public init(issuer: String, subject: String, audience: String = "api://AzureADTokenExchange") {
        self.issuer = issuer
        self.subject = subject
        self.audience = audience
    }
}

/// An external OIDC issuer (like a Kubernetes cluster) whose tokens the fake verifies with its public key.
public struct FakeFederatedIssuer: Sendable {
    /// The issuer URL.
    public let issuer: String
    let key: P256.Signing.PrivateKey

    /// Creates an issuer with a fresh P-256 key.
    public init(issuer: String) {
        self.issuer = issuer
        self.key = P256.Signing.PrivateKey()
    }

    /// Mints an ES256 token like a projected service-account token.
    public func mintToken(
        subject: String,
        audience: String = "api://AzureADTokenExchange",
        issuedAt: Date = Date(),
        lifetime: TimeInterval = 3600
    ) -> String {
        let issued = Int(issuedAt.timeIntervalSince1970)
        return FakeJWT.signES256(
            header: ["alg": "ES256", "typ": "JWT", "kid": "fed"],
            claims: [
                "iss": issuer, "sub": subject, "aud": [audience], "iat": issued, "nbf": issued,
                "exp": issued + Int(lifetime),
            ],
            key: key
        )
    }
}
