// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import Logging

/// Asks Azure DevOps for a service connection's OIDC token: the client assertion of ``AzurePipelinesCredential``.
///
/// The request is what the Azure SDKs send: `POST <SYSTEM_OIDCREQUESTURI>?api-version=7.1&serviceConnectionId=<id>`
/// with `Authorization: Bearer <System.AccessToken>`, `Content-Type: application/json`, an empty body, and
/// `X-TFS-FedAuthRedirect: Suppress` so that a refused token gets `401` instead of a redirect to the sign-in page.
/// The answer is `{"oidcToken": "<JWT>"}`.
struct AzurePipelinesOIDCClient: Sendable {
    static let requestURIVariable = "SYSTEM_OIDCREQUESTURI"
    static let apiVersion = "7.1"

    /// The full request URL; `nil` when `SYSTEM_OIDCREQUESTURI` is unset (not in a pipeline).
    let url: String?
    let systemAccessToken: Secret
    let serviceConnectionID: String
    let transport: any HTTPTransport
    let requestTimeout: Duration
    let logger: Logger

    /// Whether `SYSTEM_OIDCREQUESTURI` was set.
    var isConfigured: Bool { url != nil }

    init(
        requestURI: String?,
        serviceConnectionID: String,
        systemAccessToken: Secret,
        options: CredentialOptions
    ) throws {
        let trimmed = (requestURI ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            self.url = nil
        } else {
            guard let components = URLComponents(string: trimmed), components.scheme?.lowercased() == "https",
                let host = components.host, !host.isEmpty, components.fragment == nil
            else {
                throw AzureIdentityError(
                    code: .invalidConfiguration,
                    message: "\(AzurePipelinesCredential.credentialName): \(Self.requestURIVariable) must be an "
                        + "absolute https URL (got '\(trimmed.prefix(200))').",
                    credentialName: AzurePipelinesCredential.credentialName
                )
            }
            let query = FormEncoding.encode([
                ("api-version", Self.apiVersion), ("serviceConnectionId", serviceConnectionID),
            ])
            self.url = trimmed + (components.query == nil ? "?" : "&") + query
        }
        self.serviceConnectionID = serviceConnectionID
        self.systemAccessToken = systemAccessToken
        self.transport = RetryingTransport(
            base: try options.transport ?? SharedTransport.get(),
            policy: options.retryPolicy,
            timeSource: options.timeSource,
            logger: options.logger
        )
        self.requestTimeout = options.requestTimeout
        self.logger = options.logger
    }

    /// Gets a fresh OIDC token for the service connection.
    func requestOIDCToken() async throws -> Secret {
        let name = AzurePipelinesCredential.credentialName
        guard let url else {
            throw AzureIdentityError(
                code: .credentialUnavailable,
                message: "\(name) is unavailable: \(Self.requestURIVariable) is not set.",
                credentialName: name
            )
        }
        let request = TransportRequest(
            method: "POST",
            url: url,
            headers: [
                (name: "Authorization", value: "Bearer " + systemAccessToken.revealedValue()),
                (name: "Content-Type", value: "application/json"),
                (name: "X-TFS-FedAuthRedirect", value: "Suppress"),
                (name: "User-Agent", value: "azsdk-swift-identity/0.1"),
            ],
            body: [],
            timeout: requestTimeout
        )
        logger.debug(
            "Requesting OIDC token from Azure Pipelines",
            metadata: ["credential": "\(name)", "serviceConnectionId": "\(serviceConnectionID)"]
        )
        let response: TransportResponse
        do {
            response = try await transport.send(request)
        } catch let error as CancellationError {
            throw error
        } catch {
            throw AzureIdentityError(
                code: .transportFailed,
                message: "\(name): the Azure DevOps OIDC endpoint \(Self.endpoint(of: url)) could not be reached: "
                    + "\(error)",
                credentialName: name,
                underlying: error
            )
        }
        return try parse(response)
    }

    /// The URL without its query, for messages.
    static func endpoint(of url: String) -> String {
        url.firstIndex(of: "?").map { String(url[..<$0]) } ?? url
    }
}
