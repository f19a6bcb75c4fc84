// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// An HTTP `CONNECT` proxy on 127.0.0.1 that tunnels to loopback targets only and records each target, so tests can
/// prove a client honours `HTTPS_PROXY` / `NO_PROXY`.
///
/// Given credentials, the proxy requires `Proxy-Authorization: Basic …` with exactly them, like an authenticating
/// corporate proxy: a `CONNECT` without them, or with others, is answered `407 Proxy Authentication Required` with
/// `Proxy-Authenticate: Basic realm="fake"` and the connection is closed.
public final class FakeProxy: Sendable {
    /// One `CONNECT` request the proxy received.
    public struct Connect: Sendable, Hashable {
        /// The `host:port` the client asked for.
        public let target: String
        /// The user name in the request's `Proxy-Authorization: Basic` header, if it had a readable one.
        public let username: String?
        /// Whether the request carried the credentials the proxy requires; always `false` when it requires none.
        public let carriedValidCredentials: Bool
    }

    private let channel: any Channel
    private let log: ConnectLog

    /// The port the proxy listens on.
    public let port: Int

    /// `http://127.0.0.1:<port>`, the value for `HTTPS_PROXY`.
    public var url: String { "http://127.0.0.1:\(port)" }

    /// The `host:port` of every `CONNECT` request received, in order (including refused ones).
    public var connectTargets: [String] { log.connects.withLock { $0.map(\.target) } }

    /// Every `CONNECT` request received, in order, with what it carried.
    public var connects: [Connect] { log.connects.withLock { $0 } }

    /// Starts a proxy on a free loopback port.
    /// - Parameter credentials: The Basic credentials every `CONNECT` must carry; `nil` (the default) requires none.
    public init(credentials: (username: String, password: String)? = nil) async throws {
        let log = ConnectLog()
        let required = credentials.map { RequiredCredentials(username: $0.username, password: Secret($0.password)) }
        self.channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ProxyClientHandler(log: log, required: required))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        self.port = channel.localAddress?.port ?? 0
        self.log = log
    }

    /// Stops listening.
    public func shutdown() async throws {
        try await channel.close()
    }
}

extension FakeProxy: CustomReflectable {
    /// The port only: the required credentials are not shown.
    public var customMirror: Mirror { Mirror(self, children: ["port": port], displayStyle: .class) }
}

final class ConnectLog: Sendable {
    let connects = Mutex<[FakeProxy.Connect]>([])
}

/// The credentials an authenticating ``FakeProxy`` requires.
struct RequiredCredentials: Sendable {
    let username: String
    let password: Secret

    /// Whether decoded `Basic` credentials are exactly these.
    func accept(_ decoded: (username: String, password: String)?) -> Bool {
        guard let decoded else { return false }
        return decoded.username == username && decoded.password == password.revealedValue()
    }

    /// The user name and password of a `Basic` header value, if it is one.
    static func decodeBasic(_ value: String) -> (username: String, password: String)? {
        let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "basic",
            let data = Data(base64Encoded: String(parts[1]).trimmingCharacters(in: .whitespaces)),
            let text = String(data: data, encoding: .utf8), let colon = text.firstIndex(of: ":")
        else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }
}

