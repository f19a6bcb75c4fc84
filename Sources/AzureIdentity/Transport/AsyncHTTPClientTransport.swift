// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AsyncHTTPClient
import Foundation
import IdentitySupport
import NIOCore
import NIOHTTP1
package import NIOSSL

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

    /// The largest trust root (CA bundle) file read; a system bundle of every public CA is about 250 KB.
    static let maximumTrustRootFileBytes = 16 << 20

    /// The certificates of a trust root file (a cloud's `caBundle`, `SSL_CERT_FILE`), read through the one file
    /// reader, so a FIFO or a device named there is refused at once instead of blocking or being read forever.
    /// explain checks a `caBundle` with this same function.
    package static func trustRoots(inFile path: String) throws(AzureIdentityError) -> [NIOSSLCertificate] {
        let shown = OutsideText.escapingControlCharacters(path)
        let bytes: [UInt8]
        do {
            bytes = try UserFile.read(path, limit: maximumTrustRootFileBytes).bytes
        } catch {
            throw AzureIdentityError(
                code: .invalidConfiguration, message: "The CA certificate file '\(shown)' \(error).", underlying: error)
        }
        do {
            let certificates = try NIOSSLCertificate.fromPEMBytes(bytes)
            guard !certificates.isEmpty else { throw NIOSSLError.failedToLoadCertificate }
            return certificates
        } catch {
            throw AzureIdentityError(
                code: .invalidConfiguration, message: "The CA certificate file '\(shown)' holds no PEM certificate.",
                underlying: error)
        }
    }

    /// How many certificates ``trustRoots(inFile:)`` finds, for callers that do not link NIOSSL.
    package static func trustRootCount(inFile path: String) throws(AzureIdentityError) -> Int {
        try trustRoots(inFile: path).count
    }

    /// Creates a transport.
    /// - Throws: ``AzureIdentityError/Code/invalidConfiguration`` when a trust root cannot be loaded.
    public init(configuration: TransportConfiguration = TransportConfiguration()) throws {
        self.configuration = configuration
        var tls = TLSConfiguration.makeClientConfiguration()
        var roots: [NIOSSLCertificate] = []
        for path in configuration.additionalTrustRootFiles {
            roots += try Self.trustRoots(inFile: path)
        }
        do {
            for pem in configuration.additionalTrustRootsPEM {
                roots += try NIOSSLCertificate.fromPEMBytes(Array(pem.utf8))
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

    /// Sends the request with its deadline (covering the response body too) and the configured size cap.
    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        guard let url = URL(string: request.url), let host = url.host else {
            throw TransportError(
                code: .invalidURL,
                message: "Invalid URL '\(OutsideText.escapingControlCharacters(request.url))'"
            )
        }
        if let reason = request.unsendableReason {
            throw TransportError(code: .invalidRequest, message: "The request was not sent: \(reason).")
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
        let timeout = request.timeout.clampedToSaturationLimit
        // Real time on purpose, not the injected `TimeSource`: these deadlines bound real sockets, which a test
        // clock cannot speed up or hold back. Everything above the transport (retries, link time limits, chain
        // deadlines) reads the injected clock.
        let end = ContinuousClock.now + timeout
        do {
            let response = try await client.execute(outgoing, deadline: NIODeadline.now() + TimeAmount(timeout))
            // AsyncHTTPClient's deadline ends when the head arrives: a server that sends headers and then stalls
            // would hold the body forever. The same deadline bounds the body.
            let status = response.status.code
            let body = try await Self.collect(response.body, upTo: configuration.maxResponseBytes, until: end) {
                TransportError(
                    code: .timedOut,
                    message: "the response body did not arrive within the request timeout of "
                        + "\(timeout.shortDescription) (the server sent HTTP \(status) and stalled)"
                )
            }
            return TransportResponse(
                status: Int(response.status.code),
                headers: response.headers.map { (name: $0.name, value: $0.value) },
                body: Array(buffer: body)
            )
        } catch let error as TransportError {
            throw error
        } catch {
            throw Self.map(error, host: host, proxy: configuration.proxy, timeout: timeout)
        }
    }

    /// The body, or `timedOut()` thrown once `end` passes (the collection is then cancelled).
    private static func collect(
        _ body: HTTPClientResponse.Body,
        upTo limit: Int,
        until end: ContinuousClock.Instant,
        timedOut: @escaping @Sendable () -> TransportError
    ) async throws -> ByteBuffer {
        try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask { try await body.collect(upTo: limit) }
            group.addTask {
                try await Task.sleep(until: end, clock: .continuous)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let buffer = first else { throw timedOut() }
            return buffer
        }
    }

    private static func map(
        _ error: any Error,
        host: String,
        proxy: TransportConfiguration.Proxy?,
        timeout: Duration
    ) -> any Error {
        if error is CancellationError || Task.isCancelled { return CancellationError() }
        if error is NIOTooManyBytesError {
            return TransportError(code: .responseTooLarge, message: "The response body exceeded the size cap.")
        }
        if let failure = TLSFailure(error, host: host) {
            return TransportError(code: .tlsFailed, message: failure.message)
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
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                return TransportError(
                    code: .timedOut,
                    message: "no answer within the request timeout of \(timeout.shortDescription)"
                )
            case .connectTimeout, .tlsHandshakeTimeout:
                return TransportError(code: .timedOut, message: "could not connect in time (\(error))")
            case .cancelled:
                return CancellationError()
            case .invalidURL, .emptyHost, .emptyScheme:
                return TransportError(code: .invalidURL, message: "The URL cannot be used (\(error)).")
            default:
                // Never `\(error)` for header errors: AsyncHTTPClient lists the offending values, which may be secrets.
                let text = String(describing: error)
                if text.contains("invalidHeaderField") || text.contains("unsupportedScheme") {
                    return TransportError(
                        code: .invalidRequest,
                        message: "The request was refused before it was sent (\(text.prefix { $0 != "(" }))."
                    )
                }
                return TransportError(code: .connectionFailed, message: text)
            }
        }
        return TransportError(code: .connectionFailed, message: "\(error)")
    }
}
