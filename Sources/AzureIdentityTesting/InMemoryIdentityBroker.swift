// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

public import AzureIdentity
public import Foundation
import Synchronization

/// An in-memory stand-in for the Linux identity broker (`com.microsoft.identity.broker1`), for testing what sits
/// above the D-Bus connection: the request JSON, the fallback order, error mapping and caching.
///
/// It is as strict as what public clients and servers of the broker's interface document, by the same rules as
/// the D-Bus ``FakeIdentityBroker`` (`BrokerRequestRules`, one definition both read): one of the eight methods
/// (another is `org.freedesktop.DBus.Error.UnknownMethod`), protocol version `"0.0"`, a UUID correlation id, request
/// JSON that is an object with the members each method takes (`clientId`, `redirectUri` = the nativeclient URI,
/// `authParameters` with an https `authority`, `authorizationType` 1 for silent and 6 for interactive, non-empty
/// `requestedScopes`, an `account` with a `homeAccountId` for silent calls, an integer `uxContextHandle`, …).
/// Anything else is `org.freedesktop.DBus.Error.InvalidArgs`, and every refusal is listed in ``violations``. A
/// silent request for an account the broker does not list is answered with a broker error. Every call is recorded
/// in ``calls``.
///
/// Each method answers as set with ``setReply(_:for:)``: success, a broker error, a D-Bus error, a slow reply, a
/// reply that waits until the caller cancels, malformed JSON, or (for `getAccounts`) no account.
///
/// It plugs into credentials through a seam this package keeps to itself (the broker connection is `package`
/// API, so its shape can still change). To test your own code against a broker, use ``FakeIdentityBroker``: it
/// speaks the real protocol on a private bus, and its `environment` (`DBUS_SESSION_BUS_ADDRESS`) goes into the
/// credential's options.
public final class InMemoryIdentityBroker: Sendable {
    /// An account the broker knows.
    public struct Account: Sendable, Hashable {
        /// The user's object id (`oid`).
        public var objectID: String
        /// The tenant the account is in (`realm`, `tid`).
        public var tenantID: String
        /// The sign-in name.
        public var username: String
        /// `<objectID>.<tenantID>`, as the broker lists it.
        public var homeAccountID: String { "\(objectID).\(tenantID)" }

        /// Creates an account (a fresh object id by default).
        public init(objectID: String = UUID().uuidString.lowercased(), tenantID: String, username: String) {
            self.objectID = objectID
            self.tenantID = tenantID
            self.username = username
        }
    }

    /// How a method answers.
    public enum Reply: Sendable, Hashable {
        /// The method's success: the accounts for `getAccounts`, a token for the token methods.
        case success
        /// A token response whose `expiresOn` disagrees with the access token's `exp` by this many seconds.
        case successWithDisagreeingExpiry(seconds: Int)
        /// `brokerTokenResponse.error {status, subStatus, context}` (a top-level `error` for `getAccounts`).
        case brokerError(status: Int, subStatus: Int, context: String)
        /// A D-Bus error reply of this name.
        case dbusError(String)
        /// The reply comes after this long; past the caller's timeout it is `timedOut` instead (as the D-Bus
        /// client reports).
        case slow(Duration)
        /// No reply until the caller cancels.
        case hang
        /// This text as the reply (malformed or hostile JSON).
        case raw(String)
        /// `getAccounts` lists no account.
        case noAccount
        /// The bus says no one owns the name and it cannot be started.
        case serviceUnknown
        /// No session bus.
        case noSessionBus
    }

    /// One call the broker received.
    public struct Call: Sendable {
        /// The method called.
        public var method: String
        /// The protocol version sent.
        public var protocolVersion: String
        /// The correlation id sent.
        public var correlationID: String
        /// The request JSON as sent.
        public var request: String
        /// The call's timeout; `nil` waits until cancelled.
        public var timeout: Duration?

