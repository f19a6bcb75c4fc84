// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation
import IdentitySupport
import Testing

/// Issue 13: both fakes of the Linux identity broker — ``InMemoryIdentityBroker`` (Swift, above the connection) and
/// ``FakeIdentityBroker`` (dbus-python on a private `dbus-daemon`, reached through the real D-Bus client) — are as
/// strict as the broker's documented protocol, by one definition (`BrokerRequestRules`). One table of calls the
/// broker refuses, and one of calls it takes, drives both: each refusal must come back as the same D-Bus error with
/// the same words, and be listed the same way in the fake's violations.
@Suite("Identity broker fakes: one table of refusals drives both")
struct BrokerStrictnessTests {
    enum Fake: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case inMemory, dbus
        var testDescription: String { rawValue }
    }

    /// The D-Bus fake only where it can run (scripts/test.sh and CI set AUTHPROFILE_REQUIRE_DBUS=1: there a missing
    /// dbus-daemon or python3-dbus fails the test instead).
    static var fakes: [Fake] { DBusRequirement.runs ? [.inMemory, .dbus] : [.inMemory] }

    static let uuid = "c0ffee00-0000-4000-8000-000000000001"
    static let native = "https://login.microsoftonline.com/common/oauth2/nativeclient"
    static let unknownMethod = "org.freedesktop.DBus.Error.UnknownMethod"
    static let invalidArgs = "org.freedesktop.DBus.Error.InvalidArgs"

    /// One call to the broker.
    struct Call: Sendable, CustomStringConvertible {
        var method: String
        var version = "0.0"
        var correlation = BrokerStrictnessTests.uuid
        var request: String
        var description: String { "\(method)(\(version), \(correlation), \(request))" }
    }

    /// A call and the refusal it gets.
    struct Refusal: Sendable {
        var call: Call
        var errorName: String
        var message: String
    }

    /// A JSON object from members given as JSON text, in order (so a test controls exactly what is sent).
    static func object(_ members: [(String, String)]) -> String {
        "{" + members.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }

    static let account = #"{"homeAccountId":"0a0a.1b1b","username":"alice@contoso.example","realm":"1b1b"}"#

    /// A valid token request's `authParameters` members, with `changes` applied (a `nil` value removes a member).
    static func token(_ type: Int, _ changes: [String: String?] = [:]) -> String {
        var members: [(String, String)] = [
            ("account", account), ("authority", #""https://login.microsoftonline.com/organizations""#),
            ("authorizationType", "\(type)"), ("clientId", #""app""#), ("redirectUri", "\"\(native)\""),
            ("requestedScopes", #"["https://management.azure.com/.default"]"#), ("username", #""alice""#),
            ("uxContextHandle", "-1"),
        ]
        for (name, value) in changes.sorted(by: { $0.key < $1.key }) {
            members.removeAll { $0.0 == name }
            if let value { members.append((name, value)) }
        }
        return object([("authParameters", object(members))])
    }

    static func silent(_ changes: [String: String?] = [:]) -> Call {
        Call(method: "acquireTokenSilently", request: token(1, changes))
    }

    static func interactive(_ changes: [String: String?] = [:]) -> Call {
        Call(method: "acquireTokenInteractively", request: token(6, changes))
    }

    static let accounts = object([("clientId", #""app""#), ("redirectUri", "\"\(native)\"")])

    static func refused(_ call: Call, _ message: String, _ name: String = invalidArgs) -> Refusal {
        Refusal(call: call, errorName: name, message: message)
    }

    /// Calls the real broker refuses, and how.
    static let refusals: [Refusal] = {
        let auth = "request.authParameters"
        let scopes = "\(auth).requestedScopes is not a non-empty array of non-empty strings"
        return [
            refused(
                Call(method: "acquireToken", request: "{}"),
                "no method acquireToken in com.microsoft.identity.Broker1", unknownMethod),
            refused(
                Call(method: "getAccounts", version: "1.0", request: accounts), #"the protocol version is not "0.0""#),
            refused(Call(method: "getAccounts", version: "", request: accounts), #"the protocol version is not "0.0""#),
            refused(
                Call(method: "getAccounts", correlation: "not-a-uuid", request: accounts),
                "the correlation id is not a UUID"),
            refused(
                Call(method: "getAccounts", correlation: "{\(uuid)}", request: accounts),
                "the correlation id is not a UUID"),
            refused(
                Call(
                    method: "getAccounts", correlation: uuid.replacingOccurrences(of: "-", with: ""), request: accounts),
                "the correlation id is not a UUID"),
            refused(
                Call(method: "getAccounts", correlation: uuid + "\n", request: accounts),
                "the correlation id is not a UUID"),
            refused(
                Call(method: "getAccounts", correlation: String(uuid.dropLast()) + "\u{FF11}", request: accounts),
                "the correlation id is not a UUID"),
            refused(Call(method: "getAccounts", request: "clientId=app"), "request is not JSON"),
            refused(Call(method: "getAccounts", request: #"{"clientId": NaN}"#), "request is not JSON"),
            refused(Call(method: "getAccounts", request: "[]"), "request is not a JSON object"),
            refused(
                Call(method: "getAccounts", request: object([("redirectUri", "\"\(native)\"")])),
                "request.clientId is missing"),
            refused(
                Call(method: "getAccounts", request: object([("clientId", #""""#), ("redirectUri", "\"\(native)\"")])),
                "request.clientId is not a non-empty string"),
            refused(
                Call(method: "getAccounts", request: object([("clientId", "42"), ("redirectUri", "\"\(native)\"")])),
                "request.clientId is not a non-empty string"),
            refused(
                Call(method: "getAccounts", request: object([("clientId", #""app""#)])),
                "request.redirectUri is missing"),
            refused(
                Call(
                    method: "getAccounts",
                    request: object([("clientId", #""app""#), ("redirectUri", #""http://localhost""#)])),
                "request.redirectUri is not the nativeclient redirect URI"),
            refused(
                Call(method: "acquireTokenSilently", request: object([("clientId", #""app""#)])),
                "request.authParameters is missing"),
            refused(
                Call(method: "acquireTokenSilently", request: object([("authParameters", "[]")])),
                "request.authParameters is not a JSON object"),
            refused(silent(["account": nil]), "\(auth).account is missing"),
            refused(silent(["account": "null"]), "\(auth).account is not an account object"),
            refused(silent(["account": "{}"]), "\(auth).account.homeAccountId is missing"),
            refused(
                silent(["account": #"{"homeAccountId": 7}"#]), "\(auth).account.homeAccountId is not a non-empty string"
            ),
            refused(
                silent(["account": #"{"homeAccountId": "a.b", "username": 5}"#]),
                "\(auth).account.username is not a string"),
            refused(
                silent(["authority": #""http://login.microsoftonline.com/common""#]),
                "\(auth).authority is not an https URL"),
            refused(silent(["authority": #""https://""#]), "\(auth).authority is not an https URL"),
            refused(silent(["authority": #""https://login.example/a b""#]), "\(auth).authority is not an https URL"),
            refused(silent(["authority": #""https://héllo.example/common""#]), "\(auth).authority is not an https URL"),
            refused(silent(["authorizationType": "6"]), "\(auth).authorizationType is not 1 (silent)"),
            refused(silent(["authorizationType": "true"]), "\(auth).authorizationType is not 1 (silent)"),
            refused(silent(["authorizationType": #""1""#]), "\(auth).authorizationType is not 1 (silent)"),
            refused(silent(["authorizationType": "1.5"]), "\(auth).authorizationType is not 1 (silent)"),
            refused(silent(["authorizationType": nil]), "\(auth).authorizationType is missing"),
            refused(silent(["clientId": nil]), "\(auth).clientId is missing"),
            refused(
                silent(["redirectUri": #""https://login.microsoftonline.com/common/oauth2/nativeclient/""#]),
                "\(auth).redirectUri is not the nativeclient redirect URI"),
            refused(silent(["requestedScopes": "[]"]), scopes),
            refused(silent(["requestedScopes": #""https://management.azure.com/.default""#]), scopes),
            refused(silent(["requestedScopes": #"["s", ""]"#]), scopes),
            refused(silent(["requestedScopes": #"["s", 1]"#]), scopes),
            refused(silent(["username": "false"]), "\(auth).username is not a string"),
            refused(silent(["uxContextHandle": #""-1""#]), "\(auth).uxContextHandle is not an integer"),
            refused(silent(["uxContextHandle": "1e400"]), "request is not JSON"),
            refused(interactive(["authorizationType": "1"]), "\(auth).authorizationType is not 6 (interactive)"),
            refused(interactive(["account": #"{"username": "alice"}"#]), "\(auth).account.homeAccountId is missing"),
            refused(
                interactive(["additionalQueryParametersForAuthorization": #""msal_request_type=consumer_passthrough""#]
                ),
                "\(auth).additionalQueryParametersForAuthorization is not a JSON object"),
            refused(interactive(["prompt": "1"]), "\(auth).prompt is not a string"),
            refused(Call(method: "cancelInteractiveFlow", request: "null"), "request is not a JSON object"),
            refused(Call(method: "getLinuxBrokerVersion", request: "[]"), "request is not a JSON object"),
            refused(
                Call(method: "removeAccount", request: object([("clientId", #""app""#)])), "request.account is missing"),
            refused(
                Call(method: "generateSignedHttpRequest", request: object([("clientId", #""app""#)])),
                "request.popParams is missing"),
            refused(
                Call(method: "acquirePrtSsoCookie", request: object([("account", account)])),
                "request.authParameters is missing"),
        ]
    }()

    /// Calls the real broker takes: the fakes are strict, not closed.
    static let accepted: [Call] = [
        Call(method: "getAccounts", request: accounts),
        Call(method: "getAccounts", correlation: uuid.uppercased(), request: accounts),
        silent(),
        // Numbers by value (1.0 is 1); members not named are allowed (MSAL sends many).
        silent(["authorizationType": "1.0", "popParams": "null", "requestOptions": "[205]", "decodedClaims": #""""#]),
        silent(["authority": #""https://login.microsoftonline.com:443/11111111-2222-3333-4444-555555555555""#]),
        interactive(["account": nil, "username": nil, "prompt": #""select_account""#]),
        interactive(["additionalQueryParametersForAuthorization": #"{"msal_request_type":"consumer_passthrough"}"#]),
        Call(method: "cancelInteractiveFlow", request: "{}"),
        Call(method: "getLinuxBrokerVersion", request: #"{"msalCppVersion":"1.1.0"}"#),
        Call(method: "removeAccount", request: object([("clientId", #""app""#), ("account", account)])),
    ]

    /// A fake as the table sees it: make a call, read the violations.
    struct Target: Sendable {
        var call: @Sendable (Call) async -> BrokerCallError?
        var violations: @Sendable () throws -> [String]
    }

    func withTarget(_ fake: Fake, _ body: (Target) async throws -> Void) async throws {
        switch fake {
        case .inMemory:
            let broker = InMemoryIdentityBroker(
                accounts: [InMemoryIdentityBroker.Account(objectID: "0a0a", tenantID: "1b1b", username: "alice")])
            try await body(Target(call: { await Self.error(broker, $0) }, violations: { broker.violations }))
        case .dbus:
            try #require(
                FakeIdentityBroker.unavailableReason == nil,
                "AUTHPROFILE_REQUIRE_DBUS=1 but \(FakeIdentityBroker.unavailableReason ?? "")")
            try await FakeIdentityBroker.run(.running) { fake in
                let connection = DBusBrokerConnection(environment: fake.environment, connectTimeout: .seconds(30))
                try await body(
                    Target(call: { await Self.error(connection, $0) }, violations: { try fake.violations() }))
            }
        }
    }

    static func error(_ connection: some IdentityBrokerConnection, _ call: Call) async -> BrokerCallError? {
        do throws(BrokerCallError) {
            _ = try await connection.call(
                call.method, protocolVersion: call.version, correlationID: call.correlation, request: call.request,
                timeout: .seconds(30))
            return nil
        } catch {
            return error
        }
    }

    @Test("every call the broker refuses is refused, with its D-Bus error and the broken rule", arguments: fakes)
    func refusesWhatTheBrokerRefuses(_ fake: Fake) async throws {
        try await withTarget(fake) { target in
            for refusal in Self.refusals {
                let error = await target.call(refusal.call)
                #expect(error?.code == .errorReply(name: refusal.errorName), "\(refusal.call)")
                #expect(
                    error?.message.hasSuffix(refusal.message) == true, "\(refusal.call): \(String(describing: error))")
            }
            let violations = try target.violations()
            #expect(violations == Self.refusals.map { "\($0.call.method): \($0.message)" })
        }
    }

    @Test("what the broker takes is taken: the fakes are strict, not closed", arguments: fakes)
    func takesWhatTheBrokerTakes(_ fake: Fake) async throws {
        try await withTarget(fake) { target in
            for call in Self.accepted {
                let error = await target.call(call)
                #expect(error == nil, "\(call): \(String(describing: error))")
            }
            let violations = try target.violations()
            #expect(violations == [])
        }
    }

    @Test("the rules are one definition: every method of the broker, nothing else")
    func oneDefinition() throws {
        #expect(BrokerRequestRules.methods == FakeIdentityBroker.methods.sorted())
        #expect(BrokerRequestRules.unknownMethodError == Self.unknownMethod)
        #expect(BrokerRequestRules.invalidArgsError == Self.invalidArgs)
        #expect(FakeIdentityBroker.script.contains(BrokerRequestRules.json))
        #expect(!FakeIdentityBroker.script.contains("@BROKER_REQUEST_RULES@"))
        // What the package's own client sends passes (the table's requests are its shape, by hand).
        let account = try #require(BrokerAccount(.object(["homeAccountId": .string("0a0a.1b1b")])))
        let parameters = BrokerProtocol.TokenParameters(
            clientID: "app", authority: "https://login.microsoftonline.com/organizations",
            scopes: ["https://management.azure.com/.default"], claims: #"{"access_token":{}}"#, account: account,
            msaPassthrough: true)
        for (method, request) in [
            ("getAccounts", BrokerProtocol.accountsRequest(clientID: "app")),
            ("acquireTokenSilently", BrokerProtocol.tokenRequest(parameters, authorizationType: 1)),
            ("acquireTokenInteractively", BrokerProtocol.tokenRequest(parameters, authorizationType: 6)),
            ("cancelInteractiveFlow", BrokerProtocol.cancelRequest()),
        ] {
            let violation = BrokerRequestRules.check(
                method: method, protocolVersion: BrokerProtocol.version, correlationID: UUID().uuidString,
                request: request)
            #expect(violation == nil, "\(method): \(String(describing: violation))")
        }
        #expect(
            BrokerRequestRules.check(
                method: "getAccounts", signature: "ss", protocolVersion: "0.0", correlationID: Self.uuid,
                request: Self.accounts)?.message == "the arguments' signature is 'ss', not 'sss'")
    }
}

/// What only the D-Bus fake can be sent: arguments other than three strings, another interface.
@Suite(.enabled(if: DBusRequirement.runs, "needs dbus-daemon and python3-dbus (AUTHPROFILE_REQUIRE_DBUS=1: a failure)"))
struct FakeIdentityBrokerSignatureTests {
    /// A call made with the D-Bus client directly, and the error it gets.
    struct RawCall {
        var interface: String
        var member: String
        var arguments: [DBusValue]
        var errorName: String
        var message: String

        /// `end` ends the message "the arguments' signature is …", unless it is a whole
        /// message of its own (another interface).
        init(_ interface: String, _ member: String, _ arguments: [DBusValue], _ errorName: String, _ end: String) {
            self.interface = interface
            self.member = member
            self.arguments = arguments
            self.errorName = errorName
            self.message = end.hasPrefix("no method") ? end : "the arguments' signature is " + end
        }
    }

    @Test("arguments other than three strings are InvalidArgs; another interface (introspection) is UnknownMethod")
    func wrongSignatureAndInterface() async throws {
        try #require(FakeIdentityBroker.unavailableReason == nil, "\(FakeIdentityBroker.unavailableReason ?? "")")
        try await FakeIdentityBroker.run(.running) { fake in
            let client = DBusClient(
                addresses: try DBusAddress.sessionBus(in: EnvironmentVariables(fake.environment)),
                connectTimeout: .seconds(30))
            let uuid = BrokerStrictnessTests.uuid
            let accounts = BrokerStrictnessTests.accounts
            let broker = DBusBrokerConnection.interface
            let invalid = BrokerStrictnessTests.invalidArgs
            let calls: [RawCall] = [
                RawCall(broker, "getAccounts", [.string("0.0"), .string(uuid)], invalid, "'ss', not 'sss'"),
                RawCall(
                    broker, "getAccounts", [.string("0.0"), .string(uuid), .string(accounts), .string("")], invalid,
                    "'ssss', not 'sss'"),
                RawCall(
                    broker, "getAccounts", [.string("0.0"), .string(uuid), .int32(1)], invalid, "'ssi', not 'sss'"),
                RawCall(broker, "getAccounts", [], invalid, "'', not 'sss'"),
                RawCall(
                    "org.freedesktop.DBus.Introspectable", "Introspect", [], BrokerStrictnessTests.unknownMethod,
                    "no method Introspect in org.freedesktop.DBus.Introspectable"),
            ]
            let replies = try await client.withConnection(callTimeout: .seconds(30)) { _, send throws(DBusError) in
                var replies: [DBusMessage] = []
                for call in calls {
                    replies.append(
                        try send(
                            DBusClient.Call(
                                destination: DBusBrokerConnection.busName, path: DBusBrokerConnection.objectPath,
                                interface: call.interface, member: call.member, arguments: call.arguments)))
                }
                return replies
            }
            for (reply, call) in zip(replies, calls) {
                #expect(reply.kind == .error, "\(call.member)")
                #expect(reply.errorName == call.errorName, "\(call.member)")
                #expect(reply.body == [.string(call.message)], "\(call.member)")
            }
            let violations = try fake.violations()
            #expect(violations == calls.map { "\($0.member): \($0.message)" })
            // A refused call is refused whatever answer was scripted, and the fake still works afterwards.
            try fake.setAnswer(.reply(#"{"accounts":[]}"#), for: "getAccounts")
            let connection = DBusBrokerConnection(environment: fake.environment, connectTimeout: .seconds(30))
            let answer = try await connection.call(
                "getAccounts", protocolVersion: "0.0", correlationID: uuid, request: accounts, timeout: .seconds(30))
            #expect(answer == #"{"accounts":[]}"#)
        }
    }
}