/// Reads the `CONNECT` head, dials the target, answers 200, then relays bytes both ways.
final class ProxyClientHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum State {
        case readingHead(ByteBuffer)
        case connecting([ByteBuffer])
        case tunnelling(any Channel)
        case closed
    }

    private let log: ConnectLog
    private let required: RequiredCredentials?
    private var state = State.readingHead(ByteBuffer())

    init(log: ConnectLog, required: RequiredCredentials?) {
        self.log = log
        self.required = required
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = unwrapInboundIn(data)
        switch state {
        case .readingHead(var head):
            head.writeImmutableBuffer(bytes)
            let raw = Array(head.readableBytesView)
            guard let end = (0..<max(0, raw.count - 3)).first(where: { raw[$0..<$0 + 4] == [13, 10, 13, 10] }) else {
                state = .readingHead(head)
                return
            }
            let headText = String(decoding: raw[..<end], as: UTF8.self)
            let lines = headText.split(separator: "\r\n")
            let requestLine = lines.first ?? ""
            let parts = requestLine.split(separator: " ")
            let leftover = ByteBuffer(bytes: raw[(end + 4)...])
            guard parts.count == 3, parts[0] == "CONNECT", let colon = parts[1].lastIndex(of: ":"),
                let port = Int(parts[1][parts[1].index(after: colon)...])
            else {
                reject(context, "400 Bad Request")
                return
            }
            let host = String(parts[1][..<colon])
            let authorization = lines.dropFirst().lazy.compactMap { line -> String? in
                guard let separator = line.firstIndex(of: ":"),
                    line[..<separator].lowercased() == "proxy-authorization"
                else { return nil }
                return line[line.index(after: separator)...].trimmingCharacters(in: .whitespaces)
            }.first
            let presented = authorization.flatMap(RequiredCredentials.decodeBasic)
            let valid = required?.accept(presented) ?? false
            let record = FakeProxy.Connect(
                target: "\(host):\(port)",
                username: presented?.username,
                carriedValidCredentials: valid
            )
            log.connects.withLock { $0.append(record) }
            if required != nil, !valid {
                reject(
                    context,
                    "407 Proxy Authentication Required",
                    headers: "Proxy-Authenticate: Basic realm=\"fake\"\r\n"
                )
                return
            }
            guard host == "127.0.0.1" || host == "localhost" else {
                reject(context, "403 Forbidden")
                return
            }
            state = .connecting(leftover.readableBytes > 0 ? [leftover] : [])
            connect(context, host: "127.0.0.1", port: port)
        case .connecting(var pending):
            pending.append(bytes)
            state = .connecting(pending)
        case .tunnelling(let peer):
            peer.writeAndFlush(bytes, promise: nil)
        case .closed:
            break
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if case .tunnelling(let peer) = state { peer.close(promise: nil) }
        state = .closed
    }

    private func connect(_ context: ChannelHandlerContext, host: String, port: Int) {
        let client = context.channel
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        ClientBootstrap(group: context.eventLoop)
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .channelInitializer { peer in
                peer.eventLoop.makeCompletedFuture {
                    try peer.pipeline.syncOperations.addHandler(ProxyPeerHandler(client: client))
                }
            }
            .connect(host: host, port: port)
            .whenComplete { result in
                let (handler, context) = bound.value
                switch result {
                case .success(let peer):
                    handler.established(context, peer: peer)
                case .failure:
                    handler.reject(context, "502 Bad Gateway")
                }
            }
    }

    private func established(_ context: ChannelHandlerContext, peer: any Channel) {
        guard case .connecting(let pending) = state else {
            peer.close(promise: nil)
            return
        }
        state = .tunnelling(peer)
        context.writeAndFlush(
            wrapOutboundOut(ByteBuffer(string: "HTTP/1.1 200 Connection Established\r\n\r\n")),
            promise: nil
        )
        for buffer in pending {
            peer.writeAndFlush(buffer, promise: nil)
        }
    }

    private func reject(_ context: ChannelHandlerContext, _ status: String, headers: String = "") {
        state = .closed
        let response = ByteBuffer(
            string: "HTTP/1.1 \(status)\r\n\(headers)Content-Length: 0\r\nConnection: close\r\n\r\n"
        )
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(response)).whenComplete { _ in channel.close(promise: nil) }
    }
}

/// Relays bytes from the target back to the proxy's client.
final class ProxyPeerHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let client: any Channel

    init(client: any Channel) {
        self.client = client
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        client.writeAndFlush(unwrapInboundIn(data), promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        client.close(promise: nil)
    }
}