        /// The request as a JSON object.
        public var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(request.utf8))) as? [String: Any] ?? [:]
        }

        /// `authParameters` of a token request.
        public var authParameters: [String: Any] { json["authParameters"] as? [String: Any] ?? [:] }
    }

    private struct State {
        var accounts: [Account]
        var replies: [String: Reply] = [:]
        var calls: [Call] = []
        var violations: [String] = []
        var interactiveAccount: Account?
        var presenceChecks = 0
        var presence: BrokerPresenceState = .running
    }

    /// What `presence()` reports.
    public enum BrokerPresenceState: Sendable, Hashable {
        case running, activatable, absent, noBus
    }

    private let state: Mutex<State>
    private let timeSource: any TimeSource
    /// The lifetime of issued tokens.
    public let tokenLifetime: TimeInterval = 3600
    /// Every access token issued, so tests can check none leaks.
    private let issued = Mutex<[String]>([])

    /// Creates a broker that knows `accounts` (the first is the default account).
    public init(accounts: [Account], timeSource: any TimeSource = SystemTimeSource()) {
        self.state = Mutex(State(accounts: accounts))
        self.timeSource = timeSource
    }

    /// Sets how `method` answers from now on.
    public func setReply(_ reply: Reply, for method: String) { state.withLock { $0.replies[method] = reply } }

    /// The account an interactive sign-in signs in (the first account by default).
    public func setInteractiveAccount(_ account: Account) { state.withLock { $0.interactiveAccount = account } }

    /// Sets what the dry run's presence check sees.
    public func setPresence(_ presence: BrokerPresenceState) { state.withLock { $0.presence = presence } }

    /// Every call, in order.
    public var calls: [Call] { state.withLock { $0.calls } }
    /// The calls to `method`.
    public func calls(to method: String) -> [Call] { calls.filter { $0.method == method } }
    /// Requests that broke the protocol, in words.
    public var violations: [String] { state.withLock { $0.violations } }
    /// How many times `presence()` was asked.
    public var presenceChecks: Int { state.withLock { $0.presenceChecks } }
    /// Every access token issued.
    public var issuedTokens: [String] { issued.withLock { $0 } }

}

extension InMemoryIdentityBroker: IdentityBrokerConnection {
    package func call(
        _ method: String, protocolVersion: String, correlationID: String, request: String, timeout: Duration?
    ) async throws(BrokerCallError) -> String {
        let call = Call(
            method: method, protocolVersion: protocolVersion, correlationID: correlationID, request: request,
            timeout: timeout)
        let (reply, accounts, interactiveAccount) = state.withLock { state in
            state.calls.append(call)
            return (state.replies[method] ?? .success, state.accounts, state.interactiveAccount)
        }
        if let violation = BrokerRequestRules.check(
            method: method, protocolVersion: protocolVersion, correlationID: correlationID, request: request)
        {
            state.withLock { $0.violations.append("\(method): \(violation.message)") }
            throw BrokerCallError(.errorReply(name: violation.errorName), violation.message)
        }
        switch reply {
        case .noSessionBus:
            throw BrokerCallError(.noSessionBus, "DBUS_SESSION_BUS_ADDRESS is not set")
        case .serviceUnknown:
            throw BrokerCallError(
                .serviceUnknown,
                "org.freedesktop.DBus.Error.ServiceUnknown: The name com.microsoft.identity.broker1 was not provided "
                    + "by any .service files")
        case .dbusError(let name):
            throw BrokerCallError(.errorReply(name: name), "the broker failed")
        case .slow(let delay):
            if let timeout, delay > timeout { throw BrokerCallError(.timedOut, "no reply within \(timeout)") }
            do { try await Task.sleep(for: delay) } catch { throw BrokerCallError(.cancelled, "cancelled") }
            return answer(method, call: call, reply: .success, accounts: accounts, interactive: interactiveAccount)
        case .hang:
            if let timeout { throw BrokerCallError(.timedOut, "no reply within \(timeout)") }
            do { try await Task.sleep(for: .seconds(3600)) } catch { throw BrokerCallError(.cancelled, "cancelled") }
            throw BrokerCallError(.timedOut, "no reply")
        default:
            return answer(method, call: call, reply: reply, accounts: accounts, interactive: interactiveAccount)
        }
    }

