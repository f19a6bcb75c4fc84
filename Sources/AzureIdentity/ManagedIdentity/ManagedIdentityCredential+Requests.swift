// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import Logging

extension ManagedIdentityCredential {
    /// The first request for `resource`, shaped for the source.
    func request(resource: String) -> TransportRequest {
        var query: [(String, String)] = []
        var headers: [(name: String, value: String)] = [(name: "Accept", value: "application/json")]
        let secret = sourceSecret?.revealedValue() ?? ""
        var method = "GET"
        var body: [UInt8]?
        switch source.kind {
        case .serviceFabric:
            query = [("api-version", "2019-07-01-preview"), ("resource", resource)]
            headers.append((name: "secret", value: secret))
        case .appService:
            query =
                [("api-version", "2019-08-01"), ("resource", resource)] + userAssignedQuery(resourceKey: "mi_res_id")
            headers.append((name: "X-IDENTITY-HEADER", value: secret))
        case .azureML:
            let clientID = identity.kind == .clientID ? identity.value : defaultClientID
            query =
                [("api-version", "2017-09-01"), ("resource", resource)] + (clientID.map { [("clientid", $0)] } ?? [])
            headers += [(name: "Metadata", value: "true"), (name: "secret", value: secret)]
        case .cloudShell:
            method = "POST"
            headers += [
                (name: "Metadata", value: "true"),
                (name: "Content-Type", value: "application/x-www-form-urlencoded"),
            ]
            body = Array(FormEncoding.encode([("resource", resource)]).utf8)
        case .azureArc:
            query = [("api-version", "2020-06-01"), ("resource", resource)]
            headers.append((name: "Metadata", value: "true"))
        default:
            query =
                [("api-version", "2018-02-01"), ("resource", resource)] + userAssignedQuery(resourceKey: "msi_res_id")
            headers.append((name: "Metadata", value: "true"))
        }
        let separator = source.endpoint.contains("?") ? "&" : "?"
        let url = query.isEmpty ? source.endpoint : source.endpoint + separator + FormEncoding.encode(query)
        return TransportRequest(method: method, url: url, headers: headers, body: body, timeout: requestTimeout)
    }

    private func userAssignedQuery(resourceKey: String) -> [(String, String)] {
        switch identity.kind {
        case .systemAssigned: []
        case .clientID: [("client_id", identity.value)]
        case .resourceID: [(resourceKey, identity.value)]
        case .objectID: [("object_id", identity.value)]
        }
    }

    /// Sends the request (answering an Arc challenge), retries, and turns the answer into a token.
    func fetch(resource: String) async throws -> AccessToken {
        var outgoing = request(resource: resource)
        var response = try await sendWithRetries(outgoing)
        var secrets = [sourceSecret?.revealedValue() ?? ""]
        if source.kind == .azureArc, response.status == 401 {
            let key = try arcKey(challenge: response)
            secrets.append(key.revealedValue())
            outgoing.headers.append((name: "Authorization", value: "Basic \(key.revealedValue())"))
            response = try await sendWithRetries(outgoing)
        }
        let now = timeSource.now()
        guard response.status == 200 else { throw failure(response, url: outgoing.url, secrets: secrets) }
        do {
            let token = try ManagedIdentityResponse.token(from: response.body, now: now)
            logger.debug(
                "ManagedIdentityCredential: token received",
                metadata: ["source": "\(source.kind)", "expiresOn": "\(token.expiresOn)"]
            )
            return token
        } catch {
            throw AzureIdentityError(
                code: .invalidResponse,
                message: "ManagedIdentityCredential: \(source.kind) returned a response that is not a token "
                    + "(\(response.body.count) bytes): \(error)",
                credentialName: Self.name,
                statusCode: response.status
            )
        }
    }

    /// Sends through the one retry engine (``RetryingTransport`` with ``ManagedIdentityOptions`` counts and
    /// ``CredentialOptions/retryPolicy``'s cap and total timeout). An endpoint that never answered makes the
    /// credential unavailable; a request refused before sending is a configuration error; a rejected certificate
    /// or an oversized answer is a transport failure.
    func sendWithRetries(_ request: TransportRequest) async throws -> TransportResponse {
        do {
            return try await retrying.send(request)
        } catch let error as TransportError {
            let what = "ManagedIdentityCredential: \(source.kind) managed identity endpoint at \(source.endpoint)"
            if error.isRetryable {
                throw Self.unavailable("\(what) did not answer: \(error.message)", underlying: error)
            }
            let code: AzureIdentityError.Code =
                error.code == .invalidRequest || error.code == .invalidURL ? .invalidConfiguration : .transportFailed
            throw AzureIdentityError(
                code: code,
                message: "\(what): \(error.message)",
                credentialName: Self.name,
                underlying: error
            )
        }
    }

    /// A 400 from IMDS means the identity is not assigned here; 403 "unreachable" means no route (Docker Desktop).
    /// Either way, and for every other refusal, the message quotes what the endpoint said (IMDS relays Entra's
    /// AADSTS code, trace and correlation ids for a resource Entra refuses), the status and the endpoint, with the
    /// identity header's value and the Arc key removed should the endpoint echo them.
    private func failure(_ response: TransportResponse, url: String, secrets: [String]) -> AzureIdentityError {
        let report = ServiceErrorReport(
            statusCode: response.status,
            endpoint: url,
            entraError: ManagedIdentityResponse.errorResponse(from: response.body)?.redacting(secrets)
        )
        if source.kind == .imds, response.status == 400 {
            let what =
                identity.kind == .systemAssigned
                ? "No managed identity has been assigned to this resource"
                : "The requested identity (\(identity)) has not been assigned to this resource"
            // As the Azure SDKs do: unavailable, so a chain moves on. What IMDS said (an AADSTS code, when it relays
            // Entra's refusal of the resource) follows.
            return AzureIdentityError.refused(
                .credentialUnavailable, credentialName: Self.name,
                lead: "ManagedIdentityCredential: \(what)", report: report)
        }
        if response.status == 403, String(decoding: response.body, as: UTF8.self).contains("unreachable") {
            return AzureIdentityError.refused(
                .credentialUnavailable, credentialName: Self.name,
                lead: "ManagedIdentityCredential: network unreachable", report: report)
        }
        return AzureIdentityError.refused(
            credentialName: Self.name, lead: "ManagedIdentityCredential: \(source.kind) refused the token request",
            report: report)
    }
}
