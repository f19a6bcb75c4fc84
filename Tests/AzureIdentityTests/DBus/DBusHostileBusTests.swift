// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

/// Issue 13 item 1: a bus that lies — broken authentication, replies with the wrong signature, truncated,
/// oversized, misaligned, not UTF-8, answering a call never made, or never answering — gives the broker client a
/// clean, typed error within its bounds, never a trap or a hang.
@Suite struct DBusHostileBusTests {
    /// The error of a `getAccounts` call through a server that answers `Hello` and then `answer(call)`.
    func callError(
        authentication: HostileBusServer.Authentication = .accept, timeout: Duration? = .seconds(30),
        connectTimeout: Duration = .seconds(30),
        _ answer: @escaping @Sendable (DBusMessage) -> [HostileBusServer.Step]
    ) async throws -> BrokerCallError? {
        try await HostileBusServer.run(authentication: authentication) { message, _ in
            if let hello = HostileBusServer.helloReply(message) { return [.send(hello)] }
            return answer(message)
        } _: { server in
            let connection = DBusBrokerConnection(environment: server.environment, connectTimeout: connectTimeout)
            do throws(BrokerCallError) {
                _ = try await connection.call(
                    "getAccounts", protocolVersion: "0.0", correlationID: "1", request: "{}", timeout: timeout
                )
                return nil
            } catch {
                #expect(!error.message.contains("\u{1B}"))
                return error
            }
        }
    }

