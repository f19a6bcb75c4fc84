// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import NIOSSL

/// The process-wide ``AsyncHTTPClientTransport`` for a configuration, made on the first request instead of when a
/// credential is made: a credential answered from its persistent token cache never builds an HTTP client, an event
/// loop group or a TLS context.
///
/// What making the transport could refuse (a trust root file or PEM that does not load) is checked when this value
/// is made, so a bad `SSL_CERT_FILE` or `caBundle` still fails the credential's creation, as before.
public struct LazySharedTransport: HTTPTransport {
    /// The configuration the shared transport is made (or found) with.
    public let configuration: TransportConfiguration

    /// Checks the configuration's trust roots now; makes nothing.
    /// - Throws: ``AzureIdentityError/Code/invalidConfiguration`` when a trust root cannot be loaded.
    public init(configuration: TransportConfiguration) throws {
        for path in configuration.additionalTrustRootFiles {
            _ = try AsyncHTTPClientTransport.trustRoots(inFile: path)
        }
        do {
            for pem in configuration.additionalTrustRootsPEM {
                _ = try NIOSSLCertificate.fromPEMBytes(Array(pem.utf8))
            }
        } catch {
            throw AzureIdentityError(
                code: .invalidConfiguration,
                message: "Could not load the additional CA certificates: \(error)",
                underlying: error
            )
        }
        self.configuration = configuration
    }

    /// Sends through the shared transport, making it on the first request.
    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        try await SharedTransport.get(for: configuration).send(request)
    }
}
