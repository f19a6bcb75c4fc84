// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// Authenticates an application with a certificate: a signed JWT client assertion (`client_credentials`).
///
/// Uses PS256 with `x5t#S256` by default (as Azure Identity does); RS256 with `x5t` is available for older
/// registrations. With `sendCertificateChain` the `x5c` header carries the chain (subject name / issuer auth).
public struct ClientCertificateCredential: PersistentCacheReading {
    private let flow: EntraTokenFlow
    private let authentication: ClientAuthentication
    private let timeSource: any TimeSource

    /// Creates the credential from a loaded certificate.
    public init(
        tenantID: String,
        clientID: String,
        certificate: ClientCertificate,
        algorithm: ClientAssertionSigner.Algorithm = .ps256,
        sendCertificateChain: Bool = false,
        options: CredentialOptions = CredentialOptions()
    ) throws {
        self.flow = try EntraTokenFlow(
            credentialName: "ClientCertificateCredential",
            tenantID: tenantID,
            clientID: clientID,
            options: options
        )
        self.authentication = .certificate(
            ClientAssertionSigner(
                certificate: certificate,
                algorithm: algorithm,
                sendCertificateChain: sendCertificateChain
            )
        )
        self.timeSource = options.timeSource
    }

    /// Creates the credential from a PEM or PKCS#12 file (optionally password protected).
    public init(
        tenantID: String,
        clientID: String,
        certificatePath: String,
        password: Secret? = nil,
        algorithm: ClientAssertionSigner.Algorithm = .ps256,
        sendCertificateChain: Bool = false,
        options: CredentialOptions = CredentialOptions()
    ) throws {
        try self.init(
            tenantID: tenantID,
            clientID: clientID,
            certificate: ClientCertificate.load(path: certificatePath, password: password),
            algorithm: algorithm,
            sendCertificateChain: sendCertificateChain,
            options: options
        )
    }

    /// The token the persistent cache would answer `request` with, read without sending anything
    /// (``PersistentCacheReading``).
    public func tokenFromPersistentCache(for request: TokenRequest) -> AccessToken? {
        flow.tokenFromPersistentCache(request)
    }

    /// Gets an app token; a fresh assertion is signed for every network request.
    nonisolated(nonsending) public func getToken(for request: TokenRequest) async throws -> AccessToken {
        let flow = self.flow
        let authentication = self.authentication
        let timeSource = self.timeSource
        return try await flow.getToken(request) { context in
            let fields = try await authentication.formFields(
                clientID: flow.clientID,
                tokenEndpoint: context.tokenEndpoint,
                now: timeSource.now()
            )
            return try await flow.post(context, grantFields: [("grant_type", "client_credentials")] + fields).token
        }
    }
}
