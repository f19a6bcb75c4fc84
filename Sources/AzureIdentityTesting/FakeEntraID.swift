// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

public import AzureIdentity
import Crypto
public import Foundation
import NIOSSL
import Synchronization
import X509

/// A fake Microsoft Entra ID: a real HTTPS server on 127.0.0.1 with a test CA made at run time.
///
/// Register tenants, applications and users, point a credential at ``authorityHost`` with a transport that trusts
/// ``caCertificatePEM``, and inspect ``requests`` afterwards. The fake checks what Entra checks (secrets, assertion
/// signatures and claims, tenants, scopes, redirect URIs, PKCE) and answers with Entra-shaped tokens and errors.
public final class FakeEntraID: Sendable {
    /// Token settings.
    public struct Configuration: Sendable {
        /// `expires_in` of issued access tokens.
        public var tokenLifetime: TimeInterval
        /// `refresh_in`, when set.
        public var refreshIn: TimeInterval?
        /// Tolerance for assertion `nbf`/`exp`.
        public var clockSkew: TimeInterval
        /// The fake's clock.
        public var now: @Sendable () -> Date
        /// Reject a certificate assertion whose `jti` was seen before. Off by default: MSAL reuses a signed
        /// assertion until it expires, so Entra cannot insist on unique `jti`s; turn it on to prove a client signs a
        /// fresh assertion per request.
        public var rejectsReplayedAssertions: Bool

        /// Creates a configuration.
        public init(
            tokenLifetime: TimeInterval = 3599,
            refreshIn: TimeInterval? = nil,
            clockSkew: TimeInterval = 60,
            rejectsReplayedAssertions: Bool = false,
            now: @escaping @Sendable () -> Date = { Date() }
        ) {
            self.rejectsReplayedAssertions = rejectsReplayedAssertions
            self.tokenLifetime = tokenLifetime
            self.refreshIn = refreshIn
            self.clockSkew = clockSkew
            self.now = now
        }
    }

    struct IssuedCode {
        var clientID: String
        var tenantID: String
        var username: String
        var redirectURI: String
        var codeChallenge: String?
        var redeemed = false
    }

    struct IssuedRefreshToken {
        var clientID: String
        var tenantID: String
        var username: String
    }

    struct State {
        var configuration: Configuration
        var tenants: Set<String> = []
        var applications: [String: FakeApplication] = [:]
        var users: [String: FakeUser] = [:]
        var federatedIssuers: [String: P256.Signing.PublicKey] = [:]
        var codes: [String: IssuedCode] = [:]
        var refreshTokens: [String: IssuedRefreshToken] = [:]
        var usedJTIs: Set<String> = []
        var managedIdentities: [FakeManagedIdentity] = []
        var appServiceHeader = UUID().uuidString
        var managedIdentitySecret = UUID().uuidString
        var arcKeyDirectory: String?
        var arcRealmOverride: String?
        var interactiveUser: String?
        var deviceCodeSlowDowns = 0
        var deviceCodes: [String: DeviceCodeEntry] = [:]
        var faults: [FakeFault] = []
        var pipelineJobs: [String: FakePipelineJob] = [:]
        var unknownResources: Set<String> = []
        var requests: [RecordedRequest] = []
    }

    /// The CA that signed the server certificate.
    public let certificateAuthority: TestCertificateAuthority
    let state: Mutex<State>
    let signingKey = P256.Signing.PrivateKey()
    private let servers = Mutex<[FakeHTTPServer]>([])
    private let ports = Mutex<(https: Int, http: Int)>((0, 0))

    /// Creates a stopped fake. Call ``start()``.
    public init(configuration: Configuration = Configuration()) throws {
        self.certificateAuthority = try TestCertificateAuthority()
        self.state = Mutex(State(configuration: configuration))
    }

    /// Creates and starts a fake.
    public static func started(configuration: Configuration = Configuration()) async throws -> FakeEntraID {
        let fake = try FakeEntraID(configuration: configuration)
        try await fake.start()
        return fake
    }

    /// Starts listening on 127.0.0.1 on a free port.
    public func start() async throws {
        let (certificatePEM, keyPEM) = try certificateAuthority.issueServerCertificate()
        let tls = try NIOSSLContext(
            configuration: .makeServerConfiguration(
                certificateChain: try NIOSSLCertificate.fromPEMBytes(Array(certificatePEM.utf8)).map {
                    .certificate($0)
                },
                privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(keyPEM.utf8), format: .pem))
            )
        )
        let server = try await FakeHTTPServer(tls: tls) { [weak self] request in
            guard let self else { return .drop }
            return await self.route(request)
        }
        let managedIdentityServer = try await FakeHTTPServer(tls: nil) { [weak self] request in
            guard let self else { return .drop }
            return await self.route(request, managedIdentity: true)
        }
        ports.withLock { $0 = (server.port, managedIdentityServer.port) }
        servers.withLock { $0 = [server, managedIdentityServer] }
    }

    /// Stops the server.
    public func shutdown() async throws {
        let running = servers.withLock { value -> [FakeHTTPServer] in
            defer { value = [] }
            return value
        }
        for server in running {
            try await server.shutdown()
        }
    }

    /// The port the HTTPS (Entra) server listens on.
    public var port: Int { ports.withLock { $0.https } }

    /// `http://127.0.0.1:<port>`: the plain-HTTP managed identity server. IMDS-style requests go to
    /// `<managedIdentityURL>/metadata/identity/oauth2/token`, App Service-style ones to
    /// `<managedIdentityURL>/msi/token`.
    public var managedIdentityURL: String { "http://127.0.0.1:\(ports.withLock { $0.http })" }

    /// `https://127.0.0.1:<port>`.
    public var authorityURL: String { "https://127.0.0.1:\(port)" }

    /// The authority host to give credentials (loopback explicitly allowed).
    public var authorityHost: AuthorityHost {
        // The URL is always valid https on loopback, which `allowLoopback` permits.
        try! AuthorityHost(authorityURL, allowLoopback: true)
    }

    /// The CA certificate (PEM) clients must trust.
    public var caCertificatePEM: String { certificateAuthority.certificatePEM }

    /// The token endpoint URL for a tenant.
    public func tokenEndpoint(tenantID: String) -> String {
        "\(authorityURL)/\(tenantID)/oauth2/v2.0/token"
    }

    /// Changes the token settings.
    public func updateConfiguration(_ update: (inout Configuration) -> Void) {
        state.withLock { update(&$0.configuration) }
    }
}
