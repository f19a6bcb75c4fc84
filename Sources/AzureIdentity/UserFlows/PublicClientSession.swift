// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import Logging
import Synchronization

/// What the interactive credentials share: the token flow, silent sign-in with the recorded account's refresh
/// token, the record itself, and `authenticate`.
///
/// With a persistent token cache, the signed-in account and its refresh token are kept on disk too: a later
/// process whose credential has the same authority, client and tenant (and no record of its own) finds the account
/// there and signs in silently; access tokens are cached under the account's home id.
final class PublicClientSession: Sendable {
    /// The Azure CLI's public client id, Azure Identity's default for user credentials.
    static let defaultClientID = "04b07795-8ddb-461a-bbee-02f9e1bf7b46"

    let flow: EntraTokenFlow
    let store: UserTokenStore
    let disableAutomaticAuthentication: Bool
    /// The configured tenant (before any request asks for another): part of where the account is kept on disk.
    let configuredTenant: String
    private let recordState: Mutex<AuthenticationRecord?>
    /// Whether the persistent cache was asked for an account yet (once, on first use).
    private let looked = Mutex(false)

    init(
        credentialName: String,
        tenantID: String?,
        clientID: String?,
        record: AuthenticationRecord?,
        store: UserTokenStore?,
        disableAutomaticAuthentication: Bool,
        options: CredentialOptions
    ) throws {
        let client = clientID ?? record?.clientID ?? Self.defaultClientID
        // Azure Identity: an explicit tenant, else `organizations` for the default client, else `common`.
        let tenant = tenantID ?? record?.tenantID ?? (client == Self.defaultClientID ? "organizations" : "common")
        self.flow = try EntraTokenFlow(
            credentialName: credentialName,
            tenantID: tenant,
            clientID: client,
            options: options
        )
        if let record, record.clientID != client {
            throw AzureIdentityError(
                code: .invalidConfiguration,
                message:
                    "\(credentialName): the authentication record is for client \(record.clientID), not \(client).",
                credentialName: credentialName
            )
        }
        self.store = store ?? UserTokenStore()
        self.disableAutomaticAuthentication = disableAutomaticAuthentication
        self.configuredTenant = tenant
        self.recordState = Mutex(record)
    }

    var persistent: PersistentTokenCache? { flow.cache.persistent }

    /// The account: the one given or signed in, else (once) the one the persistent cache kept for this
    /// authority, client and tenant.
    var record: AuthenticationRecord? {
        if let record = recordState.withLock({ $0 }) { return record }
        let firstLook = looked.withLock { looked in
            defer { looked = true }
            return !looked
        }
        guard let persistent, firstLook else { return nil }
        guard
            let found = persistent.account(
                authority: flow.authorityHost.url, clientID: flow.clientID, tenantID: configuredTenant
            )
        else { return nil }
        return recordState.withLock { state in
            if state == nil { state = found }
            return state
        }
    }

    /// The account part of the cache key. Tokens of one account are never served for another: the account's home id
    /// is part of the key once known.
    var cacheAccount: String { persistent == nil ? "user" : (record?.homeAccountID ?? "user") }

    /// What ``getToken(_:forceInteraction:interaction:)`` would answer from the persistent cache in a new process.
    func tokenFromPersistentCache(_ request: TokenRequest) -> AccessToken? {
        flow.tokenFromPersistentCache(request, account: cacheAccount)
    }

    /// Remembers the signed-in account (a broker sign-in, whose refresh token stays with the broker).
    func setRecord(_ record: AuthenticationRecord) { recordState.withLock { $0 = record } }

    /// The user's interactive step: returns the token endpoint result for `scopes` (OIDC scopes included).
    typealias Interaction = @Sendable (EntraTokenFlow.Context, [String]) async throws -> TokenEndpointClient.Result

