// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

public import Foundation
import IdentitySupport

/// What the user must do to finish a device code sign-in.
///
/// The texts come from the device code endpoint; their control characters are escaped before they are shown.
public struct DeviceCodeInfo: Sendable, Hashable {
    /// The code to type in.
    public var userCode: String
    /// The page to open.
    public var verificationURI: String
    /// Entra's ready-made instruction text.
    public var message: String
    /// When the code stops working.
    public var expiresOn: Date
}

/// Signs a user in with the OAuth device authorization grant: the user opens a page on any device and types a
/// code while this credential polls the token endpoint.
///
/// Polling honours `interval`, adds 5 s on `slow_down`, continues on `authorization_pending`, and stops on
/// decline, expiry or task cancellation. After the first sign-in, other scopes (and refreshes) are obtained
/// silently with the signed-in account's refresh token.
public struct DeviceCodeCredential: PersistentCacheReading {
    static let name = "DeviceCodeCredential"
    private let session: PublicClientSession
    private let prompt: @Sendable (DeviceCodeInfo) async -> Void
    private let timeSource: any TimeSource

    /// Creates the credential.
    /// - Parameters:
    ///   - tenantID: The tenant; defaults as in Azure Identity (`organizations` for the default client id).
    ///   - clientID: A public client application; defaults to the Azure CLI's.
    ///   - authenticationRecord: A previously signed-in account to use silently (with the same `tokenStore`).
    ///   - tokenStore: Where refresh tokens are kept; share it between credentials for silent reuse.
    ///   - disableAutomaticAuthentication: Throw ``AzureIdentityError/Code/authenticationRequired`` instead of
    ///     prompting when silent sign-in is not possible.
    ///   - prompt: Shows the user what to do. The default prints ``DeviceCodeInfo/message`` to standard error.
    ///   - options: The transport, clock, environment, logger and process runner (``CredentialOptions``).
    public init(
        tenantID: String? = nil,
        clientID: String? = nil,
        authenticationRecord: AuthenticationRecord? = nil,
        tokenStore: UserTokenStore? = nil,
        disableAutomaticAuthentication: Bool = false,
        options: CredentialOptions = CredentialOptions(),
        prompt: @escaping @Sendable (DeviceCodeInfo) async -> Void = { info in
            FileHandle.standardError.write(Data((info.message + "\n").utf8))
        }
    ) throws {
        self.session = try PublicClientSession(
            credentialName: Self.name,
            tenantID: tenantID,
            clientID: clientID,
            record: authenticationRecord,
            store: tokenStore,
            disableAutomaticAuthentication: disableAutomaticAuthentication,
            options: options
        )
        self.prompt = prompt
        self.timeSource = options.timeSource
    }

    /// The signed-in account, once there is one.
    public var authenticationRecord: AuthenticationRecord? { session.record }

    /// The token the persistent cache would answer `request` with, read without sending anything
    /// (``PersistentCacheReading``).
    public func tokenFromPersistentCache(for request: TokenRequest) -> AccessToken? {
        session.tokenFromPersistentCache(request)
    }

    /// Gets a user token: cached, else silently for the signed-in account, else through the device code flow.
    nonisolated(nonsending) public func getToken(for request: TokenRequest) async throws -> AccessToken {
        try await session.getToken(request, interaction: interaction)
    }

    /// Runs the device code flow now and returns the signed-in account.
    public func authenticate(scopes: [String]) async throws -> AuthenticationRecord {
        try await session.authenticate(scopes: scopes, interaction: interaction)
    }

    private var interaction: PublicClientSession.Interaction {
        let (session, prompt, time) = (self.session, self.prompt, self.timeSource)
        return { context, scopes in
            let started = time.now()
            let grant = try await Self.requestCode(session: session, context: context, scopes: scopes, now: started)
            await prompt(grant.info)
            var interval = grant.interval
            while true {
                guard time.now() < grant.info.expiresOn else {
                    throw Self.failure("the device code expired before the user signed in")
                }
                try await time.sleep(for: .seconds(interval))
                do {
                    // RFC 8628 §3.4: the grant type is the URN (as MSAL sends it); Entra ID refuses `device_code`.
                    let fields = [
                        ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
                        ("device_code", grant.deviceCode.revealedValue()),
                    ]
                    return try await session.flow.post(context, grantFields: fields, scopes: scopes)
                } catch let error as AzureIdentityError where error.entraError != nil {
                    switch error.entraError?.error {
                    case "authorization_pending": continue
                    case "slow_down": interval = min(interval + 5, Self.maximumInterval)
                    case "authorization_declined": throw Self.failure("the user declined the sign-in", error)
                    case "expired_token": throw Self.failure("the device code expired", error)
                    default: throw error
                    }
                }
            }
        }
    }

