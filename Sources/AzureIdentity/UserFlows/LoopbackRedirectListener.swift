// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import NIOCore
import NIOHTTP1
import NIOPosix

/// An HTTP listener on 127.0.0.1 that waits for the authorize redirect of one sign-in (`/?code=…&state=…` or
/// `/?error=…&state=…`) and answers the browser with a short page.
///
/// Any local process can connect to the port, so only a redirect carrying the sign-in's own `state` counts. Other
/// requests, including ones with a `code` or an `error` and a wrong or missing `state`, get an error page and are
/// otherwise ignored: the listener keeps waiting for the real redirect (or the caller's timeout).
final class LoopbackRedirectListener: Sendable {
    let port: Int
    private let channel: any Channel
    private let redirects: AsyncStream<[String: String]>

    private init(channel: any Channel, redirects: AsyncStream<[String: String]>) {
        self.channel = channel
        self.port = channel.localAddress?.port ?? 0
        self.redirects = redirects
    }

    /// Listens on `127.0.0.1:<port>` (0 picks a free port) for the redirect carrying `state`.
    static func start(port: Int, state: String) async throws -> LoopbackRedirectListener {
        let (stream, continuation) = AsyncStream.makeStream(of: [String: String].self)
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(
                        RedirectHandler(state: state, continuation: continuation)
                    )
                }
            }
        let channel = try await bootstrap.bind(host: "127.0.0.1", port: port).get()
        channel.closeFuture.whenComplete { _ in continuation.finish() }
        return LoopbackRedirectListener(channel: channel, redirects: stream)
    }

    /// The query parameters of the first redirect with the sign-in's `state`, or `nil` if the listener closed first.
    func nextRedirect() async -> [String: String]? {
        for await query in redirects { return query }
        return nil
    }

    /// Stops listening.
    func close() async {
        try? await channel.close()
    }
}

final class RedirectHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let state: String
    private let continuation: AsyncStream<[String: String]>.Continuation

    init(state: String, continuation: AsyncStream<[String: String]>.Continuation) {
        self.state = state
        self.continuation = continuation
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(let head) = unwrapInboundIn(data) else { return }
        let query: [String: String] =
            head.uri.firstIndex(of: "?").map { mark in
                Dictionary(
                    FormEncoding.decode(String(head.uri[head.uri.index(after: mark)...])),
                    uniquingKeysWith: { first, _ in first }
                )
            } ?? [:]
        let isRedirect = query["code"] != nil || query["error"] != nil
        let isOurs = isRedirect && query["state"].map(Self.matches(state)) == true
        let (status, text): (HTTPResponseStatus, String) =
            if !isRedirect {
                (.notFound, "Not found.")
            } else if !isOurs {
                (
                    .badRequest,
                    "This request does not belong to the sign-in in progress and was ignored. Finish signing in in "
                        + "the browser window the application opened."
                )
            } else if query["error"] == nil {
                (.ok, "Authentication complete. You can close this window and return to the application.")
            } else {
                (.ok, "Authentication failed. You can close this window and return to the application.")
            }
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "text/plain; charset=utf-8")
        headers.add(name: "Content-Length", value: "\(text.utf8.count)")
        headers.add(name: "Connection", value: "close")
        context.write(
            wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))),
            promise: nil
        )
        context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: text)))), promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
        if isOurs { continuation.yield(query) }
    }

    /// Compares every byte whatever the first difference, so the time taken does not reveal how much matched.
    private static func matches(_ expected: String) -> (String) -> Bool {
        { candidate in
            let (lhs, rhs) = (Array(expected.utf8), Array(candidate.utf8))
            guard lhs.count == rhs.count else { return false }
            return zip(lhs, rhs).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
        }
    }
}
