// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import IdentitySupport

/// Authenticates with a federated token file (Kubernetes workload identity).
///
/// Tenant, client id and file come from the arguments or `AZURE_TENANT_ID`, `AZURE_CLIENT_ID` and
/// `AZURE_FEDERATED_TOKEN_FILE` in ``CredentialOptions/environment``. The file is re-read when it changes and at
/// least every 5 minutes, so kubelet's token rotation is picked up.
public struct WorkloadIdentityCredential: PersistentCacheReading {
    private let inner: ClientAssertionCredential

    /// Creates the credential.
    /// - Throws: ``AzureIdentityError/Code/credentialUnavailable`` when tenant, client id or token file is missing.
    public init(
        tenantID: String? = nil,
        clientID: String? = nil,
        tokenFilePath: String? = nil,
        options: CredentialOptions = CredentialOptions()
    ) throws {
        let variables = EnvironmentVariables(options.environment)
        func required(_ value: String?, _ variable: String, _ name: String) throws -> String {
            guard let value = value ?? variables[variable], !value.isEmpty else {
                throw AzureIdentityError(
                    code: .credentialUnavailable,
                    message: "WorkloadIdentityCredential is unavailable: \(name) is required "
                        + "(pass it or set \(variable)).",
                    credentialName: "WorkloadIdentityCredential"
                )
            }
            return value
        }
        let tenant = try required(tenantID, "AZURE_TENANT_ID", "tenantID")
        let client = try required(clientID, "AZURE_CLIENT_ID", "clientID")
        let path = try CredentialPath.resolve(
            try required(tokenFilePath, "AZURE_FEDERATED_TOKEN_FILE", "tokenFilePath"), what: "token file",
            environment: options.environment, credentialName: "WorkloadIdentityCredential")
        let file = FederatedTokenFile(path: path, timeSource: options.timeSource)
        self.inner = try ClientAssertionCredential(
            credentialName: "WorkloadIdentityCredential",
            tenantID: tenant,
            clientID: client,
            options: options,
            provider: { try file.read() }
        )
    }

    /// The token the persistent cache would answer `request` with, read without sending anything
    /// (``PersistentCacheReading``).
    public func tokenFromPersistentCache(for request: TokenRequest) -> AccessToken? {
        inner.tokenFromPersistentCache(for: request)
    }

    /// Gets an app token with the federated token as client assertion.
    nonisolated(nonsending) public func getToken(for request: TokenRequest) async throws -> AccessToken {
        try await inner.getToken(for: request)
    }
}