    package func presence() async -> BrokerPresence {
        let presence = state.withLock { state in
            state.presenceChecks += 1
            return state.presence
        }
        let bus = BrokerPresence.Bus.reachable(address: "unix:path=/run/user/1000/bus")
        switch presence {
        case .running: return BrokerPresence(bus: bus, broker: .running)
        case .activatable: return BrokerPresence(bus: bus, broker: .activatable)
        case .absent: return BrokerPresence(bus: bus, broker: .absent)
        case .noBus:
            return BrokerPresence(bus: .unreachable(reason: "DBUS_SESSION_BUS_ADDRESS is not set"), broker: .unknown)
        }
    }

    private func answer(
        _ method: String, call: Call, reply: Reply, accounts: [Account], interactive: Account?
    ) -> String {
        switch reply {
        case .raw(let text):
            return text
        case .brokerError(let status, let subStatus, let context):
            let error: [String: Any] = ["status": status, "subStatus": subStatus, "context": context]
            return Self.encode(method == "getAccounts" ? ["error": error] : ["brokerTokenResponse": ["error": error]])
        case .noAccount where method == "getAccounts":
            return Self.encode(["accounts": [Any]()])
        default:
            break
        }
        switch method {
        case "getAccounts":
            return Self.encode(["accounts": accounts.map(Self.json)])
        case "acquireTokenSilently":
            let home = (call.authParameters["account"] as? [String: Any])?["homeAccountId"] as? String
            guard let account = accounts.first(where: { $0.homeAccountID == home }) else {
                return Self.encode([
                    "brokerTokenResponse": ["error": ["status": 3, "subStatus": 0, "context": "account not found"]]
                ])
            }
            return token(for: account, call: call, reply: reply)
        case "acquireTokenInteractively":
            let home = (call.authParameters["account"] as? [String: Any])?["homeAccountId"] as? String
            let account = accounts.first { $0.homeAccountID == home } ?? interactive ?? accounts.first
            guard let account else {
                return Self.encode([
                    "brokerTokenResponse": ["error": ["status": 4, "subStatus": 0, "context": "user cancelled"]]
                ])
            }
            return token(for: account, call: call, reply: reply)
        case "getLinuxBrokerVersion":
            return Self.encode(["linuxBrokerVersion": "2.0.4"])
        default:
            return "{}"
        }
    }

    private func token(for account: Account, call: Call, reply: Reply) -> String {
        let now = timeSource.now()
        let exp = Int(now.timeIntervalSince1970 + tokenLifetime)
        var expiresOnSeconds = exp
        if case .successWithDisagreeingExpiry(let seconds) = reply { expiresOnSeconds += seconds }
        let scopes = call.authParameters["requestedScopes"] as? [String] ?? []
        let claims: [String: Any] = [
            "oid": account.objectID, "tid": account.tenantID, "upn": account.username,
            "preferred_username": account.username, "exp": exp, "iat": Int(now.timeIntervalSince1970),
            "scp": scopes.joined(separator: " "), "uti": UUID().uuidString,
        ]
        let accessToken = Self.unsignedJWT(claims)
        issued.withLock { $0.append(accessToken) }
        let idToken = Self.unsignedJWT([
            "oid": account.objectID, "tid": account.tenantID, "preferred_username": account.username,
        ])
        return Self.encode([
            "brokerTokenResponse": [
                "accessToken": accessToken, "accessTokenType": 0, "expiresOn": expiresOnSeconds * 1000,
                "extendedExpiresOn": expiresOnSeconds * 1000, "grantedScopes": scopes.joined(separator: " "),
                "idToken": idToken, "clientInfo": "", "account": Self.json(account),
            ]
        ])
    }

    private static func json(_ account: Account) -> [String: Any] {
        [
            "homeAccountId": account.homeAccountID, "localAccountId": account.objectID, "realm": account.tenantID,
            "username": account.username, "environment": "login.microsoftonline.com", "name": account.username,
        ]
    }

    private static func unsignedJWT(_ claims: [String: Any]) -> String {
        let header = encode(["alg": "RS256", "typ": "JWT", "kid": "in-memory-broker"])
        return Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(encode(claims).utf8)) + "."
            + Base64URL.encode(Array("in-memory-broker-signature".utf8))
    }

    private static func encode(_ object: [String: Any]) -> String {
        let data =
            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
