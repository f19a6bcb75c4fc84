// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import NIOSSL
import Synchronization

/// A loopback HTTP(S) server that misbehaves on purpose, for testing what a client does with a token or managed
/// identity endpoint that throttles, stalls or never answers.
///
/// Each request gets the next behaviour of the script; once the script is used up, the last behaviour repeats.
/// It listens on `127.0.0.1` only. Call ``shutdown()`` when done: it closes every connection, including the ones
/// it was keeping silent.
public final class MisbehavingServer: Sendable {
    /// What the server does with one request.
    public enum Behavior: Sendable {
        /// Answers with this status, headers and body.
        case respond(status: Int, headers: [(String, String)] = [], body: String = "")
        /// Reads the request and never answers (until shutdown).
        case neverAnswer
        /// Sends the status line and headers announcing a body, then never sends the body.
        case stallAfterHeaders(status: Int = 200)
        /// Closes the connection without answering.
        case dropConnection
    }

    private struct State {
        var script: [Behavior]
        var requests: [(method: String, uri: String, headers: [(name: String, value: String)])] = []
        var parked: [CheckedContinuation<Void, Never>] = []
        var isShutDown = false
    }

    /// The state behind a reference, so the request handler and the server share it.
    private final class Box: Sendable {
        let state: Mutex<State>
        init(_ state: State) { self.state = Mutex(state) }
    }

    private let server: FakeHTTPServer
    private let box: Box
    /// `http://127.0.0.1:<port>` or `https://127.0.0.1:<port>`.
    public let url: String

    /// Starts a server on a free port.
    /// - Parameters:
    ///   - script: The behaviour for each request in turn; the last one repeats. Must not be empty.
    ///   - tls: Serve HTTPS with this identity (see ``LoopbackTLSIdentity``); `nil` serves plain HTTP.
    public init(script: [Behavior], tls: LoopbackTLSIdentity? = nil) async throws {
        let box = Box(State(script: script.isEmpty ? [.dropConnection] : script))
        let context = try tls.map { identity in
            try NIOSSLContext(
                configuration: .makeServerConfiguration(
                    certificateChain: try NIOSSLCertificate.fromPEMBytes(Array(identity.certificatePEM.utf8)).map {
                        .certificate($0)
                    },
                    privateKey: .privateKey(
                        try NIOSSLPrivateKey(bytes: Array(identity.privateKeyPEM.utf8), format: .pem)
                    )
                )
            )
        }
        self.box = box
        self.server = try await FakeHTTPServer(tls: context) { request in
            let behavior = box.state.withLock { state in
                state.requests.append((request.method, request.uri, request.headers))
                return state.script.count > 1 ? state.script.removeFirst() : state.script[0]
            }
            switch behavior {
            case .respond(let status, let headers, let body):
                return .respond(status: status, headers: headers, body: Array(body.utf8))
            case .neverAnswer:
                await Self.park(box)
                return .drop
            case .stallAfterHeaders(let status):
                return .stallAfterHead(
                    status: status,
                    headers: [("Content-Type", "application/json")],
                    promisedBytes: 4096
                )
            case .dropConnection:
                return .drop
            }
        }
        self.url = "\(tls == nil ? "http" : "https")://127.0.0.1:\(server.port)"
    }

    /// How many requests arrived (a request refused before it was sent never arrives).
    public var requestCount: Int { box.state.withLock { $0.requests.count } }

    /// The request targets (path and query) received, in order.
    public var requestURIs: [String] { box.state.withLock { $0.requests.map(\.uri) } }

    /// Stops listening, closes every connection and releases the requests kept waiting.
    public func shutdown() async throws {
        let parked = box.state.withLock { state in
            state.isShutDown = true
            defer { state.parked = [] }
            return state.parked
        }
        for continuation in parked { continuation.resume() }
        try await server.shutdown()
    }

    /// Waits until shutdown.
    private static func park(_ box: Box) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = box.state.withLock { state in
                if state.isShutDown { return true }
                state.parked.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }
}
