import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// The production ``HTTPTransport``, built on AsyncHTTPClient.
///
/// Connections are pooled and reused. Extra trust roots are added to the system roots, a proxy is used for
/// every host not in `noProxy` (with `Proxy-Authorization: Basic` when it has credentials), redirects are refused
/// (a token request must never be replayed elsewhere), response bodies are capped, and each request has a deadline.
/// Call ``shutdown()`` when done.
public final class AsyncHTTPClientTransport: HTTPTransport {
    private let direct: HTTPClient
    private let proxied: HTTPClient?
    private let configuration: TransportConfiguration

    /// Creates a transport.
    /// - Throws: ``AzureIdentityError/Code/invalidConfiguration`` when a trust root cannot be loaded.
    public init(configuration: TransportConfiguration = TransportConfiguration()) throws {
        self.configuration = configuration
        var tls = TLSConfiguration.makeClientConfiguration()
        var roots: [NIOSSLCertificate] = []
        do {
            for pem in configuration.additionalTrustRootsPEM {
                roots += try NIOSSLCertificate.fromPEMBytes(Array(pem.utf8))
            }
            for path in configuration.additionalTrustRootFiles {
                roots += try NIOSSLCertificate.fromPEMFile(path)
            }
        } catch {
            throw AzureIdentityError(
                code: .invalidConfiguration,
                message: "Could not load the additional CA certificates: \(error)",
                underlying: error
            )
        }
        if !roots.isEmpty {
            tls.additionalTrustRoots = [.certificates(roots)]
        }
        var clientConfiguration = HTTPClient.Configuration()
        clientConfiguration.tlsConfiguration = tls
        clientConfiguration.redirectConfiguration = .disallow
        clientConfiguration.connectionPool.retryConnectionEstablishment = false
        clientConfiguration.timeout.connect = TimeAmount(configuration.connectTimeout)
        self.direct = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: clientConfiguration)
        if let proxy = configuration.proxy {
            clientConfiguration.proxy = .server(
                host: proxy.host,
                port: proxy.port,
                authorization: proxy.hasCredentials
                    ? .basic(username: proxy.username ?? "", password: proxy.password?.revealedValue() ?? "")
                    : nil
            )
            self.proxied = HTTPClient(
                eventLoopGroup: HTTPClient.defaultEventLoopGroup,
                configuration: clientConfiguration
            )
        } else {
            self.proxied = nil
        }
    }

    /// Closes all pooled connections.
    public func shutdown() async throws {
        try await direct.shutdown()
        try await proxied?.shutdown()
    }

    /// Sends the request with its deadline and the configured size cap.
    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        guard let url = URL(string: request.url), let host = url.host else {
            throw TransportError(code: .invalidURL, message: "Invalid URL '\(request.url)'")
        }
        let client = configuration.usesProxy(forHost: host) ? (proxied ?? direct) : direct
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for header in request.headers {
            outgoing.headers.add(name: header.name, value: header.value)
        }
        if let body = request.body {
            outgoing.body = .bytes(ByteBuffer(bytes: body))
        }
        let deadline = NIODeadline.now() + TimeAmount(request.timeout)
        do {
            let response = try await client.execute(outgoing, deadline: deadline)
            let body = try await response.body.collect(upTo: configuration.maxResponseBytes)
            return TransportResponse(
                status: Int(response.status.code),
                headers: response.headers.map { (name: $0.name, value: $0.value) },
                body: Array(buffer: body)
            )
        } catch {
            throw Self.map(error, proxy: configuration.proxy)
        }
    }

    private static func map(_ error: any Error, proxy: TransportConfiguration.Proxy?) -> any Error {
        if error is CancellationError || Task.isCancelled { return CancellationError() }
        if error is NIOTooManyBytesError {
            return TransportError(code: .responseTooLarge, message: "The response body exceeded the size cap.")
        }
        if let error = error as? HTTPClientError {
            switch error {
            case .proxyAuthenticationRequired:
                // Names the proxy and the user, never the password.
                let name = proxy.map { "The proxy \($0.host):\($0.port)" } ?? "The proxy"
                let reason =
                    if let proxy, proxy.hasCredentials {
                        "it refused the credentials of user '\(proxy.username ?? "")'"
                    } else {
                        "it requires credentials and none are configured (http://user:password@host:port)"
                    }
                return TransportError(
                    code: .proxyAuthenticationFailed,
                    message: "\(name) answered 407 Proxy Authentication Required: \(reason)."
                )
            case .deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout:
                return TransportError(code: .timedOut, message: "\(error)")
            case .cancelled:
                return CancellationError()
            default:
                return TransportError(code: .connectionFailed, message: "\(error)")
            }
        }
        return TransportError(code: .connectionFailed, message: "\(error)")
    }
}