    struct Grant: Sendable {
        var info: DeviceCodeInfo
        var deviceCode: Secret
        var interval: Double
    }

    private static func requestCode(
        session: PublicClientSession,
        context: EntraTokenFlow.Context,
        scopes: [String],
        now: Date
    ) async throws -> Grant {
        let url = PublicClientSession.sibling(of: context.tokenEndpoint, "devicecode")
        let form = [("client_id", session.flow.clientID), ("scope", scopes.joined(separator: " "))]
        let request = TransportRequest(
            method: "POST",
            url: url,
            headers: [(name: "Content-Type", value: "application/x-www-form-urlencoded;charset=utf-8")],
            body: Array(FormEncoding.encode(form).utf8),
            timeout: session.flow.client.requestTimeout
        )
        let response: TransportResponse
        do {
            response = try await session.flow.client.transport.send(request)
        } catch let error as CancellationError {
            throw error
        } catch {
            // Like every other request: the transport's failure becomes the credential's error, with the reason.
            throw AzureIdentityError(
                code: .transportFailed,
                message: "\(name): the device code endpoint \(url) could not be reached: \(error)",
                credentialName: name,
                underlying: error
            )
        }
        guard response.status == 200 else {
            throw TokenEndpointClient.refusal(
                response, url: url, credentialName: name, lead: "\(name): the device code request failed",
                secrets: TokenEndpointClient.secretValues(of: form))
        }
        do {
            return try grant(from: response.body, now: now)
        } catch {
            throw AzureIdentityError(
                code: .invalidResponse,
                message: "\(name): the device code endpoint answered with a grant that cannot be used "
                    + "(\(response.body.count) bytes): \(error).",
                credentialName: name,
                statusCode: response.status,
                underlying: error
            )
        }
    }

    /// The longest polling interval accepted from the device code endpoint (Entra ID sends 5 seconds).
    static let maximumInterval: Double = 300

    /// Reads a device authorization answer: `device_code`, `user_code`, `verification_uri` (or `_url`), `message`,
    /// `expires_in` (default 900 s, checked by ``TokenLifetime``) and `interval` (default 5 s, at least 1, at most
    /// ``maximumInterval``). What is shown to the user has its control characters escaped.
    static func grant(from body: [UInt8], now: Date) throws(TokenResponseError) -> Grant {
        guard let object = OutsideJSON.object(body) else { throw .notJSON() }
        func text(_ field: String) throws(TokenResponseError) -> String {
            guard let value = object[field], !value.isNull else { throw .missing(field) }
            guard let text = value.string, !text.isEmpty else { throw .invalid(field, "is not a non-empty string") }
            return text
        }
        let deviceCode = try text("device_code")
        let userCode = OutsideText.escapingControlCharacters(try text("user_code"))
        let verificationField = object["verification_uri"] == nil ? "verification_url" : "verification_uri"
        let verification = OutsideText.escapingControlCharacters(try text(verificationField))
        let expiresOn = try TokenLifetime.seconds(object["expires_in"], field: "expires_in").map {
            seconds throws(TokenResponseError) in
            try TokenLifetime.expiry(
                inSeconds: seconds,
                after: now,
                field: "expires_in",
                shown: object["expires_in"]?.shown
            )
        }
        let interval = try TokenLifetime.seconds(object["interval"], field: "interval") ?? 5
        guard (0...maximumInterval).contains(interval) else {
            throw .invalid(
                "interval",
                "\(OutsideJSON.shown(interval)) is not a polling interval between 0 and "
                    + "\(OutsideJSON.shown(maximumInterval)) seconds"
            )
        }
        let message =
            object["message"]?.string.map(OutsideText.escapingControlCharacters)
            ?? "To sign in, use a web browser to open the page \(verification) and enter the code \(userCode)."
        return Grant(
            info: DeviceCodeInfo(
                userCode: userCode,
                verificationURI: verification,
                message: message,
                expiresOn: expiresOn ?? now.addingTimeInterval(900)
            ),
            deviceCode: Secret(deviceCode),
            interval: max(1, interval)
        )
    }

    private static func failure(_ reason: String, _ underlying: AzureIdentityError? = nil) -> AzureIdentityError {
        guard let report = underlying?.serviceReport else {
            return AzureIdentityError(code: .authenticationFailed, message: "\(name): \(reason).", credentialName: name)
        }
        return AzureIdentityError.refused(credentialName: name, lead: "\(name): \(reason)", report: report)
    }
}
