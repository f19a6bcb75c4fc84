import NIOCore
import NIOHTTP1
import NIOPosix

/// A one-shot HTTP listener on 127.0.0.1 that receives the authorize redirect (`/?code=…&state=…` or
/// `/?error=…`) and answers the browser with a short page.
final class LoopbackRedirectListener: Sendable {
    let port: Int
    private let channel: any Channel
    private let redirects: AsyncStream<[String: String]>

    private init(channel: any Channel, redirects: AsyncStream<[String: String]>) {
        self.channel = channel
        self.port = channel.localAddress?.port ?? 0
        self.redirects = redirects
    }

    /// Listens on `127.0.0.1:<port>` (0 picks a free port).
    static func start(port: Int) async throws -> LoopbackRedirectListener {
        let (stream, continuation) = AsyncStream.makeStream(of: [String: String].self)
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(RedirectHandler(continuation: continuation))
                }
            }
        let channel = try await bootstrap.bind(host: "127.0.0.1", port: port).get()
        channel.closeFuture.whenComplete { _ in continuation.finish() }
        return LoopbackRedirectListener(channel: channel, redirects: stream)
    }

    /// The first redirect's query parameters, or `nil` if the listener closed first.
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

    private let continuation: AsyncStream<[String: String]>.Continuation

    init(continuation: AsyncStream<[String: String]>.Continuation) {
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
        let text =
            !isRedirect
            ? "Not found."
            : query["error"] == nil
                ? "Authentication complete. You can close this window and return to the application."
                : "Authentication failed. You can close this window and return to the application."
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "text/plain; charset=utf-8")
        headers.add(name: "Content-Length", value: "\(text.utf8.count)")
        headers.add(name: "Connection", value: "close")
        let status: HTTPResponseStatus = isRedirect ? .ok : .notFound
        context.write(
            wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))),
            promise: nil
        )
        context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: text)))), promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
        if isRedirect { continuation.yield(query) }
    }
}