    /// Cache, then silent refresh for the recorded account, then (unless disabled) `interaction`.
    nonisolated(nonsending) func getToken(
        _ request: TokenRequest,
        forceInteraction: Bool = false,
        interaction: @escaping Interaction
    ) async throws -> AccessToken {
        let session = self
        let account = cacheAccount
        return try await flow.getToken(request, account: account, forceRefresh: forceInteraction) { context in
            let scopes = OIDCScopes.adding(to: context.scopes)
            if !forceInteraction, let token = try await session.silent(context, scopes: scopes) { return token }
            guard forceInteraction || !session.disableAutomaticAuthentication else {
                throw AzureIdentityError(
                    code: .authenticationRequired,
                    message: "\(session.flow.credentialName): automatic authentication has been disabled and no "
                        + "signed-in account could be used silently. Call authenticate(scopes:) first.",
                    credentialName: session.flow.credentialName
                )
            }
            let result = try await interaction(context, scopes)
            await session.remember(result, request: request, context: context, account: account)
            return result.token
        }
    }

    private func silent(_ context: EntraTokenFlow.Context, scopes: [String]) async throws -> AccessToken? {
        guard let record, let refreshToken = store.refreshToken(for: record) ?? persistent?.refreshToken(for: record)
        else { return nil }
        do {
            let result = try await flow.post(
                context,
                grantFields: [("grant_type", "refresh_token"), ("refresh_token", refreshToken.revealedValue())],
                scopes: scopes
            )
            store.store(result.refreshToken, for: record)
            if let rotated = result.refreshToken, rotated != refreshToken {
                await persistent?.storeRefreshToken(rotated, for: record)
            }
            return result.token
        } catch let error as AzureIdentityError where error.code == .authenticationFailed {
            // An expired or revoked refresh token: forget it and sign in again (or report authenticationRequired).
            store.remove(record)
            await persistent?.storeRefreshToken(nil, for: record)
            flow.logger.debug("\(flow.credentialName): silent sign-in failed", metadata: ["error": "\(error.code)"])
            return nil
        }
    }

    private func remember(
        _ result: TokenEndpointClient.Result, request: TokenRequest, context: EntraTokenFlow.Context, account: String
    ) async {
        guard
            let record = AuthenticationRecord.from(
                idToken: result.idToken,
                accessToken: result.token.token,
                authority: flow.authorityHost.url,
                clientID: flow.clientID
            )
        else { return }
        recordState.withLock { $0 = record }
        store.store(result.refreshToken, for: record)
        guard let persistent else { return }
        await persistent.storeAccount(
            record, refreshToken: result.refreshToken, authority: flow.authorityHost.url, clientID: flow.clientID,
            tenantID: configuredTenant
        )
        // The flow writes the token under the key it asked with; a later process knows the account and asks
        // under its home id.
        if account != record.homeAccountID {
            let key = TokenCacheKey(
                authority: flow.authorityHost.url, tenantID: context.tenantID, clientID: flow.clientID,
                scopes: request.scopes, isCAE: request.enableCAE, account: record.homeAccountID
            )
            await persistent.store(result.token, for: key)
        }
    }

    /// Runs the interaction for `scopes` and returns the signed-in account.
    func authenticate(scopes: [String], interaction: @escaping Interaction) async throws -> AuthenticationRecord {
        _ = try await getToken(TokenRequest(scopes: scopes), forceInteraction: true, interaction: interaction)
        guard let record else {
            throw AzureIdentityError(
                code: .invalidResponse,
                message: "\(flow.credentialName): the token response did not identify the signed-in user.",
                credentialName: flow.credentialName
            )
        }
        return record
    }

    /// `<token endpoint without /token>/<name>`, e.g. the `devicecode` or `authorize` endpoint.
    static func sibling(of tokenEndpoint: String, _ name: String) -> String {
        tokenEndpoint.hasSuffix("/token") ? String(tokenEndpoint.dropLast("token".count)) + name : tokenEndpoint
    }
}
