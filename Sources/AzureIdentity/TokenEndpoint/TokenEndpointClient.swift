// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import IdentitySupport
import Logging

/// Posts grant requests to `<authority>/<tenant>/oauth2/v2.0/token` and turns the answer into a token or an
/// ``AzureIdentityError``. Form values are never logged.
struct TokenEndpointClient: Sendable {
    let credentialName: String
    let authorityHost: AuthorityHost
    let transport: any HTTPTransport
    let timeSource: any TimeSource
    let requestTimeout: Duration
    let logger: Logger

    struct Result: Sendable {
        var token: AccessToken
        var refreshToken: Secret?
        /// The OpenID Connect id token (user flows with `openid`), not a secret but never logged either.
        var idToken: String? = nil
    }

    func requestToken(url: String, tenantID: String, form: [(String, String)]) async throws -> Result {
        let requestID = UUID().uuidString.lowercased()
        let grant = form.first { $0.0 == "grant_type" }?.1 ?? "?"
        let request = TransportRequest(
            method: "POST",
            url: url,
            headers: [
                (name: "Content-Type", value: "application/x-www-form-urlencoded;charset=utf-8"),
                (name: "Accept", value: "application/json"),
                (name: "client-request-id", value: requestID),
                (name: "return-client-request-id", value: "true"),
                (name: "x-client-SKU", value: "swift.azureidentity"),
                (name: "User-Agent", value: "azsdk-swift-identity/0.1"),
            ],
            body: Array(FormEncoding.encode(form).utf8),
            timeout: requestTimeout
        )
        logger.debug(
            "Requesting token",
            metadata: [
                "credential": "\(credentialName)", "tenant": "\(tenantID)", "grant_type": "\(grant)",
                "client-request-id": "\(requestID)",
            ]
        )
        let issuedAt = timeSource.now()
        let response: TransportResponse
        do {
            response = try await transport.send(request)
        } catch let error as CancellationError {
            throw error
        } catch {
            logger.debug("Token request failed", metadata: ["credential": "\(credentialName)", "error": "\(error)"])
            throw AzureIdentityError(
                code: .transportFailed,
                message: "The token endpoint \(url) could not be reached: \(error)",
                credentialName: credentialName,
                underlying: error
            )
        }
        return try parse(response, issuedAt: issuedAt, url: url, secrets: Self.secretValues(of: form))
    }

    /// The form fields that are not secrets; every other value (client secret, assertion, password, refresh token,
    /// code, code verifier, device code, user assertion) is removed from whatever the endpoint echoes back.
    static let publicFields: Set<String> = [
        "grant_type", "client_id", "scope", "client_assertion_type", "redirect_uri", "username",
        "requested_token_use", "claims", "client_info",
    ]

    /// The values of `form` that are (or may be) secrets: deny by default.
    static func secretValues(of form: [(String, String)]) -> [String] {
        form.filter { !publicFields.contains($0.0) }.map(\.1)
    }

    /// The refusal of a token endpoint (`url`), with Entra's words redacted of `secrets`: the one place the
    /// token, device code and discovery requests turn an error answer into an ``AzureIdentityError``.
    static func refusal(
        _ response: TransportResponse, url: String, credentialName: String, lead: String, secrets: [String]
    ) -> AzureIdentityError {
        let entra =
            (try? JSONDecoder().decode(EntraErrorResponse.self, from: Data(response.body)))
            ?? EntraErrorResponse(
                error: response.status == 400 ? "invalid_request" : "unknown_error",
                errorDescription: "The endpoint returned HTTP \(response.status) with a body that is not an Entra "
                    + "error (\(response.body.count) bytes)."
            )
        return AzureIdentityError.refused(
            credentialName: credentialName,
            lead: lead,
            report: ServiceErrorReport(statusCode: response.status, endpoint: url, entraError: entra.redacting(secrets))
        )
    }

    private func parse(_ response: TransportResponse, issuedAt: Date, url: String, secrets: [String]) throws -> Result {
        guard response.status == 200 else {
            let error = Self.refusal(
                response, url: url, credentialName: credentialName, lead: "\(credentialName) authentication failed",
                secrets: secrets)
            logger.debug(
                "Token request rejected",
                metadata: [
                    "credential": "\(credentialName)", "status": "\(response.status)",
                    "error": "\(OutsideText.escapingControlCharacters(error.entraError?.error ?? ""))",
                    "codes": "\(error.entraError?.aadstsCodes ?? [])",
                    "trace_id": "\(OutsideText.escapingControlCharacters(error.entraError?.traceID ?? ""))",
                ]
            )
            throw error
        }
        let body: TokenResponse
        do {
            body = try TokenResponse(body: response.body, issuedAt: issuedAt)
        } catch {
            throw AzureIdentityError(
                code: .invalidResponse,
                message: "The token endpoint \(url) answered HTTP 200 with a token response that cannot be used "
                    + "(\(response.body.count) bytes): \(error).",
                credentialName: credentialName,
                statusCode: response.status,
                underlying: error
            )
        }
        logger.debug(
            "Token received",
            metadata: ["credential": "\(credentialName)", "expiresOn": "\(body.token.expiresOn)"]
        )
        return Result(token: body.token, refreshToken: body.refreshToken, idToken: body.idToken)
    }
}