    @Test func aWellBehavedServerWorks() async throws {
        let answer = try await HostileBusServer.run { message, _ in
            if let hello = HostileBusServer.helloReply(message) { return [.send(hello)] }
            // A signal and a reply to an earlier call first: both are skipped.
            var signal = DBusMessage(kind: .signal, serial: 500, body: [.string(":1.1")])
            signal.path = "/org/freedesktop/DBus"
            signal.interface = "org.freedesktop.DBus"
            signal.member = "NameAcquired"
            var stale = DBusMessage(kind: .methodReturn, serial: 501)
            stale.replySerial = 1
            return [
                .send((try? signal.encoded()) ?? []), .send((try? stale.encoded()) ?? []),
                .send(HostileBusServer.reply(to: message, body: [.string(#"{"accounts":[]}"#)])),
            ]
        } _: { server in
            let answer = try await DBusBrokerConnection(environment: server.environment).call(
                "getAccounts", protocolVersion: "0.0", correlationID: "1", request: "{}", timeout: .seconds(30)
            )
            let call = try #require(server.messages.last)
            #expect(call.destination == "com.microsoft.identity.broker1")
            #expect(call.path == "/com/microsoft/identity/broker1")
            #expect(call.interface == "com.microsoft.identity.Broker1")
            #expect(call.body == [.string("0.0"), .string("1"), .string("{}")])
            #expect(server.messages.first?.member == "Hello")
            return answer
        }
        #expect(answer == #"{"accounts":[]}"#)
    }

    @Test func aReplyWithTheWrongSignature() async throws {
        let error = try await callError { [.send(HostileBusServer.reply(to: $0, body: [.int32(1)]))] }
        #expect(error?.code == .malformedReply)
        #expect(error?.message.contains("'i'") == true)
        let none = try await callError { [.send(HostileBusServer.reply(to: $0, body: []))] }
        #expect(none?.code == .malformedReply)
    }

    @Test func aTruncatedReply() async throws {
        let error = try await callError { call in
            let bytes = HostileBusServer.reply(to: call, body: [.string("secret-access-token-in-a-reply")])
            return [.send(Array(bytes.prefix(bytes.count - 9))), .close]
        }
        #expect(error?.code == .connectionFailed)
        #expect(error?.message.contains("secret-access-token") == false)
    }

    @Test func oversizedReplies() async throws {
        // A header that declares a 200 MiB body: refused before reading it.
        let declared = try await callError { call in
            var bytes = HostileBusServer.reply(to: call, body: [.string("x")])
            bytes[4...7] = [0, 0, 0x80, 0x0C]
            return [.send(bytes)]
        }
        #expect(declared?.code == .malformedReply)
        #expect(declared?.message.contains("over the limit") == true)
        // A real 2 MiB reply: over this client's 1 MiB.
        let large = try await callError {
            [.send(HostileBusServer.reply(to: $0, body: [.string(String(repeating: "a", count: 2 << 20))]))]
        }
        #expect(large?.code == .malformedReply)
    }

    @Test func aReplyToACallNeverMade() async throws {
        let error = try await callError { call in
            var reply = DBusMessage(kind: .methodReturn, serial: 77, body: [.string("{}")])
            reply.replySerial = call.serial + 40
            return [.send((try? reply.encoded()) ?? [])]
        }
        #expect(error?.code == .malformedReply)
    }

    @Test func aReplyThatIsNotUTF8() async throws {
        let error = try await callError { call in
            var bytes = HostileBusServer.reply(to: call, body: [.string("abcd")])
            bytes[bytes.count - 3] = 0xFF
            return [.send(bytes)]
        }
        #expect(error?.code == .malformedReply)
        #expect(error?.message.contains("UTF-8") == true)
    }

    @Test func aReplyWithBadPadding() async throws {
        let error = try await callError { call in
            // A byte then a UINT32: three padding bytes, one of them made non-zero.
            var bytes = HostileBusServer.reply(to: call, body: [.byte(1), .uint32(2)])
            bytes[bytes.count - 6] = 0x7F
            return [.send(bytes)]
        }
        #expect(error?.code == .malformedReply)
        #expect(error?.message.contains("padding") == true)
    }

    @Test func anErrorReplyIsEscaped() async throws {
        let error = try await callError {
            [
                .send(
                    HostileBusServer.error(
                        to: $0, name: "com.example.Error.Odd", message: "\u{1B}]8;;https://evil\u{7}x"))
            ]
        }
        #expect(error?.code == .errorReply(name: "com.example.Error.Odd"))
        #expect(error?.message.contains("\\u{1B}]8;;https://evil\\u{7}x") == true)
        let unknown = try await callError {
            [.send(HostileBusServer.error(to: $0, name: "org.freedesktop.DBus.Error.ServiceUnknown", message: "gone"))]
        }
        #expect(unknown?.code == .serviceUnknown)
    }

    @Test func refusedOrGarbledAuthentication() async throws {
        let rejected = try await callError(authentication: .answer(Array("REJECTED EXTERNAL\r\n".utf8))) { _ in [] }
        #expect(rejected?.code == .noSessionBus)
        #expect(rejected?.message.contains("refused") == true)
        let garbage = try await callError(authentication: .answer(Array("\u{1B}[31mWHAT\r\n".utf8))) { _ in [] }
        #expect(garbage?.code == .noSessionBus)
        #expect(garbage?.message.contains("\\u{1B}[31mWHAT") == true)
        // A line that never ends: bounded by length.
        let endless = try await callError(authentication: .answer(Array(repeating: UInt8(ascii: "O"), count: 10_000))) {
            _ in []
        }
        #expect(endless?.code == .noSessionBus)
    }

    @Test func silenceIsBounded() async throws {
        // No answer to the call: the call's timeout.
        let start = ContinuousClock.now
        let call = try await callError(timeout: .milliseconds(300)) { _ in [] }
        #expect(call?.code == .timedOut)
        // No answer to Hello, and a call without a timeout: the connection's own bound still ends it.
        let hello = try await HostileBusServer.run { _, _ in
            []
        } _: { server in
            do throws(BrokerCallError) {
                _ = try await DBusBrokerConnection(environment: server.environment, connectTimeout: .milliseconds(300))
                    .call("getAccounts", protocolVersion: "0.0", correlationID: "1", request: "{}", timeout: nil)
                return nil as BrokerCallError?
            } catch {
                return error
            }
        }
        #expect(hello?.code == .timedOut)
        // Presence against a server that never answers: bounded too.
        let presence = try await HostileBusServer.run { message, _ in
            HostileBusServer.helloReply(message).map { [.send($0)] } ?? []
        } _: { server in
            await DBusBrokerConnection(environment: server.environment, connectTimeout: .milliseconds(300)).presence()
        }
        #expect(presence.broker == .unknown)
        #expect(ContinuousClock.now - start < HangGuard.limit)
    }

    @Test func presenceReadsOnlyTheBus() async throws {
        let presence = try await HostileBusServer.run { message, _ in
            if let hello = HostileBusServer.helloReply(message) { return [.send(hello)] }
            switch message.member {
            case "NameHasOwner": return [.send(HostileBusServer.reply(to: message, body: [.boolean(false)]))]
            case "ListActivatableNames":
                return [
                    .send(
                        HostileBusServer.reply(
                            to: message,
                            body: [
                                .array(
                                    .string,
                                    [.string("org.freedesktop.DBus"), .string("com.microsoft.identity.broker1")])
                            ]
                        )
                    )
                ]
            default: return [.close]
            }
        } _: { server in
            let presence = await DBusBrokerConnection(environment: server.environment).presence()
            #expect(server.messages.map(\.member) == ["Hello", "NameHasOwner", "ListActivatableNames"])
            #expect(server.messages.allSatisfy { $0.destination == "org.freedesktop.DBus" })
            #expect(server.messages.dropFirst().allSatisfy { $0.flags.contains(.noAutoStart) })
            return presence
        }
        #expect(presence.broker == .activatable)
        // NameHasOwner answered with the wrong type: nothing is known.
        let odd = try await HostileBusServer.run { message, _ in
            if let hello = HostileBusServer.helloReply(message) { return [.send(hello)] }
            return [.send(HostileBusServer.reply(to: message, body: [.string("yes")]))]
        } _: { server in
            await DBusBrokerConnection(environment: server.environment).presence()
        }
        #expect(odd.broker == .unknown)
    }
}
