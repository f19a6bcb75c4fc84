// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Crypto
import Foundation

/// Signs a user in through the system browser with the authorization code flow and PKCE (S256).
///
/// A listener on `127.0.0.1` (a free port, or ``redirectPort``) receives the redirect at `http://localhost:<port>`.
/// Only the redirect carrying the sign-in's `state` ends the wait: any other request to the port is answered with
/// an error page and ignored, so no local process can end or hijack a sign-in. The code is then redeemed with its
/// verifier. The browser is the `BROWSER` command or `xdg-open` from ``CredentialOptions/environment``, run as
/// argv through ``CredentialOptions/processRunner``; without either, the credential is unavailable and says how to
/// fix it. Later tokens (other scopes, refreshes) come silently from the signed-in account's refresh token.
///
/// With ``BrokerOptions/enabled`` the sign-in goes through the operating system's identity broker instead (on
/// Linux `microsoft-identity-broker` over D-Bus; see `docs/broker.md`): with ``BrokerOptions/useDefaultBrokerAccount``
/// (or once an account is signed in) silently with that account, else — or when that fails — interactively in the
/// broker's own window. The application must have the redirect URI
/// `https://login.microsoftonline.com/common/oauth2/nativeclient` registered and public client flows allowed.
/// Broker tokens go through the same cache. No broker is ``AzureIdentityError/Code/credentialUnavailable``; a broker
/// that refuses is ``AzureIdentityError/Code/authenticationFailed`` with its status, subStatus and context.
public struct InteractiveBrowserCredential: PersistentCacheReading {
    static let name = "InteractiveBrowserCredential"
    private let session: PublicClientSession
    private let settings: Settings

    struct Settings: Sendable {
        var redirectPort: Int
        var loginHint: String?
        var browserTimeout: Duration
        var broker: BrokerOptions
        var environment: [String: String]
        var runner: any ProcessRunner
        /// The broker sign-in, when ``BrokerOptions/enabled``.
        var brokerSignIn: BrokerSignIn?
    }

    /// The port the redirect listener uses; 0 (the default) picks a free one per sign-in.
    public var redirectPort: Int { settings.redirectPort }

    /// Creates the credential.
    /// - Parameters:
    ///   - tenantID: The tenant; defaults as in Azure Identity (`organizations` for the default client id).
    ///   - clientID: A public client with a `http://localhost` redirect URI; defaults to the Azure CLI's.
    ///   - redirectPort: The loopback port; 0 picks a free one.
    ///   - loginHint: The account to preselect (`login_hint`, with `prompt=login`).
    ///   - authenticationRecord: A previously signed-in account to use silently (with the same `tokenStore`).
    ///   - tokenStore: Where refresh tokens are kept; share it between credentials for silent reuse.
    ///   - disableAutomaticAuthentication: Throw ``AzureIdentityError/Code/authenticationRequired`` instead of
    ///     opening a browser when silent sign-in is not possible.
    ///   - browserTimeout: How long to wait for the user to finish in the browser.
    ///   - brokerOptions: Sign in through the identity broker instead of the browser (``BrokerOptions``).
    ///   - options: The transport, clock, environment, logger and process runner (``CredentialOptions``).
    public init(
        tenantID: String? = nil,
        clientID: String? = nil,
        redirectPort: Int = 0,
        loginHint: String? = nil,
        authenticationRecord: AuthenticationRecord? = nil,
        tokenStore: UserTokenStore? = nil,
        disableAutomaticAuthentication: Bool = false,
        browserTimeout: Duration = .seconds(300),
        brokerOptions: BrokerOptions = BrokerOptions(),
        options: CredentialOptions = CredentialOptions()
    ) throws {
        guard (0...65535).contains(redirectPort) else {
            throw AzureIdentityError(
                code: .invalidConfiguration,
                message: "\(Self.name): redirectPort \(redirectPort) is not a port.",
                credentialName: Self.name
            )
        }
        self.session = try PublicClientSession(
            credentialName: Self.name,
            tenantID: tenantID,
            clientID: clientID,
            record: authenticationRecord,
            store: tokenStore,
            disableAutomaticAuthentication: disableAutomaticAuthentication,
            options: options
        )
        self.settings = Settings(
            redirectPort: redirectPort,
            loginHint: loginHint,
            browserTimeout: browserTimeout,
            broker: brokerOptions,
            environment: options.environment,
            runner: options.processRunner,
            brokerSignIn: brokerOptions.enabled
                ? BrokerSignIn(
                    connection: options.resolvedBrokerConnection, credentialName: Self.name,
                    clientID: session.flow.clientID, useDefaultAccount: brokerOptions.useDefaultBrokerAccount,
                    msaPassthrough: brokerOptions.legacyEnableMSAPassthrough, loginHint: loginHint,
                    logger: options.logger, timeSource: options.timeSource)
                : nil
        )
    }

    /// The signed-in account, once there is one.
    public var authenticationRecord: AuthenticationRecord? { session.record }

