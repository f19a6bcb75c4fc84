// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import Synchronization

/// Finds a tenant's token endpoint: Entra's fixed layout for well-known clouds and ordinary hosts, or the
/// `token_endpoint` of the OpenID configuration (fetched once per tenant) for hosts that ask for discovery.
final class TokenEndpointDiscovery: Sendable {
    private let authorityHost: AuthorityHost
    private let transport: any HTTPTransport
    private let requestTimeout: Duration
    private let credentialName: String
    private let discovered = Mutex<[String: String]>([:])

    init(authorityHost: AuthorityHost, transport: any HTTPTransport, requestTimeout: Duration, credentialName: String) {
        self.authorityHost = authorityHost
        self.transport = transport
        self.requestTimeout = requestTimeout
        self.credentialName = credentialName
    }

    func tokenEndpoint(tenantID: String) async throws -> String {
        guard authorityHost.usesDiscovery else { return authorityHost.tokenEndpoint(tenantID: tenantID) }
        if let known = discovered.withLock({ $0[tenantID] }) { return known }
        let url = authorityHost.openIDConfigurationURL(tenantID: tenantID)
        let response: TransportResponse
        do {
            response = try await transport.send(
                TransportRequest(
                    method: "GET",
                    url: url,
                    headers: [(name: "Accept", value: "application/json")],
                    timeout: requestTimeout
                )
            )
        } catch let error as CancellationError {
            throw error
        } catch {
            throw AzureIdentityError(
                code: .transportFailed,
                message: "OpenID configuration at \(url) could not be read: \(error)",
                credentialName: credentialName,
                underlying: error
            )
        }
        guard response.status == 200,
            let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
            let endpoint = object["token_endpoint"] as? String, endpoint.lowercased().hasPrefix("https://")
        else {
            guard response.status == 200 else {
                throw TokenEndpointClient.refusal(
                    response, url: url, credentialName: credentialName,
                    lead: "\(credentialName): the OpenID configuration could not be read", secrets: [])
            }
            throw AzureIdentityError(
                code: .invalidResponse,
                message: "OpenID configuration at \(url) has no https token_endpoint (HTTP \(response.status)).",
                credentialName: credentialName,
                statusCode: response.status
            )
        }
        discovered.withLock { $0[tenantID] = endpoint }
        return endpoint
    }
}
