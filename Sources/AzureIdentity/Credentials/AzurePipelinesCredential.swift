// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import IdentitySupport

/// Authenticates an Azure Pipelines service connection that uses workload identity federation.
///
/// For every token request to Entra ID the credential first asks Azure DevOps for an OIDC token for the service
/// connection (`POST $SYSTEM_OIDCREQUESTURI?api-version=7.1&serviceConnectionId=<id>`, authorised with the job's
/// `System.AccessToken`), then sends that token to Entra ID as the client assertion of a client credentials grant.
/// Tokens are cached like every ``ClientAssertionCredential``'s, so a cached token costs no Azure DevOps request.
///
/// `SYSTEM_OIDCREQUESTURI` is read from ``CredentialOptions/environment``; Azure Pipelines sets it in every job.
/// The system access token is not in the environment unless the job maps it, for example:
///
/// ```yaml
/// - script: authprofile token ci --scope https://management.azure.com/.default
///   env:
///     SYSTEM_ACCESSTOKEN: $(System.AccessToken)
/// ```
///
/// The credential can be created outside a pipeline (so it can sit in a ``ChainedTokenCredential``): there
/// ``getToken(for:)`` throws ``AzureIdentityError/Code/credentialUnavailable`` without any network request.
/// The system access token and the OIDC token never appear in logs, errors, `description` or reflection.
public struct AzurePipelinesCredential: TokenCredential {
    static let credentialName = "AzurePipelinesCredential"

    /// The tenant of the service connection's app registration or managed identity.
    public let tenantID: String
    /// The client id of the service connection's app registration or managed identity.
    public let clientID: String
    /// The service connection's id (the `resourceId` query parameter of its page in the Azure DevOps portal).
    public let serviceConnectionID: String
    private let oidc: AzurePipelinesOIDCClient
    private let inner: ClientAssertionCredential

    /// Creates the credential.
    /// - Parameters:
    ///   - tenantID: The tenant of the service connection.
    ///   - clientID: The client id of the service connection.
    ///   - serviceConnectionID: The service connection's id.
    ///   - systemAccessToken: The job's `System.AccessToken`.
    ///   - options: Transport, retries, clock, logger and the environment holding `SYSTEM_OIDCREQUESTURI`.
    /// - Throws: ``AzureIdentityError/Code/credentialUnavailable`` when `serviceConnectionID` or
    ///   `systemAccessToken` is empty; ``AzureIdentityError/Code/invalidConfiguration`` for an invalid tenant,
    ///   an empty client id, or a `SYSTEM_OIDCREQUESTURI` that is not an absolute `https` URL.
    public init(
        tenantID: String,
        clientID: String,
        serviceConnectionID: String,
        systemAccessToken: Secret,
        options: CredentialOptions = CredentialOptions()
    ) throws {
        func unavailable(_ missing: String) -> AzureIdentityError {
            AzureIdentityError(
                code: .credentialUnavailable,
                message: "\(Self.credentialName) is unavailable: \(missing) is required.",
                credentialName: Self.credentialName
            )
        }
        guard !serviceConnectionID.isEmpty else { throw unavailable("serviceConnectionID") }
        guard !systemAccessToken.isEmpty else { throw unavailable("systemAccessToken (the job's System.AccessToken)") }
        let oidc = try AzurePipelinesOIDCClient(
            requestURI: EnvironmentVariables(options.environment)[AzurePipelinesOIDCClient.requestURIVariable],
            serviceConnectionID: serviceConnectionID,
            systemAccessToken: systemAccessToken,
            options: options
        )
        self.inner = try ClientAssertionCredential(
            credentialName: Self.credentialName,
            tenantID: tenantID,
            clientID: clientID,
            options: options,
            provider: { try await oidc.requestOIDCToken() }
        )
        self.tenantID = tenantID
        self.clientID = clientID
        self.serviceConnectionID = serviceConnectionID
        self.oidc = oidc
    }

    /// Gets an app token for the service connection, from the cache when a valid one is available.
    /// - Throws: ``AzureIdentityError/Code/credentialUnavailable`` outside Azure Pipelines (no
    ///   `SYSTEM_OIDCREQUESTURI`); ``AzureIdentityError/Code/authenticationFailed`` when Azure DevOps or Entra ID
    ///   refuses, with Azure DevOps' `x-vss-e2eid` and `x-msedge-ref` response headers in the message.
    nonisolated(nonsending) public func getToken(for request: TokenRequest) async throws -> AccessToken {
        guard oidc.isConfigured else {
            throw AzureIdentityError(
                code: .credentialUnavailable,
                message: "\(Self.credentialName) is unavailable: \(AzurePipelinesOIDCClient.requestURIVariable) "
                    + "is not set. Azure Pipelines sets it in every job; outside a pipeline use another credential.",
                credentialName: Self.credentialName
            )
        }
        return try await inner.getToken(for: request)
    }
}