    /// The token the persistent cache would answer `request` with, read without sending anything
    /// (``PersistentCacheReading``).
    public func tokenFromPersistentCache(for request: TokenRequest) -> AccessToken? {
        guard settings.brokerSignIn != nil else { return session.tokenFromPersistentCache(request) }
        return session.flow.tokenFromPersistentCache(request, account: Self.brokerCacheAccount)
    }

    /// Gets a user token: cached, else silently for the signed-in account, else through the browser.
    nonisolated(nonsending) public func getToken(for request: TokenRequest) async throws -> AccessToken {
        if let broker = settings.brokerSignIn {
            return try await Self.brokerToken(request, session: session, broker: broker, force: false)
        }
        return try await session.getToken(request, interaction: interaction)
    }

    /// Opens the browser (or the broker's window) now and returns the signed-in account.
    public func authenticate(scopes: [String]) async throws -> AuthenticationRecord {
        guard let broker = settings.brokerSignIn else {
            return try await session.authenticate(scopes: scopes, interaction: interaction)
        }
        _ = try await Self.brokerToken(TokenRequest(scopes: scopes), session: session, broker: broker, force: true)
        guard let record = session.record else {
            throw AzureIdentityError(
                code: .invalidResponse,
                message: "\(Self.name): the broker's token response did not identify the signed-in user.",
                credentialName: Self.name
            )
        }
        return record
    }

    /// The account part of the cache key of tokens from the broker (which keeps the refresh token itself).
    static let brokerCacheAccount = "user"

    /// A token through the broker, via the credential's cache: silently when an account is known or
    /// `useDefaultBrokerAccount` is set, else (unless automatic authentication is disabled) interactively.
    private static func brokerToken(
        _ request: TokenRequest, session: PublicClientSession, broker: BrokerSignIn, force: Bool
    ) async throws -> AccessToken {
        let account = brokerCacheAccount
        return try await session.flow.cachedToken(request, account: account, forceRefresh: force) { tenant, claims in
            let interaction: BrokerSignIn.Interaction =
                force ? .always : session.disableAutomaticAuthentication ? .never : .whenNeeded
            let result = try await broker.token(
                authority: BrokerSignIn.authority(host: session.flow.authorityHost, tenantID: tenant),
                scopes: request.scopes, claims: claims, record: session.record, interaction: interaction)
            if let record = BrokerSignIn.record(
                for: result, host: session.flow.authorityHost, clientID: session.flow.clientID)
            {
                session.setRecord(record)
            }
            return result.token
        }
    }

    private var interaction: PublicClientSession.Interaction {
        let (session, settings) = (self.session, self.settings)
        return { context, scopes in
            let state = UUID().uuidString.lowercased()
            let listener = try await LoopbackRedirectListener.start(port: settings.redirectPort, state: state)
            let redirectURI = "http://localhost:\(listener.port)"
            let pkce = PKCE()
            var query = [
                ("client_id", session.flow.clientID), ("response_type", "code"), ("redirect_uri", redirectURI),
                ("scope", scopes.joined(separator: " ")), ("state", state), ("code_challenge", pkce.challenge),
                ("code_challenge_method", "S256"), ("response_mode", "query"),
                ("prompt", settings.loginHint == nil ? "select_account" : "login"),
            ]
            if let hint = settings.loginHint { query.append(("login_hint", hint)) }
            let url =
                PublicClientSession.sibling(of: context.tokenEndpoint, "authorize") + "?" + FormEncoding.encode(query)
            let redirect: [String: String]
            do {
                redirect = try await BrowserSignIn.run(url: url, listener: listener, settings: settings)
                await listener.close()
            } catch {
                await listener.close()
                throw error
            }
            // The listener hands over only the redirect with this sign-in's state; checked again here so the
            // code below can never run on a forged redirect.
            guard redirect["state"] == state else {
                throw Self.failure("the redirect's state did not match the request (possible forgery)")
            }
            if let error = redirect["error"] {
                let description = redirect["error_description"].map { ": \($0)" } ?? ""
                throw Self.failure("sign-in failed with \(error)\(description)")
            }
            guard let code = redirect["code"] else { throw Self.failure("the redirect carried no code") }
            let grant = [
                ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI),
                ("code_verifier", pkce.verifier.revealedValue()),
            ]
            return try await session.flow.post(context, grantFields: grant, scopes: scopes)
        }
    }

    static func failure(_ reason: String) -> AzureIdentityError {
        AzureIdentityError(code: .authenticationFailed, message: "\(name): \(reason).", credentialName: name)
    }
}

/// A PKCE verifier (32 random bytes, base64url) and its S256 challenge.
struct PKCE: Sendable {
    let verifier: Secret
    let challenge: String

    init() {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let verifier = Base64URL.encode(bytes)
        self.verifier = Secret(verifier)
        self.challenge = Base64URL.encode(SHA256.hash(data: Array(verifier.utf8)))
    }
}
