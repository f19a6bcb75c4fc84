// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import IdentitySupport
import Logging

/// Gets tokens for an Azure managed identity from whichever source the environment offers.
///
/// The source is detected once, at construction (see ``ManagedIdentitySource``): workload identity token
/// exchange, Service Fabric, App Service / Functions / Container Apps, Azure ML, Cloud Shell, Azure Arc, then IMDS.
/// Requests are retried on 404, 410 (with a longer first delay), 408, 429, 5xx and network errors by the module's
/// one retry engine: a server's `Retry-After` is honoured up to ``CredentialOptions/retryPolicy``'s
/// ``RetryPolicy/maxRetryAfter`` and all attempts together are bounded by its ``RetryPolicy/totalTimeout``; every
/// delay goes through ``CredentialOptions/timeSource``.
///
/// An endpoint that does not answer makes the credential *unavailable* (a chain moves on). An environment that
/// selects a source but cannot be used as it is (an `IDENTITY_HEADER` with a line break, an `IDENTITY_ENDPOINT`
/// that is not an http(s) URL) is a configuration error (``AzureIdentityError/Code/invalidConfiguration``, which
/// stops a chain): nothing is sent, and retrying cannot fix it.
/// Tokens are cached per identity and resource and refreshed at half-life when they live longer than two hours.
///
/// - Note: Managed identity takes exactly one scope; its resource is the scope without `/.default`. Tenant ids in
///   requests are ignored (an identity lives in one tenant).
/// - Note: Service Fabric's `IDENTITY_SERVER_THUMBPRINT` certificate pinning is not implemented: the endpoint's
///   certificate must be trusted by the transport (for example through
///   ``TransportConfiguration/additionalTrustRootFiles``).
public struct ManagedIdentityCredential: TokenCredential {
    static let name = "ManagedIdentityCredential"

    /// The detected source.
    public let source: ManagedIdentitySource
    let identity: ManagedIdentityID
    let settings: ManagedIdentityOptions
    let transport: any HTTPTransport
    /// `transport` behind the module's one retry engine.
    let retrying: RetryingTransport
    let timeSource: any TimeSource
    let logger: Logger
    let requestTimeout: Duration
    /// `IDENTITY_HEADER` or `MSI_SECRET`, sent to the source.
    let sourceSecret: Secret?
    /// `DEFAULT_IDENTITY_CLIENT_ID` (Azure ML's system-assigned identity).
    let defaultClientID: String?
    let probe: IMDSProbe?
    let cache: TokenCache
    let workload: Result<WorkloadIdentityCredential, AzureIdentityError>?
    /// A variable the source needs that cannot be used as it is (reported by `getToken`, never sent).
    let configurationProblem: AzureIdentityError?

    /// Creates the credential and detects its source.
    /// - Parameters:
    ///   - managedIdentity: Which identity, endpoints, probe and retry settings.
    ///   - options: Transport, clock, environment and logger.
    public init(
        managedIdentity: ManagedIdentityOptions = ManagedIdentityOptions(),
        options: CredentialOptions = CredentialOptions()
    ) throws {
        let variables = EnvironmentVariables(options.environment)
        let podIdentityHost = variables["AZURE_POD_IDENTITY_AUTHORITY_HOST"]
        let identity = managedIdentity.identity
        let source = ManagedIdentitySource.detect(
            environment: variables,
            workloadClientID: identity.kind == .clientID ? identity.value : nil,
            imdsBaseURL: managedIdentity.imdsBaseURL ?? ManagedIdentityOptions.defaultIMDSBaseURL,
            arcAgentPath: managedIdentity.arcAgentPath
        )
        self.source = source
        self.identity = identity
        self.settings = managedIdentity
        let transport = try options.transport ?? SharedTransport.get()
        self.transport = transport
        self.retrying = RetryingTransport(
            base: transport,
            policy: managedIdentity.retryPolicy(basedOn: options.retryPolicy),
            timeSource: options.timeSource,
            logger: options.logger
        )
        self.timeSource = options.timeSource
        self.logger = options.logger
        self.requestTimeout = options.requestTimeout
        self.sourceSecret = variables.first(of: Self.sourceSecretVariables).map { Secret($0.value) }
        self.configurationProblem = Self.configurationProblem(
            source: source,
            environment: variables,
            imdsBaseURL: managedIdentity.imdsBaseURL
        )
        self.defaultClientID = variables["DEFAULT_IDENTITY_CLIENT_ID"]
        self.cache = TokenCache(timeSource: options.timeSource)
        let probes = source.kind == .imds && podIdentityHost == nil && managedIdentity.probeTimeout != nil
        self.probe = probes ? IMDSProbe(timeout: managedIdentity.probeTimeout!) : nil
        if source.kind == .workloadIdentity {
            // Built once, so its token cache and file re-reading survive across calls.
            do {
                self.workload = .success(
                    try WorkloadIdentityCredential(
                        clientID: identity.kind == .clientID ? identity.value : nil,
                        options: options
                    )
                )
            } catch let error as AzureIdentityError {
                self.workload = .failure(error)
            }
        } else {
            self.workload = nil
        }
        options.logger.debug(
            "ManagedIdentityCredential: using \(source.kind) managed identity",
            metadata: ["identity": "\(identity)", "endpoint": "\(source.endpoint)"]
        )
    }

    /// Gets a token for the request's single scope.
    nonisolated(nonsending) public func getToken(for request: TokenRequest) async throws -> AccessToken {
        guard request.scopes.count == 1, let scope = request.scopes.first else {
            throw Self.unavailable(
                "ManagedIdentityCredential: exactly one scope is supported (got \(request.scopes.count)). "
                    + "Request one resource's '/.default' scope at a time."
            )
        }
        if let workload {
            return try await workload.get().getToken(for: request)
        }
        if let configurationProblem { throw configurationProblem }
        try checkIdentitySupported()
        if let probe {
            try await probe.ensureAvailable(endpoint: source.endpoint, transport: transport)
        }
        let resource = DeveloperToolInput.resource(for: scope)
        let key = TokenCacheKey(
            authority: source.endpoint,
            tenantID: "",
            clientID: "\(identity.kind):\(identity.value)",
            scopes: [resource],
            isCAE: false
        )
        let credential = self
        let bypass = !(request.claims ?? "").isEmpty
        return try await cache.token(for: key, bypassCache: bypass) { try await credential.fetch(resource: resource) }
    }

    /// Cloud Shell, Service Fabric and Azure Arc take no user-assigned id; Azure ML takes only a client id.
    private func checkIdentitySupported() throws {
        guard identity.kind != .systemAssigned else { return }
        let unsupported: Bool =
            switch source.kind {
            case .cloudShell, .serviceFabric, .azureArc: true
            case .azureML: identity.kind != .clientID
            default: false
            }
        guard unsupported else { return }
        let detail =
            source.kind == .azureML
            ? "Azure ML managed identity accepts a user-assigned identity by client id only"
            : "\(source.kind) managed identity does not support user-assigned identities (the identity is "
                + "configured on the host)"
        throw Self.unavailable("ManagedIdentityCredential: \(detail); \(identity) was requested.")
    }

    static func unavailable(_ message: String, underlying: (any Error & Sendable)? = nil) -> AzureIdentityError {
        AzureIdentityError(code: .credentialUnavailable, message: message, credentialName: name, underlying: underlying)
    }
}
