// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

public import AzureIdentity
import Foundation
import NIOSSL
import Synchronization

/// A server on 127.0.0.1 that answers every request with whatever the test scripts — any status, headers and body,
/// however malformed — to prove that a client survives a token endpoint, managed identity endpoint or device code
/// endpoint that misbehaves (huge or non-finite lifetimes, escape sequences in error texts, bodies that are not
/// JSON).
///
/// Plain HTTP by default; with `tls: true` it serves HTTPS with a certificate from a test CA made at run time, for
/// credentials that insist on an https authority (trust ``caCertificatePEM``). Requests are recorded.
public final class HostileServer: Sendable {
    /// One scripted answer.
    public struct Answer: Sendable {
        /// The HTTP status.
        public var status: Int
        /// The header fields, in order.
        public var headers: [(String, String)]
        /// The body, byte for byte.
        public var body: [UInt8]

        /// An answer with a raw body.
        public init(
            status: Int = 200, headers: [(String, String)] = [("Content-Type", "application/json")],
            body: [UInt8]
        ) {
            self.status = status
            self.headers = headers
            self.body = body
        }

        /// An answer whose body is `text` in UTF-8.
        public init(
            status: Int = 200, headers: [(String, String)] = [("Content-Type", "application/json")],
            _ text: String
        ) {
            self.init(status: status, headers: headers, body: Array(text.utf8))
        }
    }

    /// The requests received so far.
    private final class RequestLog: Sendable {
        let entries = Mutex<[RecordedRequest]>([])
    }

    private let server: FakeHTTPServer
    private let log: RequestLog
    /// The CA that signed the HTTPS certificate, when `tls` is on.
    public let certificateAuthority: TestCertificateAuthority?

    private init(server: FakeHTTPServer, log: RequestLog, authority: TestCertificateAuthority?) {
        self.server = server
        self.log = log
        self.certificateAuthority = authority
    }

    /// Starts a server that answers each request with `answer(request)`.
    public static func started(
        tls: Bool = false,
        answer: @escaping @Sendable (RecordedRequest) -> Answer
    ) async throws -> HostileServer {
        var context: NIOSSLContext?
        var authority: TestCertificateAuthority?
        if tls {
            let ca = try TestCertificateAuthority()
            let (certificatePEM, keyPEM) = try ca.issueServerCertificate()
            context = try NIOSSLContext(
                configuration: .makeServerConfiguration(
                    certificateChain: try NIOSSLCertificate.fromPEMBytes(Array(certificatePEM.utf8)).map {
                        .certificate($0)
                    },
                    privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(keyPEM.utf8), format: .pem))
                )
            )
            authority = ca
        }
        let log = RequestLog()
        let server = try await FakeHTTPServer(tls: context) { request in
            let (path, query) = FakeEntraID.split(request.uri)
            let form = Dictionary(
                FormEncoding.decode(String(decoding: request.body, as: UTF8.self)),
                uniquingKeysWith: { first, _ in first }
            )
            let record = RecordedRequest(
                method: request.method, path: path, query: query, headers: request.headers, body: request.body,
                form: form, receivedAt: Date()
            )
            log.entries.withLock { $0.append(record) }
            let scripted = answer(record)
            return .respond(status: scripted.status, headers: scripted.headers, body: scripted.body)
        }
        return HostileServer(server: server, log: log, authority: authority)
    }

    /// `http://127.0.0.1:<port>` or `https://127.0.0.1:<port>`.
    public var url: String { "\(certificateAuthority == nil ? "http" : "https")://127.0.0.1:\(server.port)" }

    /// The authority host to give credentials (loopback explicitly allowed). Only meaningful with `tls: true`.
    public var authorityHost: AuthorityHost {
        // https on loopback, which `allowLoopback` permits.
        try! AuthorityHost(url, allowLoopback: true)
    }

    /// The CA certificate (PEM) clients must trust, with `tls: true`.
    public var caCertificatePEM: String { certificateAuthority?.certificatePEM ?? "" }

    /// Every request received, in order.
    public var requests: [RecordedRequest] { log.entries.withLock { $0 } }

    /// Stops the server and closes its connections.
    public func shutdown() async throws {
        try await server.shutdown()
    }
}
