// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// A request as the server hands it to the fake.
struct FakeHTTPRequest: Sendable {
    var method: String
    var uri: String
    var headers: [(name: String, value: String)]
    var body: [UInt8]
}

/// What the fake wants the server to do.
enum FakeHTTPAction: Sendable {
    case respond(status: Int, headers: [(String, String)], body: [UInt8])
    case drop
    /// Sends the status line and headers announcing a body of `promisedBytes`, then nothing more.
    case stallAfterHead(status: Int, headers: [(String, String)], promisedBytes: Int)
}

/// A small SwiftNIO HTTP/1.1 server on 127.0.0.1 (TLS optional) that hands complete requests to an async router.
///
/// TCP_NODELAY is set and every response (head, body, end) is written with a single flush, so no Nagle or delayed-ACK
/// latency is added to measurements.
final class FakeHTTPServer: Sendable {
    let channel: any Channel
    let port: Int
    private let connections: OpenConnections

    init(tls: NIOSSLContext?, router: @escaping @Sendable (FakeHTTPRequest) async -> FakeHTTPAction) async throws {
        let connections = OpenConnections()
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                let id = ObjectIdentifier(channel)
                connections.channels.withLock { $0[id] = channel }
                channel.closeFuture.whenComplete { _ in _ = connections.channels.withLock { $0.removeValue(forKey: id) }
                }
                return channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls))
                    }
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(FakeHTTPHandler(router: router))
                }
            }
        self.channel = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
        self.port = channel.localAddress?.port ?? 0
        self.connections = connections
    }

    /// Stops listening and closes every open connection (including ones whose response is still delayed).
    func shutdown() async throws {
        try await channel.close()
        let open = connections.channels.withLock { Array($0.values) }
        for connection in open {
            try? await connection.close()
        }
    }
}

/// The server's accepted connections, so shutdown can close them.
final class OpenConnections: Sendable {
    let channels = Mutex<[ObjectIdentifier: any Channel]>([:])
}

final class FakeHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let router: @Sendable (FakeHTTPRequest) async -> FakeHTTPAction
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []

    init(router: @escaping @Sendable (FakeHTTPRequest) async -> FakeHTTPAction) {
        self.router = router
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body.removeAll(keepingCapacity: true)
        case .body(var buffer):
            body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            guard let head else { return }
            let request = FakeHTTPRequest(
                method: head.method.rawValue,
                uri: head.uri,
                headers: head.headers.map { (name: $0.name, value: $0.value) },
                body: body
            )
            let keepAlive = head.isKeepAlive
            let version = head.version
            let router = self.router
            let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
            let promise = context.eventLoop.makePromise(of: FakeHTTPAction.self)
            promise.completeWithTask { await router(request) }
            promise.futureResult.whenSuccess { action in
                Self.write(action, context: bound.value, keepAlive: keepAlive, version: version)
            }
        }
    }

    private static func write(
        _ action: FakeHTTPAction,
        context: ChannelHandlerContext,
        keepAlive: Bool,
        version: HTTPVersion
    ) {
        if case .stallAfterHead(let status, let extraHeaders, let promised) = action {
            var headers = HTTPHeaders(extraHeaders)
            headers.replaceOrAdd(name: "Content-Length", value: "\(promised)")
            let head = HTTPResponseHead(
                version: version,
                status: HTTPResponseStatus(statusCode: status),
                headers: headers
            )
            context.writeAndFlush(NIOAny(HTTPServerResponsePart.head(head)), promise: nil)
            return
        }
        guard case .respond(let status, let extraHeaders, let body) = action else {
            context.close(promise: nil)
            return
        }
        var headers = HTTPHeaders(extraHeaders)
        headers.replaceOrAdd(name: "Content-Length", value: "\(body.count)")
        if !keepAlive { headers.replaceOrAdd(name: "Connection", value: "close") }
        let head = HTTPResponseHead(version: version, status: HTTPResponseStatus(statusCode: status), headers: headers)
        context.write(NIOAny(HTTPServerResponsePart.head(head)), promise: nil)
        context.write(
            NIOAny(HTTPServerResponsePart.body(.byteBuffer(context.channel.allocator.buffer(bytes: body)))),
            promise: nil
        )
        let done = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(NIOAny(HTTPServerResponsePart.end(nil)), promise: done)
        if !keepAlive {
            let channel = context.channel
            done.futureResult.whenComplete { _ in channel.close(promise: nil) }
        }
    }
}
