// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

public import Foundation
import NIOSSL
import Synchronization

/// A fake Kubernetes API server on 127.0.0.1 (HTTPS, with a test CA of its own made at run time) that authenticates
/// like an AKS cluster with Microsoft Entra ID integration: every request must carry `Authorization: Bearer <token>`
/// with an access token that a ``FakeEntraID`` issued for the cluster's audience (AKS's server application,
/// ``aksServerApplicationID``, by default) and that is valid now; anything else is answered `401` with the API
/// server's `Status` body, before any routing, as kube-apiserver does with anonymous requests disabled.
///
/// It serves enough of the API for `kubectl get pods` and `kubectl get --raw …`: `/version`, legacy discovery
/// (`/api`, `/apis`, `/api/v1`) and the pods of a namespace (always none). Other paths are `404` and methods other
/// than `GET` are `405`, as `Status` objects. Point a kubeconfig's `server` at ``url`` and its
/// `certificate-authority-data` at ``caCertificatePEM`` (base64); inspect ``requests`` afterwards.
public final class FakeKubernetesAPIServer: Sendable {
    /// The application ID of AKS's Entra ID server application: tokens for AKS clusters with Entra ID integration
    /// are requested with the scope `6dae42f8-4368-4678-94ff-3960e28e3630/.default`, so their audience is this.
    public static let aksServerApplicationID = "6dae42f8-4368-4678-94ff-3960e28e3630"

    /// A request the server received, and whether it was authenticated.
    public struct Request: Sendable {
        /// The request (its headers include the `Authorization` header as sent).
        public var request: RecordedRequest
        /// Why it was answered `401` (no or a malformed `Authorization` header, or a token the fake Entra ID does
        /// not accept for the audience), or `nil` when its bearer token was valid.
        public var authenticationProblem: String?
        /// Whether the bearer token was valid (the request was served).
        public var isAuthenticated: Bool { authenticationProblem == nil }
    }

    private final class RequestLog: Sendable {
        let entries = Mutex<[Request]>([])
    }

    private let server: FakeHTTPServer
    private let log: RequestLog
    /// The CA that signed the server's certificate (for `127.0.0.1` and `localhost`).
    public let certificateAuthority: TestCertificateAuthority
    /// The audience a bearer token must have.
    public let audience: String

    private init(server: FakeHTTPServer, log: RequestLog, authority: TestCertificateAuthority, audience: String) {
        self.server = server
        self.log = log
        self.certificateAuthority = authority
        self.audience = audience
    }

