// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentityTesting
import Foundation
import InMemoryLogging
import Logging
import Testing

@testable import AzureIdentity

/// Brokered sign-in above the D-Bus connection, against the in-memory broker (issue 13 items 2–4).
@Suite("Identity broker: InteractiveBrowserCredential, DefaultAzureCredential's member, VisualStudioCodeCredential")
struct BrokerCredentialTests {
    static let tenant = "11111111-2222-3333-4444-555555555555"
    static let app = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
    static let alice = InMemoryIdentityBroker.Account(
        objectID: "0a0a0a0a-0000-0000-0000-00000000000a", tenantID: tenant, username: "alice@contoso.example")
    static let bob = InMemoryIdentityBroker.Account(
        objectID: "0b0b0b0b-0000-0000-0000-00000000000b", tenantID: tenant, username: "bob@contoso.example")

    struct Harness {
        let broker: InMemoryIdentityBroker
        let time = SteppingTimeSource()
        let transport: NeverAnsweringTransport

        init(accounts: [InMemoryIdentityBroker.Account] = [BrokerCredentialTests.alice, BrokerCredentialTests.bob]) {
            broker = InMemoryIdentityBroker(accounts: accounts, timeSource: time)
            transport = NeverAnsweringTransport(timeSource: time)
        }

        func options(environment: [String: String] = [:]) -> CredentialOptions {
            var options = CredentialOptions(transport: transport, timeSource: time, environment: environment)
            options.brokerConnection = broker
            return options
        }

        func browser(
            _ broker: BrokerOptions = BrokerOptions(enabled: true, useDefaultBrokerAccount: true),
            disableAutomaticAuthentication: Bool = false, loginHint: String? = nil
        ) throws -> InteractiveBrowserCredential {
            try InteractiveBrowserCredential(
                tenantID: BrokerCredentialTests.tenant, clientID: BrokerCredentialTests.app, loginHint: loginHint,
                disableAutomaticAuthentication: disableAutomaticAuthentication, brokerOptions: broker,
                options: options())
        }
    }

    @Test("useDefaultBrokerAccount: getAccounts → the first account → acquireTokenSilently, as the protocol says")
    func silentDefaultAccount() async throws {
        let harness = Harness()
        let credential = try harness.browser()
        let token = try await credential.getToken(scopes: managementScope)

        let calls = harness.broker.calls
        #expect(calls.map(\.method) == ["getAccounts", "acquireTokenSilently"])
        #expect(harness.broker.violations.isEmpty)
        #expect(calls.allSatisfy { $0.protocolVersion == "0.0" })
        #expect(Set(calls.map(\.correlationID)).count == calls.count)
        #expect(calls[0].json["clientId"] as? String == Self.app)
        #expect(calls[0].json["redirectUri"] as? String == BrokerProtocol.redirectURI)
        let auth = calls[1].authParameters
        #expect(auth["authorizationType"] as? Int == 1)
        #expect(auth["clientId"] as? String == Self.app)
        #expect(auth["redirectUri"] as? String == "https://login.microsoftonline.com/common/oauth2/nativeclient")
        #expect(auth["authority"] as? String == "https://login.microsoftonline.com/\(Self.tenant)")
        #expect(auth["requestedScopes"] as? [String] == managementScope)
        #expect(auth["uxContextHandle"] as? Int == -1)
        #expect((auth["account"] as? [String: Any])?["homeAccountId"] as? String == Self.alice.homeAccountID)
        #expect(auth["username"] as? String == Self.alice.username)
        #expect(calls[1].timeout == BrokerProtocol.callTimeout)

        #expect(harness.broker.issuedTokens == [token.token.revealedValue()])
        #expect(credential.authenticationRecord?.homeAccountID == Self.alice.homeAccountID)
        #expect(credential.authenticationRecord?.username == Self.alice.username)
        #expect(harness.transport.requestCount == 0)
    }

