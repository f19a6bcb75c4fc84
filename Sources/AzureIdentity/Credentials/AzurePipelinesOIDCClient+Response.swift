import Foundation
import IdentitySupport
import Logging

/// Reading Azure DevOps' answer. A `200` body holds the OIDC token, so it is never quoted; an error body is
/// reduced to Azure DevOps' own `message` (with the system access token cut out, should it be echoed). HTML means
/// Azure DevOps showed its sign-in page: the system access token was refused.
extension AzurePipelinesOIDCClient {
    private struct OIDCTokenResponse: Decodable {
        var oidcToken: String?
    }

    private struct DevOpsError: Decodable {
        var message: String?
    }

    func parse(_ response: TransportResponse) throws -> Secret {
        let name = AzurePipelinesCredential.credentialName
        let endpoint = Self.endpoint(of: url ?? "")
        let diagnostics = Self.diagnosticHeaders(response)
        if Self.isHTML(response) {
            logRejection(response)
            throw AzureIdentityError(
                code: .authenticationFailed,
                message: "\(name) authentication failed: the Azure DevOps OIDC endpoint \(endpoint) answered HTTP "
                    + "\(response.status) with an HTML page instead of JSON. That is Azure DevOps' sign-in page: the "
                    + "system access token was not accepted. Pass the job's System.AccessToken (map it with "
                    + "`env: SYSTEM_ACCESSTOKEN: $(System.AccessToken)`) and check that it has not expired."
                    + diagnostics,
                credentialName: name,
                statusCode: response.status
            )
        }
        guard response.status == 200 else {
            logRejection(response)
            let said = devOpsMessage(response.body).map { " Azure DevOps said: \"\($0)\"." } ?? ""
            throw AzureIdentityError(
                code: .authenticationFailed,
                message: "\(name) authentication failed: the Azure DevOps OIDC endpoint \(endpoint) answered HTTP "
                    + "\(response.status). Check the service connection ID and the pipeline configuration "
                    + "(the job's System.AccessToken must be passed to the credential).\(said)\(diagnostics)",
                credentialName: name,
                statusCode: response.status
            )
        }
        guard let body = try? JSONDecoder().decode(OIDCTokenResponse.self, from: Data(response.body)),
            let token = body.oidcToken, !token.isEmpty
        else {
            throw AzureIdentityError(
                code: .invalidResponse,
                message: "\(name): the Azure DevOps OIDC endpoint \(endpoint) answered HTTP 200 without an OIDC "
                    + "token (no \"oidcToken\" in \(response.body.count) bytes).\(diagnostics)",
                credentialName: name,
                statusCode: response.status
            )
        }
        return Secret(token)
    }

    /// ` x-vss-e2eid: …; x-msedge-ref: ….` for Azure DevOps support, or an empty string.
    static func diagnosticHeaders(_ response: TransportResponse) -> String {
        let found = ["x-vss-e2eid", "x-msedge-ref"].compactMap { header in
            response.header(header).map { "\(header): \(printable($0, limit: 128))" }
        }
        return found.isEmpty ? "" : " " + found.joined(separator: "; ") + "."
    }

    private static func isHTML(_ response: TransportResponse) -> Bool {
        if response.header("Content-Type")?.lowercased().contains("text/html") == true { return true }
        let start = response.body.prefix(64).drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        return start.first == UInt8(ascii: "<")
    }

    /// Azure DevOps' `message`, printable, shortened, and without the system access token.
    private func devOpsMessage(_ body: [UInt8]) -> String? {
        guard let message = (try? JSONDecoder().decode(DevOpsError.self, from: Data(body)))?.message,
            !message.isEmpty
        else { return nil }
        let token = systemAccessToken.revealedValue()
        let scrubbed = token.isEmpty ? message : message.replacingOccurrences(of: token, with: Secret.redactionMarker)
        return Self.printable(scrubbed, limit: 300)
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
