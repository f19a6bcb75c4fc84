// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import IdentitySupport
import Logging

/// Reading Azure DevOps' answer. A `200` body holds the OIDC token, so it is never quoted; an error body is
/// reduced to Azure DevOps' own `message` and `typeKey` (with the system access token cut out, should it be echoed),
/// and the ids its support asks for (`x-vss-e2eid`, `ActivityId`, `x-msedge-ref`) are kept. HTML means Azure DevOps
/// showed its sign-in page: the system access token was refused.
extension AzurePipelinesOIDCClient {
    private struct OIDCTokenResponse: Decodable {
        var oidcToken: String?
    }

    private struct DevOpsError: Decodable {
        var message: String?
        var typeKey: String?
    }

    func parse(_ response: TransportResponse) throws -> Secret {
        let name = AzurePipelinesCredential.credentialName
        let endpoint = Self.endpoint(of: url ?? "")
        if Self.isHTML(response) {
            logRejection(response)
            throw AzureIdentityError.refused(
                credentialName: name,
                lead: "\(name) authentication failed: the Azure DevOps OIDC endpoint answered with an HTML page "
                    + "instead of JSON. That is Azure DevOps' sign-in page: the system access token was not accepted. "
                    + "Pass the job's System.AccessToken (map it with `env: SYSTEM_ACCESSTOKEN: $(System.AccessToken)`)"
                    + " and check that it has not expired",
                report: report(response, endpoint: endpoint, said: nil)
            )
        }
        guard response.status == 200 else {
            logRejection(response)
            let said = devOpsError(response.body)
            throw AzureIdentityError.refused(
                credentialName: name,
                lead: "\(name) authentication failed: the Azure DevOps OIDC endpoint answered HTTP \(response.status). "
                    + "Check the service connection ID and the pipeline configuration (the job's System.AccessToken "
                    + "must be passed to the credential)" + (said == nil ? "" : ". Azure DevOps said"),
                report: report(response, endpoint: endpoint, said: said)
            )
        }
        guard let body = try? JSONDecoder().decode(OIDCTokenResponse.self, from: Data(response.body)),
            let token = body.oidcToken, !token.isEmpty
        else {
            throw AzureIdentityError.refused(
                .invalidResponse,
                credentialName: name,
                lead: "\(name): the Azure DevOps OIDC endpoint answered HTTP 200 without an OIDC token (no "
                    + "\"oidcToken\" in \(response.body.count) bytes)",
                report: report(response, endpoint: endpoint, said: nil)
            )
        }
        return Secret(token)
    }

    /// The status, endpoint, Azure DevOps' words and its support ids.
    private func report(
        _ response: TransportResponse, endpoint: String, said: EntraErrorResponse?
    ) -> ServiceErrorReport {
        var ids: [String: String] = [:]
        for header in Self.supportHeaderNames {
            if let value = response.header(header) { ids[header] = Self.printable(value, limit: 128) }
        }
        return ServiceErrorReport(
            statusCode: response.status, endpoint: endpoint, entraError: said, supportHeaders: ids)
    }

    /// The response headers Azure DevOps support asks for.
    static let supportHeaderNames = ["x-vss-e2eid", "ActivityId", "x-msedge-ref"]

    private static func isHTML(_ response: TransportResponse) -> Bool {
        if response.header("Content-Type")?.lowercased().contains("text/html") == true { return true }
        let start = response.body.prefix(64).drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        return start.first == UInt8(ascii: "<")
    }

    /// Azure DevOps' `message` and `typeKey` in Entra's shape, without the system access token (nor anything
    /// token-shaped) should it be echoed; `nil` when the body has no message.
    private func devOpsError(_ body: [UInt8]) -> EntraErrorResponse? {
        guard let error = try? JSONDecoder().decode(DevOpsError.self, from: Data(body)),
            let message = error.message, !message.isEmpty
        else { return nil }
        return EntraErrorResponse(error: error.typeKey ?? "", errorDescription: message)
            .redacting([systemAccessToken.revealedValue()])
    }

    private func logRejection(_ response: TransportResponse) {
        logger.debug(
            "OIDC token request rejected",
            metadata: [
                "credential": "\(AzurePipelinesCredential.credentialName)", "status": "\(response.status)",
                "x-vss-e2eid": "\(Self.printable(response.header("x-vss-e2eid") ?? "", limit: 128))",
                "x-msedge-ref": "\(Self.printable(response.header("x-msedge-ref") ?? "", limit: 128))",
            ]
        )
    }

    /// `text` with its control characters escaped, cut to `limit` characters: Azure DevOps' text is shown to a person.
    static func printable(_ text: String, limit: Int) -> String {
        OutsideText.escaped(text, limit: limit)
    }
}
