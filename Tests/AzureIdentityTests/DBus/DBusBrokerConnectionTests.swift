// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

/// Issue 13 items 1, 2 and 5: the real D-Bus client against a private `dbus-daemon` and the fake broker — never the
/// session's own bus, never a real broker.
///
/// Needs `dbus-daemon` and `/usr/bin/python3` with python3-dbus and python3-gi. Without them these tests are
/// skipped, unless `AUTHPROFILE_REQUIRE_DBUS=1` is set (scripts/test.sh and CI set it): then they fail.
@Suite(.enabled(if: DBusRequirement.runs, "needs dbus-daemon and python3-dbus (AUTHPROFILE_REQUIRE_DBUS=1: a failure)"))
struct DBusBrokerConnectionTests {
    /// Runs `body` with a fake broker, failing (not skipping) when the fake cannot run.
    func withBroker(
        _ mode: FakeIdentityBroker.Mode = .running, _ body: (FakeIdentityBroker) async throws -> Void
    ) async throws {
        try #require(
            FakeIdentityBroker.unavailableReason == nil,
            "AUTHPROFILE_REQUIRE_DBUS=1 but \(FakeIdentityBroker.unavailableReason ?? "")"
        )
        try await FakeIdentityBroker.run(mode, body)
    }

    /// A connection to the fake's bus. Its connection bound is only a bound against a hang: on a loaded machine a
    /// tighter one fails for the wrong reason (see ``HangGuard``).
    static func connection(_ fake: FakeIdentityBroker) -> DBusBrokerConnection {
        DBusBrokerConnection(environment: fake.environment, connectTimeout: .seconds(30))
    }

    /// A request the broker takes for `method` (the fake refuses anything else, as the broker does).
    static func validRequest(_ method: String) -> String {
        let account = BrokerAccount(.object(["homeAccountId": .string("0a0a.1b1b")]))
        let parameters = BrokerProtocol.TokenParameters(
            clientID: "x", authority: "https://login.microsoftonline.com/organizations",
            scopes: ["https://management.azure.com/.default"], account: account)
        switch method {
        case "getAccounts": return BrokerProtocol.accountsRequest(clientID: "x")
        case "acquireTokenSilently": return BrokerProtocol.tokenRequest(parameters, authorizationType: 1)
        case "acquireTokenInteractively": return BrokerProtocol.tokenRequest(parameters, authorizationType: 6)
        default: return "{}"
        }
    }

    func callError(
        _ connection: DBusBrokerConnection, _ method: String = "getAccounts", timeout: Duration? = .seconds(30)
    ) async -> BrokerCallError? {
        do throws(BrokerCallError) {
            _ = try await connection.call(
                method, protocolVersion: "0.0", correlationID: "c0ffee00-0000-4000-8000-000000000001",
                request: Self.validRequest(method), timeout: timeout
            )
            return nil
        } catch {
            return error
        }
    }

    @Test func aCallReachesTheBrokerAndReturnsItsAnswer() async throws {
        try await withBroker { fake in
            let connection = Self.connection(fake)
            let answer = try await connection.call(
                "getAccounts", protocolVersion: "0.0", correlationID: "c0ffee00-0000-4000-8000-000000000001",
                request:
                    #"{"clientId":"04b07795","redirectUri":"https://login.microsoftonline.com/common/oauth2/nativeclient"}"#,
                timeout: .seconds(30)
            )
            #expect(answer.contains("user@contoso.example"))
            let requests = try fake.requests()
            #expect(
                requests == [
                    FakeIdentityBroker.Request(
                        method: "getAccounts", protocolVersion: "0.0",
                        correlationId: "c0ffee00-0000-4000-8000-000000000001",
                        request:
                            #"{"clientId":"04b07795","redirectUri":"https://login.microsoftonline.com/common/oauth2/nativeclient"}"#
                    )
                ]
            )
            // Scripted answers: a broker error JSON and malformed JSON come back as they are (the broker logic
            // reads them); no account too.
            try fake.setAnswer(
                .brokerError(status: 3, subStatus: 6001, context: "interaction required"), for: "acquireTokenSilently")
            let failure = try await connection.call(
                "acquireTokenSilently", protocolVersion: "0.0", correlationID: "c0ffee00-0000-4000-8000-000000000002",
                request: Self.validRequest("acquireTokenSilently"), timeout: .seconds(30)
            )
            #expect(failure.contains("\"subStatus\":6001"))
            try fake.setAnswer(.malformedJSON, for: "getAccounts")
            #expect(
                try await connection.call(
                    "getAccounts", protocolVersion: "0.0", correlationID: "c0ffee00-0000-4000-8000-000000000003",
                    request: Self.validRequest("getAccounts"), timeout: nil)
                    == #"{"brokerTokenResponse": {"accessToken": "#
            )
            let allCalls = try fake.callCount()
            #expect(allCalls == 3)
            let accountCalls = try fake.callCount("getAccounts")
            #expect(accountCalls == 2)
            let violations = try fake.violations()
            #expect(violations == [])
        }
    }

    @Test func aDBusErrorReplyIsNamedAndItsMessageEscaped() async throws {
        try await withBroker { fake in
            try fake.setAnswer(
                .dbusError(name: "org.freedesktop.DBus.Error.Failed", message: "sign-in failed\u{1B}[2J\nagain"),
                for: "acquireTokenInteractively"
            )
            let error = await callError(
                Self.connection(fake), "acquireTokenInteractively")
            #expect(error?.code == .errorReply(name: "org.freedesktop.DBus.Error.Failed"))
            #expect(error?.message.contains("sign-in failed\\u{1B}[2J\\nagain") == true)
            #expect(error?.message.contains("\u{1B}") == false)
        }
    }

    @Test func noBrokerIsServiceUnknown() async throws {
        try await withBroker(.absent) { fake in
            let error = await callError(Self.connection(fake))
            #expect(error?.code == .serviceUnknown)
            let brokerCalls = try fake.callCount()
            #expect(brokerCalls == 0)
        }
        // A broker that went away.
        try await withBroker { fake in
            fake.stopBroker()
            #expect(await callError(Self.connection(fake))?.code == .serviceUnknown)
        }
    }

    @Test func noSessionBus() async throws {
        let unset = await callError(DBusBrokerConnection(environment: [:]))
        #expect(unset?.code == .noSessionBus)
        #expect(unset?.message.contains("DBUS_SESSION_BUS_ADDRESS") == true)
        let missing = await callError(
            DBusBrokerConnection(environment: ["DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent/authprofile/bus"])
        )
        #expect(missing?.code == .noSessionBus)
        let unsupported = await callError(
            DBusBrokerConnection(environment: ["DBUS_SESSION_BUS_ADDRESS": "tcp:host=127.0.0.1,port=1"])
        )
        #expect(unsupported?.code == .noSessionBus)
        let presence = await DBusBrokerConnection(environment: [:]).presence()
        #expect(presence.broker == .unknown)
        guard case .unreachable = presence.bus else {
            Issue.record("expected an unreachable bus, got \(presence)")
            return
        }
    }

    @Test func aSlowReplyTimesOut() async throws {
        try await withBroker { fake in
            try fake.setAnswer(.delayed(.seconds(120), .reply("{}")), for: "acquireTokenSilently")
            let start = ContinuousClock.now
            let error = await callError(
                Self.connection(fake), "acquireTokenSilently", timeout: .milliseconds(300)
            )
            #expect(error?.code == .timedOut)
            #expect(ContinuousClock.now - start < HangGuard.limit)
            // The timeout runs from the moment the call is sent: the broker got it.
            let received = try await HangGuard.eventually { try fake.callCount("acquireTokenSilently") == 1 }
            #expect(received)
        }
    }

    @Test func cancellingStopsTheWait() async throws {
        try await withBroker { fake in
            try fake.setAnswer(.delayed(.seconds(120), .reply("{}")), for: "acquireTokenInteractively")
            let connection = Self.connection(fake)
            let start = ContinuousClock.now
            let task = Task { await callError(connection, "acquireTokenInteractively", timeout: nil) }
            #expect(try await HangGuard.eventually { try fake.callCount("acquireTokenInteractively") == 1 })
            task.cancel()
            let error = await task.value
            #expect(error?.code == .cancelled)
            #expect(ContinuousClock.now - start < HangGuard.limit)
            // The broker still answers other calls; the cancelled reply, when it comes, goes nowhere.
            #expect(await callError(connection, "getLinuxBrokerVersion") == nil)
        }
        // Cancelled before it starts: nothing is sent.
        try await withBroker { fake in
            let connection = Self.connection(fake)
            let task = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return await callError(connection)
            }
            #expect(await task.value?.code == .cancelled)
            let sentCalls = try fake.callCount()
            #expect(sentCalls == 0)
        }
    }

    @Test func theFakesProcessesInheritNoDescriptor() async throws {
        // A pipe opened without close-on-exec, as another test's child process set-up may hold one at any moment:
        // a daemon that kept its write end would keep that test from ever seeing EOF.
        var ends: [Int32] = [-1, -1]
        try #require(pipe(&ends) == 0)
        defer { for end in ends { close(end) } }
        let inode = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(ends[1])")
        try await withBroker { fake in
            #expect(fake.processIDs.count == 2)
            for pid in fake.processIDs {
                let descriptors = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")
                let targets = descriptors.compactMap {
                    try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\($0)")
                }
                #expect(!targets.isEmpty)
                #expect(!targets.contains(inode), "process \(pid) holds the test's pipe")
            }
        }
    }

    @Test func presenceOfARunningBroker() async throws {
        try await withBroker { fake in
            let presence = await Self.connection(fake).presence()
            #expect(presence == BrokerPresence(bus: .reachable(address: fake.busAddress), broker: .running))
            let brokerCalls = try fake.callCount()
            #expect(brokerCalls == 0)
        }
    }

    @Test func presenceOfAnActivatableBrokerDoesNotStartIt() async throws {
        try await withBroker(.activatable) { fake in
            let connection = Self.connection(fake)
            let presence = await connection.presence()
            #expect(presence.broker == .activatable)
            #expect(fake.startCount() == 0)
            let brokerCalls = try fake.callCount()
            #expect(brokerCalls == 0)
            // A second look still finds it not running: presence started nothing.
            #expect(await connection.presence().broker == .activatable)
            #expect(fake.startCount() == 0)
            // A real call activates it (this is what the dry run must never do).
            #expect(await callError(connection) == nil)
            #expect(fake.startCount() == 1)
            #expect(await connection.presence().broker == .running)
        }
    }

    @Test func presenceWithoutABroker() async throws {
        try await withBroker(.absent) { fake in
            let presence = await Self.connection(fake).presence()
            #expect(presence == BrokerPresence(bus: .reachable(address: fake.busAddress), broker: .absent))
        }
    }
}

/// Whether the tests that need `dbus-daemon` and python3-dbus run: when both are there, or when
/// `AUTHPROFILE_REQUIRE_DBUS=1` demands it (then a missing one fails them).
enum DBusRequirement {
    static let required = ProcessInfo.processInfo.environment["AUTHPROFILE_REQUIRE_DBUS"] == "1"
    static let runs = required || FakeIdentityBroker.unavailableReason == nil
}
