// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import IdentitySupport

/// The Linux identity broker's protocol above D-Bus: method names, the request JSON each method takes and the
/// constants every request carries.
///
/// Facts from public clients and servers of the same interface (siemens/sso-mib, siemens/linux-entra-sso,
/// abraunegg/onedrive, himmelblau-idm/identity_dbus_broker); see `docs/broker.md`.
package enum BrokerProtocol {
    /// The protocol version every call sends (what MSAL's own Linux runtime and the public clients send).
    package static let version = "0.0"
    /// The redirect URI the Linux broker requires. It is only a string the broker checks against the app
    /// registration; nothing ever connects to it.
    package static let redirectURI = "https://login.microsoftonline.com/common/oauth2/nativeclient"
    /// How long a call that does not wait on a person may take: the broker may have to be started by D-Bus
    /// activation first (version 1.x is a JVM that takes seconds to start).
    package static let callTimeout: Duration = .seconds(30)
    /// How long the `cancelInteractiveFlow` sent after a cancelled sign-in may take.
    package static let cancelTimeout: Duration = .seconds(5)
    /// The largest response accepted (a token response is a few kilobytes).
    package static let maximumResponseBytes = 1 << 20

    /// The methods this package calls.
    package enum Method {
        package static let getAccounts = "getAccounts"
        package static let acquireTokenSilently = "acquireTokenSilently"
        package static let acquireTokenInteractively = "acquireTokenInteractively"
        package static let cancelInteractiveFlow = "cancelInteractiveFlow"
    }

    /// MSAL runtime's authorization types (values from sso-mib): 1 is a cached refresh token (silent), 6 is
    /// interactive.
    package enum AuthorizationType {
        package static let silent = 1
        package static let interactive = 6
    }

    /// What a token request asks for.
    package struct TokenParameters: Sendable {
        /// The application (client) id.
        package var clientID: String
        /// The authority URL with its tenant, for example `https://login.microsoftonline.com/organizations`.
        package var authority: String
        /// The scopes to request.
        package var scopes: [String]
        /// A claims challenge (CAE), as JSON text.
        package var claims: String?
        /// The account to sign in (from `getAccounts`), if one is known.
        package var account: BrokerAccount?
        /// The account to preselect when none is known.
        package var loginHint: String?
        /// Whether to let personal Microsoft accounts through first-party passthrough.
        package var msaPassthrough: Bool

        package init(
            clientID: String, authority: String, scopes: [String], claims: String? = nil,
            account: BrokerAccount? = nil, loginHint: String? = nil, msaPassthrough: Bool = false
        ) {
            self.clientID = clientID
            self.authority = authority
            self.scopes = scopes
            self.claims = claims
            self.account = account
            self.loginHint = loginHint
            self.msaPassthrough = msaPassthrough
        }
    }

    /// The `getAccounts` request: `{clientId, redirectUri}`.
    package static func accountsRequest(clientID: String) -> String {
        encode(["clientId": clientID, "redirectUri": redirectURI])
    }

    /// An `acquireTokenSilently` (`authorizationType` 1) or `acquireTokenInteractively` (6) request:
    /// `{authParameters: {account, authority, authorizationType, clientId, redirectUri, requestedScopes, username,
    /// uxContextHandle: -1, …}}`. The account goes inside `authParameters`, where brokers after 2.0.1 look for it.
    package static func tokenRequest(_ parameters: TokenParameters, authorizationType: Int) -> String {
        var auth: [String: Any] = [
            "authority": parameters.authority,
            "authorizationType": authorizationType,
            "clientId": parameters.clientID,
            "redirectUri": redirectURI,
            "requestedScopes": parameters.scopes,
            "uxContextHandle": -1,
        ]
        if let account = parameters.account {
            auth["account"] = account.json.foundationValue
            auth["username"] = account.username
        } else if let hint = parameters.loginHint {
            auth["username"] = hint
        }
        if let claims = parameters.claims, !claims.isEmpty { auth["decodedClaims"] = claims }
        if parameters.msaPassthrough {
            auth["additionalQueryParametersForAuthorization"] = ["msal_request_type": "consumer_passthrough"]
        }
        return encode(["authParameters": auth])
    }

    /// The `cancelInteractiveFlow` request. No public client documents its body; the flow is named by the
    /// correlation id, which is the interactive call's.
    package static func cancelRequest() -> String { "{}" }

    private static func encode(_ object: [String: Any]) -> String {
        let data =
            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

/// An account the broker knows, as `getAccounts` lists it. The whole object is kept and sent back as it came (the
/// broker wants its own fields in `authParameters.account`); only identifiers are read here, and none is secret.
package struct BrokerAccount: Sendable, Hashable {
    /// `<object id>.<tenant id>`.
    package var homeAccountID: String
    /// The sign-in name; empty when the broker gave none.
    package var username: String
    /// The tenant the account is in (`realm`), when given.
    package var realm: String?
    /// The account object as the broker sent it.
    package var json: OutsideJSON

    /// The tenant: `realm`, else the part of ``homeAccountID`` after its dot.
    package var tenantID: String? {
        if let realm, !realm.isEmpty { return realm }
        let parts = homeAccountID.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[1].isEmpty ? String(parts[1]) : nil
    }

    /// An account object; `nil` unless it has a non-empty string `homeAccountId`.
    package init?(_ json: OutsideJSON) {
        guard case .object(let members) = json, let home = members["homeAccountId"]?.string, !home.isEmpty else {
            return nil
        }
        self.homeAccountID = home
        self.username = members["username"]?.string ?? ""
        self.realm = members["realm"]?.string
        self.json = json
    }
}

extension OutsideJSON {
    /// The value as `JSONSerialization` takes it (whole numbers as integers, so `-1` stays `-1`).
    package var foundationValue: Any {
        switch self {
        case .null: return NSNull()
        case .bool(let value): return value
        case .number(let value):
            if let whole = OutsideNumber.integer(value, as: Int64.self), Double(whole) == value { return whole }
            return value
        case .string(let value): return value
        case .array(let values): return values.map(\.foundationValue)
        case .object(let members): return members.mapValues(\.foundationValue)
        }
    }
}
