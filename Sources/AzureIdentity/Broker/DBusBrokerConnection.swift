// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import IdentitySupport

/// The real ``IdentityBrokerConnection``: the Linux identity broker reached over the session bus with the
/// package's own D-Bus client.
///
/// The bus comes from the injected environment (`DBUS_SESSION_BUS_ADDRESS`, else `$XDG_RUNTIME_DIR/bus`). Each
/// call opens its own connection and closes it when the answer (or the timeout, or the cancellation) comes.
package struct DBusBrokerConnection: IdentityBrokerConnection {
    /// The broker's well-known name.
    package static let busName = "com.microsoft.identity.broker1"
    /// The broker's object path.
    package static let objectPath = "/com/microsoft/identity/broker1"
    /// The broker's interface.
    package static let interface = "com.microsoft.identity.Broker1"

    private let addresses: Result<[DBusAddress], DBusError>
    /// The bound on connecting to the bus (and, for ``presence()``, on each of its two questions).
    private let connectTimeout: Duration
    private let maximumMessageSize: Int

    /// A connection to the session bus named by `environment`.
    /// - Parameters:
    ///   - connectTimeout: The bound on connecting, authenticating and `Hello`; also the bound on each of the two
    ///     calls ``presence()`` makes to the bus. A broker call's own timeout starts when the call is sent.
    ///   - maximumMessageSize: The longest reply accepted (1 MiB by default).
    package init(
        environment: [String: String], connectTimeout: Duration = .seconds(5), maximumMessageSize: Int = 1 << 20
    ) {
        self.addresses = Result { () throws(DBusError) in
            try DBusAddress.sessionBus(in: EnvironmentVariables(environment))
        }
        self.connectTimeout = connectTimeout
        self.maximumMessageSize = maximumMessageSize
    }

    private func client() throws(DBusError) -> DBusClient {
        DBusClient(
            addresses: try addresses.get(), maximumMessageSize: maximumMessageSize, connectTimeout: connectTimeout
        )
    }

    package func call(
        _ method: String, protocolVersion: String, correlationID: String, request: String, timeout: Duration?
    ) async throws(BrokerCallError) -> String {
        let reply: DBusMessage
        do throws(DBusError) {
            let call = DBusClient.Call(
                destination: Self.busName, path: Self.objectPath, interface: Self.interface, member: method,
                arguments: [.string(protocolVersion), .string(correlationID), .string(request)]
            )
            reply = try await client().withConnection(callTimeout: timeout) { _, send throws(DBusError) in
                try send(call)
            }
        } catch {
            throw Self.brokerError(error, method: method)
        }
        let shownMethod = OutsideText.escaped(method, limit: 80)
        switch reply.kind {
        case .error:
            let name = reply.errorName ?? ""
            if name == "org.freedesktop.DBus.Error.ServiceUnknown"
                || name == "org.freedesktop.DBus.Error.NameHasNoOwner"
            {
                throw BrokerCallError(
                    .serviceUnknown,
                    "no identity broker on the session bus: nobody owns \(Self.busName) and the bus cannot start it"
                )
            }
            let text = reply.body.first?.stringValue.map { ": " + OutsideText.escaped($0, limit: 300) } ?? ""
            throw BrokerCallError(
                .errorReply(name: name),
                "the identity broker answered \(shownMethod) with the D-Bus error \(OutsideText.escaped(name, limit: 255))\(text)"
            )
        default:
            guard reply.body.count == 1, case .string(let answer) = reply.body[0] else {
                throw BrokerCallError(
                    .malformedReply,
                    "the identity broker answered \(shownMethod) with the signature "
                        + "'\(OutsideText.escaped(reply.signature, limit: 60))', not 's'"
                )
            }
            return answer
        }
    }

    package func presence() async -> BrokerPresence {
        let client: DBusClient
        do throws(DBusError) {
            client = try self.client()
        } catch {
            return BrokerPresence(bus: .unreachable(reason: error.message), broker: .unknown)
        }
        let busName = Self.busName
        enum Answer: Sendable {
            case broker(BrokerPresence.Broker)
            case unanswered
        }
        let outcome: (address: String, answer: Answer)
        do throws(DBusError) {
            outcome = try await client.withConnection(callTimeout: connectTimeout) {
                connected, send throws(DBusError) in
                let address = connected.description
                let owned = try send(Self.busCall("NameHasOwner", [.string(busName)]))
                guard owned.kind == .methodReturn, owned.body == [.boolean(true)] || owned.body == [.boolean(false)]
                else { return (address, .unanswered) }
                if owned.body == [.boolean(true)] { return (address, .broker(.running)) }
                let activatable = try send(Self.busCall("ListActivatableNames", []))
                guard activatable.kind == .methodReturn, activatable.body.count == 1,
                    case .array(.string, let names) = activatable.body[0]
                else { return (address, .unanswered) }
                return (address, .broker(names.contains(.string(busName)) ? .activatable : .absent))
            }
        } catch {
            switch error.code {
            case .noAddress, .invalidAddress, .connectFailed, .authenticationFailed:
                return BrokerPresence(bus: .unreachable(reason: error.message), broker: .unknown)
            default:
                return BrokerPresence(bus: .reachable(address: reachableAddress(client)), broker: .unknown)
            }
        }
        switch outcome.answer {
        case .broker(let broker): return BrokerPresence(bus: .reachable(address: outcome.address), broker: broker)
        case .unanswered: return BrokerPresence(bus: .reachable(address: outcome.address), broker: .unknown)
        }
    }

    /// A call to the bus itself (never activated); with NO_AUTO_START all the same.
    private static func busCall(_ member: String, _ arguments: [DBusValue]) -> DBusClient.Call {
        DBusClient.Call(
            destination: "org.freedesktop.DBus", path: "/org/freedesktop/DBus", interface: "org.freedesktop.DBus",
            member: member, arguments: arguments, flags: .noAutoStart
        )
    }

    private func reachableAddress(_ client: DBusClient) -> String {
        client.addresses.first?.description ?? ""
    }

    /// The broker's view of a D-Bus failure.
    static func brokerError(_ error: DBusError, method: String) -> BrokerCallError {
        let code: BrokerCallError.Code =
            switch error.code {
            case .noAddress, .invalidAddress, .connectFailed, .authenticationFailed: .noSessionBus
            case .connectionClosed: .connectionFailed
            case .timedOut: .timedOut
            case .cancelled: .cancelled
            case .malformedMessage, .messageTooLarge: .malformedReply
            case .cannotEncode: .connectionFailed
            }
        let prefix =
            switch code {
            case .noSessionBus: "no session bus to reach the identity broker: "
            default: "calling the identity broker (\(OutsideText.escaped(method, limit: 80))) failed: "
            }
        return BrokerCallError(code, prefix + error.message)
    }
}
