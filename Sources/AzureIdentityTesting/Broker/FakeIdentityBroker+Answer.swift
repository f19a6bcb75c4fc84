// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

public import Foundation

extension FakeIdentityBroker {
    /// How the fake broker answers a method.
    public indirect enum Answer: Sendable, Hashable {
        /// A normal reply: this text as the method's one string result (success JSON, a broker error JSON, or text
        /// that is not JSON at all).
        case reply(String)
        /// A D-Bus error reply of this name and message (such as `org.freedesktop.DBus.Error.Failed`).
        case dbusError(name: String, message: String)
        /// `answer`, after a delay (the fake keeps answering other calls meanwhile).
        case delayed(Duration, Answer)

        /// A broker error: `{"brokerTokenResponse": {"error": {"status", "subStatus", "context"}}}`.
        public static func brokerError(status: Int, subStatus: Int, context: String) -> Answer {
            json(["brokerTokenResponse": ["error": ["status": status, "subStatus": subStatus, "context": context]]])
        }

        /// Text that is not JSON.
        public static let malformedJSON = Answer.reply(#"{"brokerTokenResponse": {"accessToken": "#)

        /// `getAccounts` with no account.
        public static let noAccount = Answer.reply(#"{"accounts":[]}"#)

        /// `getAccounts` with these accounts.
        public static func accounts(_ accounts: [Account]) -> Answer {
            json(["accounts": accounts.map(\.json)])
        }

        /// A token reply as the broker sends it: `brokerTokenResponse` with `accessToken`, `accessTokenType` 0,
        /// `expiresOn` and `extendedExpiresOn` in epoch milliseconds, `grantedScopes` (space-separated),
        /// `idToken`, `clientInfo` and the account.
        public static func token(
            accessToken: String, expiresOn: Date, scopes: [String] = ["https://management.azure.com/.default"],
            account: Account = .default
        ) -> Answer {
            let milliseconds = Int((expiresOn.timeIntervalSince1970 * 1000).rounded())
            return json([
                "brokerTokenResponse": [
                    "accessToken": accessToken,
                    "accessTokenType": 0,
                    "expiresOn": milliseconds,
                    "extendedExpiresOn": milliseconds,
                    "grantedScopes": scopes.joined(separator: " "),
                    "idToken": account.idToken,
                    "clientInfo": account.clientInfo,
                    "account": account.json,
                ] as [String: Any]
            ])
        }

        private static func json(_ object: [String: Any]) -> Answer {
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
            return .reply(String(decoding: data, as: UTF8.self))
        }

        /// The plan the script reads.
        var plan: [String: Any] {
            switch self {
            case .reply(let text): return ["reply": text]
            case .dbusError(let name, let message): return ["error": ["name": name, "message": message]]
            case .delayed(let delay, let answer):
                let seconds = Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18
                return answer.plan.merging(["delay": seconds]) { _, new in new }
            }
        }
    }

    /// An account as `getAccounts` lists it.
    public struct Account: Sendable, Hashable {
        /// The object id (`oid`).
        public var objectID: String
        /// The tenant id (`tid`, `realm`).
        public var tenantID: String
        /// The sign-in name.
        public var username: String
        /// The display name.
        public var name: String
        /// The cloud's host, such as `login.microsoftonline.com`.
        public var environment: String

        /// An account.
        public init(
            objectID: String, tenantID: String, username: String, name: String = "Test User",
            environment: String = "login.microsoftonline.com"
        ) {
            self.objectID = objectID
            self.tenantID = tenantID
            self.username = username
            self.name = name
            self.environment = environment
        }

        /// The account the fake lists and signs in by default.
        public static let `default` = Account(
            objectID: "00000000-0000-4000-8000-0000000000a1", tenantID: "00000000-0000-4000-8000-0000000000b2",
            username: "user@contoso.example"
        )

        /// `oid.tid`.
        public var homeAccountID: String { objectID + "." + tenantID }

        var json: [String: Any] {
            [
                "homeAccountId": homeAccountID, "localAccountId": objectID, "realm": tenantID, "username": username,
                "name": name, "environment": environment, "givenName": name, "passwordExpiry": 0,
            ]
        }

        /// `client_info` as Entra ID sends it: base64url JSON with `uid` and `utid`.
        var clientInfo: String {
            Base64URLText.encode(#"{"uid":"\#(objectID)","utid":"\#(tenantID)"}"#)
        }

        /// An unsigned id token with the account's claims.
        var idToken: String {
            let header = Base64URLText.encode(#"{"alg":"none","typ":"JWT"}"#)
            let claims = Base64URLText.encode(
                #"{"oid":"\#(objectID)","tid":"\#(tenantID)","preferred_username":"\#(username)","name":"\#(name)"}"#
            )
            return header + "." + claims + "."
        }
    }

    /// What every method answers until told otherwise: one account, a one-hour token, version 2.0.4, `{}`.
    static var defaultAnswers: [String: Answer] {
        let token = Answer.token(accessToken: "fake-broker-access-token", expiresOn: Date().addingTimeInterval(3600))
        return [
            "getAccounts": .accounts([.default]),
            "acquireTokenSilently": token,
            "acquireTokenInteractively": token,
            "getLinuxBrokerVersion": .reply(#"{"linuxBrokerVersion":"2.0.4"}"#),
        ]
    }
}

/// base64url without padding, for the fake's JWTs and `client_info`.
enum Base64URLText {
    static func encode(_ text: String) -> String {
        Data(text.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
