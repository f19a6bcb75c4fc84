// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import Synchronization

/// A fake Azure DevOps OIDC token endpoint (`SYSTEM_OIDCREQUESTURI`) on the fake's HTTPS server.
///
/// It answers like Azure DevOps: `POST …/oidctoken?api-version=7.1&serviceConnectionId=<id>` with the job's
/// `System.AccessToken` as bearer token gets `{"oidcToken": "<JWT>"}`, a JWT from the organization's issuer whose
/// subject is the service connection. A wrong token gets `401` with an Azure DevOps error body when the request
/// carries `X-TFS-FedAuthRedirect: Suppress`, else the HTML sign-in page with `203`. Every answer carries
/// `x-vss-e2eid` and `x-msedge-ref`, the ids Azure DevOps support asks for.
extension FakeEntraID {
    /// Registers a pipeline job and trusts its organization's issuer.
    public func register(_ job: FakePipelineJob) {
        register(job.issuer)
        state.withLock { $0.pipelineJobs[job.path] = job }
    }

    /// The `SYSTEM_OIDCREQUESTURI` of a registered job.
    public func oidcRequestURI(for job: FakePipelineJob) -> String {
        authorityURL + job.path
    }

    /// Only requests to Azure DevOps OIDC token endpoints.
    public var oidcTokenRequests: [RecordedRequest] {
        requests.filter { $0.path.hasSuffix("/oidctoken") }
    }

    func pipelineOIDCToken(
        method: String,
        path: String,
        query: [String: String],
        headers: [(name: String, value: String)]
    ) -> FakeHTTPAction {
        let (job, now) = state.withLock { ($0.pipelineJobs[path], $0.configuration.now()) }
        let e2eID = UUID().uuidString.lowercased()
        let responseHeaders = [
            ("x-vss-e2eid", e2eID), ("ActivityId", UUID().uuidString.lowercased()),
            ("x-msedge-ref", "Ref A: \(e2eID.prefix(8).uppercased()) Ref B: FAKE01 Ref C: 0"),
        ]
        func devOpsError(_ status: Int, _ typeKey: String, _ message: String) -> FakeHTTPAction {
            let body: [String: Any] = [
                "$id": "1", "innerException": NSNull(), "message": message, "typeKey": typeKey, "errorCode": 0,
                "typeName": "Microsoft.VisualStudio.Services.WebApi.\(typeKey), Microsoft.VisualStudio.Services.WebApi",
            ]
            return Self.json(status, body, headers: responseHeaders)
        }
        guard let job else { return devOpsError(404, "VssResourceNotFoundException", "The job was not found.") }
        guard method == "POST" else {
            return devOpsError(405, "VssMethodNotAllowedException", "The resource does not support \(method).")
        }
        let authorization = headers.first { $0.name.lowercased() == "authorization" }?.value
        guard authorization == "Bearer " + job.systemAccessToken else {
            let suppressed = headers.contains {
                $0.name.lowercased() == "x-tfs-fedauthredirect" && $0.value.lowercased() == "suppress"
            }
            if suppressed && !job.ignoresRedirectSuppression {
                return devOpsError(
                    401,
                    "UnauthorizedRequestException",
                    "TF400813: The user '' is not authorized to access this resource."
                )
            }
            let page =
                "<!DOCTYPE html><html><head><title>Azure DevOps Services | Sign In</title></head>"
                + "<body><a href=\"https://spsprodweu5.vssps.visualstudio.com/_signin?realm=dev.azure.com\">"
                + "Sign in</a></body></html>"
            return .respond(
                status: 203,
                headers: [("Content-Type", "text/html; charset=utf-8")] + responseHeaders,
                body: Array(page.utf8)
            )
        }
        guard query["api-version"] == "7.1" else {
            return devOpsError(
                400,
                "VssVersionOutOfRangeException",
                "The requested REST API version of \(query["api-version"] ?? "(none)") is out of range for this server."
            )
        }
        let connectionID = query["serviceConnectionId"] ?? ""
        guard let subject = job.subject(serviceConnectionID: connectionID) else {
            return devOpsError(
                404,
                "ServiceEndpointNotFoundException",
                "Service connection \(connectionID.isEmpty ? "(none)" : connectionID) was not found."
            )
        }
        let token = job.issuer.mintToken(subject: subject, issuedAt: now, lifetime: 600)
        return Self.json(200, ["oidcToken": token], headers: responseHeaders)
    }

    private static func json(_ status: Int, _ object: [String: Any], headers: [(String, String)]) -> FakeHTTPAction {
        let body =
            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
        return .respond(
            status: status,
            headers: [("Content-Type", "application/json; charset=utf-8")] + headers,
            body: Array(body)
        )
    }
}
