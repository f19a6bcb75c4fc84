// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

package import Foundation
import IdentitySupport

/// A token the broker gave, with the account it is for.
package struct BrokerToken: Sendable {
    package var token: AccessToken
    /// The account the token is for (`brokerTokenResponse.account`), when the broker said.
    package var account: BrokerAccount?
    /// The OpenID Connect id token, when given (not a secret, never logged either).
    package var idToken: String?
}

/// Why a broker response is not an answer: the broker refused (its `error` object), or the text is not a response
/// the protocol allows. Neither ever holds the response text or a token.
package enum BrokerResponseError: Error, Sendable, Hashable {
    /// The broker's `error` object: `status`, `subStatus` and `context` as shown (numbers as written, text escaped
    /// and shortened).
    case refused(status: String, subStatus: String, context: String)
    /// The response breaks the protocol; the reason in words (field names and kinds, never values of token
    /// fields).
    case malformed(String)
}

/// Strict, bounded reading of the broker's response JSON. The response comes from another process on the session
/// bus: it may be anything, and it may hold tokens, so it is never quoted.
package enum BrokerResponse {
    /// The accounts of a `getAccounts` response (`{accounts: [...]}`), in the broker's order.
    package static func accounts(_ text: String) throws(BrokerResponseError) -> [BrokerAccount] {
        let members = try object(text)
        if let failure = refusal(members["error"]) { throw failure }
        guard case .array(let values)? = members["accounts"] else {
            throw .malformed("the getAccounts response has no `accounts` array")
        }
        var accounts: [BrokerAccount] = []
        for (index, value) in values.enumerated() {
            guard let account = BrokerAccount(value) else {
                throw .malformed("account \(index + 1) of the getAccounts response has no `homeAccountId` string")
            }
            accounts.append(account)
        }
        return accounts
    }

    /// The token of an `acquireTokenSilently` or `acquireTokenInteractively` response
    /// (`{brokerTokenResponse: {accessToken, accessTokenType, expiresOn, …}}`).
    ///
    /// The expiry is the access token's `exp` when the token is a JWT that has a valid one (brokers disagree on
    /// units: himmelblau sends `expiresOn` in milliseconds and `extendedExpiresOn` in seconds); otherwise
    /// `expiresOn`, in milliseconds since the epoch. Either must pass ``TokenLifetime``'s checks.
    package static func token(_ text: String, now: Date) throws(BrokerResponseError) -> BrokerToken {
        let top = try object(text)
        if let failure = refusal(top["error"]) { throw failure }
        guard case .object(let members)? = top["brokerTokenResponse"] else {
            throw .malformed("the response has no `brokerTokenResponse` object")
        }
        if let failure = refusal(members["error"]) { throw failure }
        guard case .string(let accessToken)? = members["accessToken"], !accessToken.isEmpty else {
            throw .malformed("`brokerTokenResponse.accessToken` is missing or not a non-empty string")
        }
        guard accessToken.utf8.count <= 64 * 1024, !accessToken.contains(where: { $0.isWhitespace }) else {
            throw .malformed("`brokerTokenResponse.accessToken` is not a token (too long, or holds whitespace)")
        }
        switch members["accessTokenType"] {
        case nil, .null?, .number(0)?: break
        case .number(1)?:
            throw .malformed("the broker returned a proof-of-possession token (`accessTokenType` 1), not a bearer one")
        case let other?:
            throw .malformed("`brokerTokenResponse.accessTokenType` \(other.shown) is not 0 (Bearer)")
        }
        let expiresOn: Date
        do throws(TokenResponseError) {
            expiresOn = try expiry(accessToken: accessToken, expiresOn: members["expiresOn"], now: now)
        } catch {
            throw .malformed("\(error.description)")
        }
        let account = members["account"].flatMap(BrokerAccount.init)
        let idToken = members["idToken"]?.string.flatMap { $0.isEmpty ? nil : $0 }
        return BrokerToken(
            token: AccessToken(token: Secret(accessToken), expiresOn: expiresOn), account: account, idToken: idToken)
    }

    private static func expiry(
        accessToken: String, expiresOn: OutsideJSON?, now: Date
    ) throws(TokenResponseError) -> Date {
        if let claims = try? JWTClaims(compact: accessToken), let exp = claims.numericDate("exp").time {
            return try TokenLifetime.expiry(at: exp.date, now: now, field: "exp", shown: exp.description)
        }
        guard let milliseconds = try TokenLifetime.seconds(expiresOn, field: "expiresOn") else {
            throw TokenResponseError(
                .missingField, field: "expiresOn",
                "`expiresOn` is missing and the access token carries no `exp`: the token's expiry is unknown")
        }
        return try TokenLifetime.expiry(
            atEpochSeconds: milliseconds / 1000, now: now, field: "expiresOn",
            shown: OutsideJSON.shown(milliseconds) + " ms")
    }

    private static func object(_ text: String) throws(BrokerResponseError) -> [String: OutsideJSON] {
        guard text.utf8.count <= BrokerProtocol.maximumResponseBytes else {
            throw .malformed(
                "the response is \(text.utf8.count) bytes, more than the \(BrokerProtocol.maximumResponseBytes) "
                    + "accepted")
        }
        guard let value = OutsideJSON.decode(Array(text.utf8)) else { throw .malformed("the response is not JSON") }
        guard case .object(let members) = value else { throw .malformed("the response is not a JSON object") }
        return members
    }

    /// The broker's `error` object as a refusal; `nil` when there is none (absent or `null`).
    private static func refusal(_ value: OutsideJSON?) -> BrokerResponseError? {
        switch value {
        case nil, .null?:
            return nil
        case .object(let error)?:
            let context =
                error["context"]?.string.map { "'" + OutsideText.escaped($0, limit: 300) + "'" } ?? "none given"
            return .refused(
                status: error["status"]?.shown ?? "none given", subStatus: error["subStatus"]?.shown ?? "none given",
                context: context)
        case let other?:
            return .refused(status: "none given", subStatus: "none given", context: "an `error` that is \(other.shown)")
        }
    }
}