    @Test("tokens go through the cache: a second call sends nothing; another scope is silent for the same account")
    func cached() async throws {
        let harness = Harness()
        let credential = try harness.browser(BrokerOptions(enabled: true))
        let first = try await credential.getToken(scopes: managementScope)
        #expect(harness.broker.calls.map(\.method) == ["acquireTokenInteractively"])
        let again = try await credential.getToken(scopes: managementScope)
        #expect(again.token == first.token)
        #expect(harness.broker.calls.count == 1)

        _ = try await credential.getToken(scopes: ["https://vault.azure.net/.default"])
        #expect(
            harness.broker.calls.map(\.method) == ["acquireTokenInteractively", "getAccounts", "acquireTokenSilently"])
        let account = harness.broker.calls[2].authParameters["account"] as? [String: Any]
        #expect(account?["homeAccountId"] as? String == Self.alice.homeAccountID)
    }

    @Test("concurrent callers share one broker sign-in (the cache's single flight)")
    func singleFlight() async throws {
        let harness = Harness()
        harness.broker.setReply(.slow(.milliseconds(50)), for: "acquireTokenSilently")
        let credential = try harness.browser()
        let tokens = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<20 {
                group.addTask { try await credential.getToken(scopes: managementScope).token.revealedValue() }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(tokens.count == 1)
        #expect(harness.broker.calls(to: "acquireTokenSilently").count == 1)
    }

    @Test("a silent failure (broker error, D-Bus error, no account) falls back to an interactive sign-in")
    func silentFailureFallsBack() async throws {
        let replies: [(String, InMemoryIdentityBroker.Reply)] = [
            ("acquireTokenSilently", .brokerError(status: 6, subStatus: 0, context: "interaction required")),
            ("acquireTokenSilently", .dbusError("org.freedesktop.DBus.Error.Failed")),
            ("getAccounts", .noAccount),
        ]
        for (method, reply) in replies {
            let harness = Harness()
            harness.broker.setReply(reply, for: method)
            harness.broker.setInteractiveAccount(Self.bob)
            let credential = try harness.browser()
            let token = try await credential.getToken(scopes: managementScope)
            let interactive = try #require(harness.broker.calls(to: "acquireTokenInteractively").first)
            #expect(interactive.authParameters["authorizationType"] as? Int == 6)
            #expect(interactive.timeout == nil)
            #expect(harness.broker.violations.isEmpty)
            #expect(harness.broker.issuedTokens.last == token.token.revealedValue())
        }
    }

    @Test("disableAutomaticAuthentication: a failed silent sign-in is authenticationRequired, never a prompt")
    func noAutomaticInteraction() async throws {
        let harness = Harness()
        harness.broker.setReply(.noAccount, for: "getAccounts")
        let credential = try harness.browser(disableAutomaticAuthentication: true)
        let error = try #require(await caught { try await credential.getToken(scopes: managementScope) })
        #expect((error as? AzureIdentityError)?.code == .authenticationRequired)
        #expect("\(error)".contains("no signed-in account"))
        #expect(harness.broker.calls(to: "acquireTokenInteractively").isEmpty)
    }

    @Test("cancelling an interactive sign-in sends cancelInteractiveFlow with its correlation id")
    func interactiveCancelled() async throws {
        let harness = Harness()
        harness.broker.setReply(.hang, for: "acquireTokenInteractively")
        let credential = try harness.browser(BrokerOptions(enabled: true))
        let task = Task { try await credential.getToken(scopes: managementScope) }
        for _ in 0..<2000 where harness.broker.calls(to: "acquireTokenInteractively").isEmpty {
            try await Task.sleep(for: .milliseconds(5))
        }
        task.cancel()
        let error = await caught { try await task.value }
        #expect(error is CancellationError)
        // The token cache cancels the sign-in once its last waiter has gone, which may be just after.
        try await Self.waitForCancel(harness.broker)
        let interactive = try #require(harness.broker.calls(to: "acquireTokenInteractively").first)
        let cancel = try #require(harness.broker.calls(to: "cancelInteractiveFlow").first)
        #expect(cancel.correlationID == interactive.correlationID)
        #expect(cancel.timeout == BrokerProtocol.cancelTimeout)
        #expect(harness.broker.violations.isEmpty)
    }

    /// Waits (bounded) until the broker received `cancelInteractiveFlow`.
    static func waitForCancel(_ broker: InMemoryIdentityBroker) async throws {
        for _ in 0..<2000 where broker.calls(to: "cancelInteractiveFlow").isEmpty {
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    @Test("a chain's link timeout ends an interactive broker sign-in and cancels it")
    func linkTimeoutCancels() async throws {
        let harness = Harness()
        harness.broker.setReply(.hang, for: "acquireTokenInteractively")
        let credential = try harness.browser(BrokerOptions(enabled: true))
        let clock = SystemTimeSource()
        let limit = ChainDeadline(instant: clock.instant() + .milliseconds(300), bound: "its timeout of 300ms")
        let result = try await ChainEngine.run(
            credential, for: TokenRequest(scopes: managementScope), limit: limit, timeSource: clock)
        #expect(result.outcome == .unavailable)
        #expect(harness.broker.calls(to: "acquireTokenInteractively").count == 1)
        try await Self.waitForCancel(harness.broker)
        #expect(harness.broker.calls(to: "cancelInteractiveFlow").count == 1)
    }

    @Test("a broker error is authenticationFailed with status, subStatus and context; a D-Bus error with its name")
    func brokerErrors() async throws {
        let harness = Harness()
        harness.broker.setReply(
            .brokerError(status: 7, subStatus: 6000, context: "AADSTS50076\u{1B}[31m MFA"),
            for: "acquireTokenInteractively")
        let credential = try harness.browser(BrokerOptions(enabled: true))
        let error = try #require(await caught { try await credential.getToken(scopes: managementScope) })
        let identity = try #require(error as? AzureIdentityError)
        #expect(identity.code == .authenticationFailed)
        #expect(identity.message.contains("status 7, subStatus 6000, context 'AADSTS50076\\u{1B}[31m MFA'"))
        #expect(!"\(identity)".contains("\u{1B}"))

        let other = Harness()
        other.broker.setReply(.dbusError("org.freedesktop.DBus.Error.AccessDenied"), for: "acquireTokenInteractively")
        let second = try other.browser(BrokerOptions(enabled: true))
        let dbus = try #require(
            await caught { try await second.getToken(scopes: managementScope) } as? AzureIdentityError)
        #expect(dbus.code == .authenticationFailed)
        #expect(dbus.message.contains("org.freedesktop.DBus.Error.AccessDenied"))
    }

    @Test("no session bus, or a name neither owned nor activatable (ServiceUnknown): unavailable, nothing falls back")
    func noBroker() async throws {
        for reply in [InMemoryIdentityBroker.Reply.noSessionBus, .serviceUnknown] {
            let harness = Harness()
            for method in ["getAccounts", "acquireTokenSilently", "acquireTokenInteractively"] {
                harness.broker.setReply(reply, for: method)
            }
            let credential = try harness.browser()
            let error = try #require(await caught { try await credential.getToken(scopes: managementScope) })
            #expect((error as? AzureIdentityError)?.code == .credentialUnavailable)
            #expect(harness.broker.calls.map(\.method) == ["getAccounts"])
            let interactive = try harness.browser(BrokerOptions(enabled: true))
            let second = try #require(await caught { try await interactive.getToken(scopes: managementScope) })
            #expect((second as? AzureIdentityError)?.code == .credentialUnavailable)
        }
    }

    @Test("the stand-in connection (no D-Bus client in this build) is unavailable and says why")
    func standInConnection() async throws {
        let credential = try InteractiveBrowserCredential(
            tenantID: Self.tenant, clientID: Self.app, brokerOptions: BrokerOptions(enabled: true),
            options: CredentialOptions(
                transport: NeverAnsweringTransport(timeSource: SteppingTimeSource()), environment: [:]))
        let error = try #require(await caught { try await credential.getToken(scopes: managementScope) })
        #expect((error as? AzureIdentityError)?.code == .credentialUnavailable)
    }

    @Test("a reply that does not come within the call's timeout is a clear failure")
    func replyTimeout() async throws {
        let harness = Harness()
        harness.broker.setReply(.slow(.seconds(120)), for: "getAccounts")
        let credential = try harness.browser()
        let error = try #require(await caught { try await credential.getToken(scopes: managementScope) })
        #expect((error as? AzureIdentityError)?.code == .authenticationFailed)
        #expect("\(error)".contains("did not answer getAccounts in time"))
        #expect(harness.broker.calls(to: "acquireTokenInteractively").isEmpty)
    }

    @Test("the access token's exp wins over a disagreeing expiresOn; an opaque token's expiry is expiresOn in ms")
    func expiry() async throws {
        let harness = Harness()
        harness.broker.setReply(.successWithDisagreeingExpiry(seconds: 7200), for: "acquireTokenSilently")
        let token = try await harness.browser().getToken(scopes: managementScope)
        let now = harness.time.now()
        #expect(abs(token.expiresOn.timeIntervalSince(now) - 3600) < 2)

        let opaque = Harness()
        let expiresOn = Int(opaque.time.now().timeIntervalSince1970) * 1000 + 1_800_000
        opaque.broker.setReply(
            .raw(
                #"{"brokerTokenResponse":{"accessToken":"opaque-token","accessTokenType":0,"expiresOn":\#(expiresOn)}}"#
            ),
            for: "acquireTokenSilently")
        let second = try await opaque.browser().getToken(scopes: managementScope)
        #expect(second.expiresOn == Date(timeIntervalSince1970: Double(expiresOn) / 1000))
    }

    @Test("hostile replies are typed errors that never quote the reply or a token")
    func hostileReplies() async throws {
        let planted = "PLANTED-SECRET-TOKEN-1234"
        let now = Int(Date(timeIntervalSince1970: 1_800_000_000).timeIntervalSince1970) * 1000
        let cases: [(String, String)] = [
            ("not JSON", "\(planted) <html>"),
            ("an array", "[\"\(planted)\"]"),
            ("no brokerTokenResponse", #"{"accessToken":"\#(planted)"}"#),
            ("accessToken a number", #"{"brokerTokenResponse":{"accessToken":12,"expiresOn":\#(now + 10)}}"#),
            ("expiresOn a word", #"{"brokerTokenResponse":{"accessToken":"\#(planted)","expiresOn":"soon"}}"#),
            ("expired", #"{"brokerTokenResponse":{"accessToken":"\#(planted)","expiresOn":\#(now - 1000)}}"#),
            ("no expiry", #"{"brokerTokenResponse":{"accessToken":"\#(planted)"}}"#),
            ("years away", #"{"brokerTokenResponse":{"accessToken":"\#(planted)","expiresOn":1e300}}"#),
            (
                "PoP",
                #"{"brokerTokenResponse":{"accessToken":"\#(planted)","accessTokenType":1,"expiresOn":\#(now + 9000000)}}"#
            ),
            (
                "type true",
                #"{"brokerTokenResponse":{"accessToken":"\#(planted)","accessTokenType":true,"expiresOn":\#(now + 9000000)}}"#
            ),
            ("whitespace", #"{"brokerTokenResponse":{"accessToken":"\#(planted) x","expiresOn":\#(now + 9000000)}}"#),
            ("deep", String(repeating: "[", count: 100_000)),
            ("huge", #"{"brokerTokenResponse":{"accessToken":""# + String(repeating: "A", count: 1 << 20) + #""}}"#),
        ]
        for (name, text) in cases {
            let harness = Harness()
            harness.broker.setReply(.raw(text), for: "acquireTokenInteractively")
            let credential = try harness.browser(BrokerOptions(enabled: true))
            let error = try #require(
                await caught { try await credential.getToken(scopes: managementScope) }, "\(name)")
            let identity = try #require(error as? AzureIdentityError, "\(name)")
            #expect(identity.code == .invalidResponse, "\(name): \(identity)")
            #expect(!"\(identity)".contains(planted), "\(name)")
            #expect(!String(reflecting: identity).contains(planted), "\(name)")
        }
        let accounts: [String] = [
            #"{"accounts":{}}"#, #"{"accounts":[{"username":"x"}]}"#, #"{"accounts":[{"homeAccountId":7}]}"#, "null",
        ]
        for text in accounts {
            let harness = Harness()
            harness.broker.setReply(.raw(text), for: "getAccounts")
            let error = try #require(await caught { try await harness.browser().getToken(scopes: managementScope) })
            #expect((error as? AzureIdentityError)?.code == .invalidResponse, "\(text)")
        }
    }

    @Test("issued tokens never reach the log, an error or a description")
    func plantedSecrets() async throws {
        var handler = InMemoryLogHandler()
        handler.logLevel = .trace
        let harness = Harness()
        harness.broker.setReply(.brokerError(status: 1, subStatus: 2, context: "refused"), for: "acquireTokenSilently")
        var options = harness.options()
        options.logger = Logger(label: "broker", factory: { _ in handler })
        let credential = try InteractiveBrowserCredential(
            tenantID: Self.tenant, clientID: Self.app,
            brokerOptions: BrokerOptions(enabled: true, useDefaultBrokerAccount: true), options: options)
        let token = try await credential.getToken(scopes: managementScope)
        let secret = token.token.revealedValue()
        #expect(!"\(token)".contains(secret))
        #expect(!String(reflecting: credential).contains(secret))
        harness.broker.setReply(.dbusError("org.freedesktop.DBus.Error.Failed"), for: "acquireTokenInteractively")
        _ = await caught { try await credential.getToken(scopes: ["https://vault.azure.net/.default"]) }
        let logged = handler.entries.map { "\($0.message) \($0.metadata)" }.joined(separator: "\n")
        #expect(!logged.contains(secret))
        #expect(logged.contains("silent broker sign-in failed"))
    }

    @Test("legacyEnableMSAPassthrough asks the broker for consumer passthrough; loginHint becomes the username")
    func passthroughAndHint() async throws {
        let harness = Harness()
        let credential = try harness.browser(
            BrokerOptions(enabled: true, legacyEnableMSAPassthrough: true), loginHint: "carol@contoso.example")
        _ = try await credential.getToken(scopes: managementScope)
        let auth = try #require(harness.broker.calls(to: "acquireTokenInteractively").first).authParameters
        let extra = auth["additionalQueryParametersForAuthorization"] as? [String: Any]
        #expect(extra?["msal_request_type"] as? String == "consumer_passthrough")
        #expect(auth["username"] as? String == "carol@contoso.example")
        #expect(auth["account"] == nil)
    }

    @Test("authenticate(scopes:) signs in interactively through the broker and returns the account")
    func authenticate() async throws {
        let harness = Harness()
        harness.broker.setInteractiveAccount(Self.bob)
        let credential = try harness.browser()
        let record = try await credential.authenticate(scopes: managementScope)
        #expect(record.homeAccountID == Self.bob.homeAccountID)
        #expect(record.clientID == Self.app)
        #expect(record.tenantID == Self.tenant)
        #expect(harness.broker.calls.map(\.method) == ["acquireTokenInteractively"])
    }

    @Test("the in-memory broker refuses what the protocol does not allow, and says so")
    func fakeIsStrict() async throws {
        let broker = InMemoryIdentityBroker(accounts: [Self.alice])
        let uuid = UUID().uuidString
        let native = BrokerProtocol.redirectURI
        let silent: (Int, String) -> String = { type, redirect in
            """
            {"authParameters": {"authority": "https://login.microsoftonline.com/common", "authorizationType": \(type),
             "clientId": "app", "redirectUri": "\(redirect)", "requestedScopes": ["s"],
             "account": {"homeAccountId": "\(Self.alice.homeAccountID)"}}}
            """
        }
        let bad: [(String, String, String, String)] = [
            ("getAccounts", "1.0", uuid, #"{"clientId": "app", "redirectUri": "\#(native)"}"#),
            ("getAccounts", "0.0", "not-a-uuid", #"{"clientId": "app", "redirectUri": "\#(native)"}"#),
            ("getAccounts", "0.0", uuid, #"{"clientId": "app", "redirectUri": "http://localhost"}"#),
            ("getAccounts", "0.0", uuid, "[]"),
            ("acquireTokenSilently", "0.0", uuid, silent(6, native)),
            ("acquireTokenSilently", "0.0", uuid, silent(1, "http://localhost")),
            ("acquireTokenSilently", "0.0", uuid, #"{"authParameters": {}}"#),
            ("acquireToken", "0.0", uuid, "{}"),
        ]
        for (method, version, correlation, request) in bad {
            await #expect(throws: BrokerCallError.self) {
                try await broker.call(
                    method, protocolVersion: version, correlationID: correlation, request: request, timeout: nil)
            }
        }
        #expect(broker.violations.count == bad.count)
        let good = try await broker.call(
            "acquireTokenSilently", protocolVersion: "0.0", correlationID: uuid, request: silent(1, native),
            timeout: .seconds(1))
        #expect(good.contains("brokerTokenResponse"))
        #expect(broker.violations.count == bad.count)
    }

    // MARK: DefaultAzureCredential

    @Test("DefaultAzureCredential's broker member is silent only: it never prompts")
    func defaultChainNeverPrompts() async throws {
        let harness = Harness()
        harness.broker.setReply(.brokerError(status: 6, subStatus: 0, context: "needs UI"), for: "acquireTokenSilently")
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("no-tools-\(UUID())").path
        let chain = try DefaultAzureCredential(
            DefaultAzureCredentialOptions(brokerEnabled: true),
            options: harness.options(environment: ["AZURE_TOKEN_CREDENTIALS": "dev", "PATH": empty]))
        #expect(chain.members.last == .broker)
        let error = try #require(await caught { try await chain.getToken(scopes: managementScope) } as? ChainError)
        #expect("\(error)".contains("BrokerCredential"))
        #expect(harness.broker.calls(to: "acquireTokenInteractively").isEmpty)
        let silent = try #require(harness.broker.calls(to: "acquireTokenSilently").first)
        #expect(silent.authParameters["clientId"] as? String == "04b07795-8ddb-461a-bbee-02f9e1bf7b46")
        #expect(silent.authParameters["authority"] as? String == "https://login.microsoftonline.com/organizations")

        harness.broker.setReply(.success, for: "acquireTokenSilently")
        let token = try await chain.getToken(scopes: managementScope)
        #expect(harness.broker.issuedTokens.last == token.token.revealedValue())
        #expect(chain.lastSuccessfulMember == .broker)
        #expect(harness.broker.calls(to: "acquireTokenInteractively").isEmpty)
    }

    // MARK: VisualStudioCodeCredential

    static func home(record: String?, under folder: String = ".azure") throws -> String {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("vscode-home-\(UUID())")
        let directory = home.appendingPathComponent("\(folder)/ms-azuretools.vscode-azureresourcegroups")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        if let record { try Data(record.utf8).write(to: directory.appendingPathComponent("authRecord.json")) }
        return home.path
    }

    static func record(
        clientID: String = VisualStudioCodeCredential.clientID, account: InMemoryIdentityBroker.Account = alice
    ) -> String {
        """
        {
          "username": "\(account.username)",
          "authority": "https://login.microsoftonline.com",
          "homeAccountId": "\(account.homeAccountID)",
          "tenantId": "\(account.tenantID)",
          "clientId": "\(clientID)",
          "datetime": "2026-12-01T10:00:00.000Z"
        }
        """
    }

    @Test("VS Code: the record's account, silently through the broker, with VS Code's client id and tenant")
    func visualStudioCodePresent() async throws {
        for folder in [".azure", ".Azure"] {
            let harness = Harness()
            let home = try Self.home(record: Self.record(account: Self.bob), under: folder)
            defer { try? FileManager.default.removeItem(atPath: home) }
            let credential = try VisualStudioCodeCredential(options: harness.options(environment: ["HOME": home]))
            #expect(credential.authenticationRecord?.username == Self.bob.username)
            let token = try await credential.getToken(scopes: managementScope)
            #expect(harness.broker.issuedTokens == [token.token.revealedValue()])
            #expect(harness.broker.calls.map(\.method) == ["getAccounts", "acquireTokenSilently"])
            let auth = harness.broker.calls[1].authParameters
            #expect(auth["clientId"] as? String == "aebc6443-996d-45c2-90f0-388ff96faa56")
            #expect(auth["authority"] as? String == "https://login.microsoftonline.com/\(Self.tenant)")
            #expect((auth["account"] as? [String: Any])?["homeAccountId"] as? String == Self.bob.homeAccountID)
            _ = try await credential.getToken(scopes: managementScope)
            #expect(harness.broker.calls.count == 2)
        }
    }

    @Test("VS Code: no record, no HOME, or an account the broker does not have: unavailable or required, no prompt")
    func visualStudioCodeAbsent() async throws {
        let harness = Harness()
        let home = try Self.home(record: nil)
        defer { try? FileManager.default.removeItem(atPath: home) }
        for environment in [["HOME": home], [:]] {
            let credential = try VisualStudioCodeCredential(options: harness.options(environment: environment))
            let error = try #require(await caught { try await credential.getToken(scopes: managementScope) })
            #expect((error as? AzureIdentityError)?.code == .credentialUnavailable)
            #expect("\(error)".contains(environment.isEmpty ? "HOME is not set" : "no authentication record"))
        }
        #expect(harness.broker.calls.isEmpty)

        let stranger = InMemoryIdentityBroker.Account(tenantID: Self.tenant, username: "mallory@contoso.example")
        let signedIn = try Self.home(record: Self.record(account: stranger))
        defer { try? FileManager.default.removeItem(atPath: signedIn) }
        let credential = try VisualStudioCodeCredential(options: harness.options(environment: ["HOME": signedIn]))
        let error = try #require(await caught { try await credential.getToken(scopes: managementScope) })
        #expect((error as? AzureIdentityError)?.code == .authenticationRequired)
        #expect("\(error)".contains("mallory@contoso.example"))
        #expect(harness.broker.calls(to: "acquireTokenInteractively").isEmpty)
    }

    @Test("VS Code: a corrupt, oversized or non-regular record is unavailable with a clear reason, never read further")
    func visualStudioCodeUnusable() async throws {
        let harness = Harness()
        let cases: [(String, String)] = [
            ("{not json", "is not a JSON object"),
            (Self.record(clientID: "04b07795-8ddb-461a-bbee-02f9e1bf7b46"), "is not VS Code's"),
            (
                #"{"username":"a","authority":"x","homeAccountId":"h","tenantId":"not a tenant!","clientId":"aebc6443-996d-45c2-90f0-388ff96faa56"}"#,
                "is not a tenant id"
            ),
            (#"{"username":7}"#, "`username` is not a non-empty string"),
            (String(repeating: " ", count: 10 * 1024 + 1), "bytes, more than"),
        ]
        for (text, reason) in cases {
            let home = try Self.home(record: text)
            defer { try? FileManager.default.removeItem(atPath: home) }
            let credential = try VisualStudioCodeCredential(options: harness.options(environment: ["HOME": home]))
            let error = try #require(await caught { try await credential.getToken(scopes: managementScope) })
            #expect((error as? AzureIdentityError)?.code == .credentialUnavailable)
            #expect("\(error)".contains(reason), "\(error)")
        }
        let home = try Self.home(record: nil)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let fifo = home + "/.azure/ms-azuretools.vscode-azureresourcegroups/authRecord.json"
        #expect(mkfifo(fifo, 0o600) == 0)
        let credential = try VisualStudioCodeCredential(options: harness.options(environment: ["HOME": home]))
        let error = try #require(await caught { try await credential.getToken(scopes: managementScope) })
        #expect("\(error)".contains("FIFO"))
        #expect(harness.broker.calls.isEmpty)
    }

    @Test("VS Code is a DefaultAzureCredential member, first among the developer credentials")
    func visualStudioCodeInDefault() throws {
        let (members, _) = try DefaultAzureCredentialMember.selection(fromEnvironmentValue: "dev", brokerEnabled: true)
        #expect(members == [.visualStudioCode, .azureCli, .azurePowerShell, .azureDeveloperCli, .broker])
        let (one, single) = try DefaultAzureCredentialMember.selection(
            fromEnvironmentValue: "VisualStudioCodeCredential", brokerEnabled: false)
        #expect(one == [.visualStudioCode] && single)
    }
}