    /// Starts a server that accepts the access tokens `entra` issued for `audience` (of `tenantID`, when given).
    public static func started(
        entra: FakeEntraID, audience: String = aksServerApplicationID, tenantID: String? = nil
    ) async throws -> FakeKubernetesAPIServer {
        let authority = try TestCertificateAuthority(commonName: "AzureIdentityTesting Kubernetes CA")
        let (certificatePEM, keyPEM) = try authority.issueServerCertificate()
        let context = try NIOSSLContext(
            configuration: .makeServerConfiguration(
                certificateChain: try NIOSSLCertificate.fromPEMBytes(Array(certificatePEM.utf8)).map {
                    .certificate($0)
                },
                privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(keyPEM.utf8), format: .pem))
            )
        )
        let log = RequestLog()
        let port = Mutex(0)
        let server = try await FakeHTTPServer(tls: context) { request in
            let (path, query) = FakeEntraID.split(request.uri)
            let record = RecordedRequest(
                method: request.method, path: path, query: query, headers: request.headers, body: request.body,
                form: [:], receivedAt: Date())
            let problem = authenticationProblem(record, entra: entra, audience: audience, tenantID: tenantID)
            log.entries.withLock { $0.append(Request(request: record, authenticationProblem: problem)) }
            guard problem == nil else {
                return status(401, reason: "Unauthorized", message: "Unauthorized")
            }
            return answer(record, port: port.withLock { $0 })
        }
        port.withLock { $0 = server.port }
        return FakeKubernetesAPIServer(server: server, log: log, authority: authority, audience: audience)
    }

    /// `https://127.0.0.1:<port>`, the kubeconfig's `server`.
    public var url: String { "https://127.0.0.1:\(server.port)" }

    /// The CA certificate (PEM) clients must trust: base64 of it is a kubeconfig's `certificate-authority-data`.
    public var caCertificatePEM: String { certificateAuthority.certificatePEM }

    /// Every request received, in order.
    public var requests: [Request] { log.entries.withLock { $0 } }

    /// Stops the server and closes its connections.
    public func shutdown() async throws {
        try await server.shutdown()
    }

    // MARK: Authentication and routes

    /// Why the request is not authenticated, as kube-apiserver's bearer token authenticator reads the header
    /// (the first `Authorization` field, trimmed; the scheme `Bearer` in any case, one space, a non-empty token).
    static func authenticationProblem(
        _ request: RecordedRequest, entra: FakeEntraID, audience: String, tenantID: String?
    ) -> String? {
        guard let header = request.header("Authorization")?.trimmingCharacters(in: .whitespaces), !header.isEmpty
        else { return "no Authorization header" }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            return "the Authorization header is not Bearer"
        }
        let token = String(parts[1])
        guard !token.isEmpty, !token.contains(" ") else { return "the bearer token is empty or has spaces" }
        return entra.problem(withAccessToken: token, audience: audience, tenantID: tenantID).map {
            "the bearer token is not valid: \($0)"
        }
    }

    static func answer(_ request: RecordedRequest, port: Int) -> FakeHTTPAction {
        guard request.method == "GET" else {
            return status(405, reason: "MethodNotAllowed", message: "the server does not allow this method")
        }
        let segments = request.path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        switch Array(segments) {
        case ["version"]:
            return json([
                "major": "1", "minor": "32", "gitVersion": "v1.32.4", "gitCommit": "fake", "gitTreeState": "clean",
                "buildDate": "2025-04-22T00:00:00Z", "goVersion": "go1.23.6", "compiler": "gc",
                "platform": "linux/amd64",
            ])
        case ["api"]:
            return json([
                "kind": "APIVersions", "versions": ["v1"],
                "serverAddressByClientCIDRs": [["clientCIDR": "0.0.0.0/0", "serverAddress": "127.0.0.1:\(port)"]],
            ])
        case ["apis"]:
            return json(["kind": "APIGroupList", "apiVersion": "v1", "groups": [[String: Any]]()])
        case ["api", "v1"]:
            let verbs = ["get", "list", "watch", "create", "update", "patch", "delete"]
            return json([
                "kind": "APIResourceList", "groupVersion": "v1",
                "resources": [
                    [
                        "name": "namespaces", "singularName": "namespace", "namespaced": false, "kind": "Namespace",
                        "verbs": verbs, "shortNames": ["ns"],
                    ],
                    [
                        "name": "pods", "singularName": "pod", "namespaced": true, "kind": "Pod", "verbs": verbs,
                        "shortNames": ["po"], "categories": ["all"],
                    ],
                ],
            ])
        case let path
        where path.count == 5 && path[0] == "api" && path[1] == "v1" && path[2] == "namespaces"
            && !path[3].isEmpty && path[4] == "pods":
            return json([
                "kind": "PodList", "apiVersion": "v1", "metadata": ["resourceVersion": "1"],
                "items": [[String: Any]](),
            ])
        default:
            return status(404, reason: "NotFound", message: "the server could not find the requested resource")
        }
    }

    static func json(_ object: [String: Any], status: Int = 200) -> FakeHTTPAction {
        let body =
            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
        return .respond(status: status, headers: [("Content-Type", "application/json")], body: Array(body))
    }

    /// A `Status` object, as the API server answers failures.
    static func status(_ code: Int, reason: String, message: String) -> FakeHTTPAction {
        json(
            [
                "kind": "Status", "apiVersion": "v1", "metadata": [String: Any](), "status": "Failure",
                "message": message, "reason": reason, "code": code,
            ], status: code)
    }
}
