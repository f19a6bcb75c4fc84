// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import IdentitySupport
package import Logging

/// Signs a user in through the Linux identity broker: the one place that decides what is tried in which order,
/// shared by ``InteractiveBrowserCredential`` (broker enabled), the broker member of ``DefaultAzureCredential``
/// and ``VisualStudioCodeCredential``.
///
/// 1. With a known account (an authentication record) or `useDefaultBrokerAccount`: `getAccounts`, then that
///    account (matched by `homeAccountId`) or the first one, then `acquireTokenSilently` (`authorizationType` 1).
/// 2. When that is not possible (no account, or the broker refused), and interaction is allowed:
///    `acquireTokenInteractively` (`authorizationType` 6), which waits on a person with no timeout of its own; the
///    caller's cancellation (a chain's link timeout) ends it and sends `cancelInteractiveFlow`.
///
/// No broker (no session bus, the name neither owned nor activatable) is *unavailable* at once: nothing falls back.
/// A broker that refuses is *failed* with its `status`, `subStatus` and `context`. Responses are never quoted.
package struct BrokerSignIn: Sendable {
    package var connection: any IdentityBrokerConnection
    package var credentialName: String
    package var clientID: String
    package var useDefaultAccount: Bool
    package var msaPassthrough: Bool
    package var loginHint: String?
    package var logger: Logger
    package var timeSource: any TimeSource

    /// Where a sign-in may go.
    package enum Interaction: Sendable {
        /// Silent only; when that is not possible, ``AzureIdentityError/Code/authenticationRequired``.
        case never
        /// Silent first, then interactive.
        case whenNeeded
        /// Interactive at once (`authenticate(scopes:)`).
        case always
    }

    /// A token for `scopes` from the broker, following the order above.
    package func token(
        authority: String, scopes: [String], claims: String?, record: AuthenticationRecord?, interaction: Interaction
    ) async throws -> BrokerToken {
        var parameters = BrokerProtocol.TokenParameters(
            clientID: clientID, authority: authority, scopes: scopes, claims: claims, loginHint: loginHint,
            msaPassthrough: msaPassthrough)
        var silentProblem =
            "no account was known to sign in silently (no authentication record, and "
            + "useDefaultBrokerAccount is off)"
        if interaction != .always, record != nil || useDefaultAccount {
            let accounts = try await accounts()
            let chosen =
                record.map { record in accounts.first { $0.homeAccountID == record.homeAccountID } }
                ?? accounts.first
            if let chosen {
                parameters.account = chosen
                do {
                    return try await call(BrokerProtocol.Method.acquireTokenSilently, parameters, timeout: .normal)
                } catch let failure as SilentFailure {
                    silentProblem = failure.reason
                    logger.debug(
                        "\(credentialName): silent broker sign-in failed", metadata: ["reason": "\(failure.reason)"])
                }
            } else if let record {
                silentProblem =
                    "the broker has no account \(OutsideJSON.shown(record.username)) "
                    + "(homeAccountId \(OutsideJSON.shown(record.homeAccountID)))"
            } else {
                silentProblem = "the broker has no signed-in account"
            }
        }
        guard interaction != .never else {
            throw AzureIdentityError(
                code: .authenticationRequired,
                message: "\(credentialName): the identity broker could not sign in silently: \(silentProblem).",
                credentialName: credentialName)
        }
        return try await call(BrokerProtocol.Method.acquireTokenInteractively, parameters, timeout: .interactive)
    }

    /// The broker's accounts for this client.
    package func accounts() async throws -> [BrokerAccount] {
        let text = try await send(
            BrokerProtocol.Method.getAccounts, BrokerProtocol.accountsRequest(clientID: clientID),
            correlationID: Self.correlationID(), timeout: BrokerProtocol.callTimeout)
        do throws(BrokerResponseError) {
            return try BrokerResponse.accounts(text)
        } catch {
            throw failure(error, method: BrokerProtocol.Method.getAccounts)
        }
    }

    /// A silent failure that lets an interactive sign-in follow: the broker refused, or answered the call with a
    /// D-Bus error.
    private struct SilentFailure: Error {
        var reason: String
        var error: AzureIdentityError
    }

    private enum Timeout { case normal, interactive }

    private func call(
        _ method: String, _ parameters: BrokerProtocol.TokenParameters, timeout: Timeout
    ) async throws -> BrokerToken {
        let silent = timeout == .normal
        let request = BrokerProtocol.tokenRequest(
            parameters,
            authorizationType: silent
                ? BrokerProtocol.AuthorizationType.silent : BrokerProtocol.AuthorizationType.interactive)
        let correlationID = Self.correlationID()
        let text: String
        do {
            if silent {
                text = try await send(
                    method, request, correlationID: correlationID, timeout: BrokerProtocol.callTimeout)
            } else {
                text = try await sendInteractive(request, correlationID: correlationID)
            }
        } catch let error as AzureIdentityError where silent && error.underlying is BrokerCallError {
            guard case .errorReply? = (error.underlying as? BrokerCallError)?.code else { throw error }
            throw SilentFailure(reason: error.message, error: error)
        }
        do throws(BrokerResponseError) {
            return try BrokerResponse.token(text, now: timeSource.now())
        } catch {
            let mapped = failure(error, method: method)
            if silent, case .refused = error { throw SilentFailure(reason: mapped.message, error: mapped) }
            throw mapped
        }
    }

    /// The interactive call: no timeout of its own; when the caller is cancelled, `cancelInteractiveFlow` is sent
    /// (with the same correlation id) so the broker closes its window.
    private func sendInteractive(_ request: String, correlationID: String) async throws -> String {
        do {
            return try await send(
                BrokerProtocol.Method.acquireTokenInteractively, request, correlationID: correlationID, timeout: nil)
        } catch is CancellationError {
            let connection = self.connection
            logger.debug("\(credentialName): interactive broker sign-in cancelled; sending cancelInteractiveFlow")
            // A detached task: this one is cancelled, and the cancel request must still go out.
            await Task.detached {
                _ = try? await connection.call(
                    BrokerProtocol.Method.cancelInteractiveFlow, protocolVersion: BrokerProtocol.version,
                    correlationID: correlationID, request: BrokerProtocol.cancelRequest(),
                    timeout: BrokerProtocol.cancelTimeout)
            }.value
            throw CancellationError()
        }
    }

    private func send(
        _ method: String, _ request: String, correlationID: String, timeout: Duration?
    ) async throws -> String {
        do {
            let text = try await connection.call(
                method, protocolVersion: BrokerProtocol.version, correlationID: correlationID, request: request,
                timeout: timeout)
            if Task.isCancelled { throw CancellationError() }
            return text
        } catch let error as BrokerCallError {
            if error.code == .cancelled || Task.isCancelled { throw CancellationError() }
            throw failure(error, method: method)
        }
    }

    private func failure(_ error: BrokerCallError, method: String) -> AzureIdentityError {
        let (code, text): (AzureIdentityError.Code, String) =
            switch error.code {
            case .noSessionBus:
                (.credentialUnavailable, "the identity broker cannot be reached: no session bus")
            case .serviceUnknown:
                (
                    .credentialUnavailable,
                    "the identity broker is not installed or not running for this session "
                        + "(com.microsoft.identity.broker1 is neither owned nor activatable)"
                )
            case .errorReply(let name):
                (.authenticationFailed, "the identity broker answered \(method) with the D-Bus error \(name)")
            case .timedOut:
                (.authenticationFailed, "the identity broker did not answer \(method) in time")
            case .malformedReply:
                (.invalidResponse, "the identity broker's reply to \(method) broke the D-Bus protocol")
            case .connectionFailed:
                (.transportFailed, "the connection to the identity broker failed during \(method)")
            case .cancelled:
                (.authenticationFailed, "\(method) was cancelled")
            }
        return AzureIdentityError(
            code: code, message: "\(credentialName): \(text): \(error.message).", credentialName: credentialName,
            underlying: error)
    }

    private func failure(_ error: BrokerResponseError, method: String) -> AzureIdentityError {
        switch error {
        case .refused(let status, let subStatus, let context):
            return AzureIdentityError(
                code: .authenticationFailed,
                message: "\(credentialName): the identity broker refused \(method): status \(status), subStatus "
                    + "\(subStatus), context \(context).",
                credentialName: credentialName, underlying: error)
        case .malformed(let reason):
            return AzureIdentityError(
                code: .invalidResponse,
                message: "\(credentialName): the identity broker's answer to \(method) is not usable: \(reason).",
                credentialName: credentialName, underlying: error)
        }
    }

    private static func correlationID() -> String { UUID().uuidString.lowercased() }
}

extension BrokerSignIn {
    /// The authority URL the broker is asked for: the authority host and the tenant.
    package static func authority(host: AuthorityHost, tenantID: String) -> String {
        host.url + "/" + tenantID
    }

    /// The record for the account a broker token is for: from the response's account, else the id token's (or the
    /// access token's) claims.
    package static func record(
        for token: BrokerToken, host: AuthorityHost, clientID: String
    ) -> AuthenticationRecord? {
        if let account = token.account, let tenant = account.tenantID {
            return AuthenticationRecord(
                authority: host.host, homeAccountID: account.homeAccountID,
                clientID: clientID, tenantID: tenant, username: account.username)
        }
        return AuthenticationRecord.from(
            idToken: token.idToken, accessToken: token.token.token, authority: host.url, clientID: clientID)
    }
}
