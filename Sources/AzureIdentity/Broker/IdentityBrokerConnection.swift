// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// How the Linux identity broker (`com.microsoft.identity.broker1` on the session bus) is reached.
///
/// The seam between the broker logic (which JSON to send, how to read the answer, when to fall back) and the
/// D-Bus wire client that carries it. Every broker method has the signature `(sss) → s`: protocol version,
/// correlation id and request JSON in, response JSON out. Tests replace the connection, or run the real client
/// against a fake broker on a private bus.
package protocol IdentityBrokerConnection: Sendable {
    /// Calls one method of `com.microsoft.identity.Broker1` on `/com/microsoft/identity/broker1`.
    ///
    /// - Parameters:
    ///   - method: The method name, such as `acquireTokenSilently`.
    ///   - protocolVersion: The broker protocol version (`"0.0"`).
    ///   - correlationID: A UUID string that names this request in the broker's logs.
    ///   - request: The request JSON.
    ///   - timeout: How long to wait for the reply; `nil` waits until cancelled (an interactive sign-in waits on
    ///     a person).
    /// - Returns: The response JSON, as the broker sent it. It may hold tokens: never log or show it.
    func call(
        _ method: String, protocolVersion: String, correlationID: String, request: String, timeout: Duration?
    ) async throws(BrokerCallError) -> String

    /// Whether a session bus is there and whether the broker runs or could be started — found out without
    /// starting it (`NameHasOwner`, `ListActivatableNames`; never a call to the broker itself), for the dry run.
    func presence() async -> BrokerPresence
}

/// What the dry run can tell about the broker without starting it.
package struct BrokerPresence: Sendable, Hashable {
    /// Whether the session bus could be reached.
    package enum Bus: Sendable, Hashable {
        /// Reached, at this address (with any secret-looking parts removed).
        case reachable(address: String)
        /// Not reached, and why (no `DBUS_SESSION_BUS_ADDRESS`, connection refused, authentication refused…).
        case unreachable(reason: String)
    }

    /// Whether the broker's name is owned or activatable.
    package enum Broker: Sendable, Hashable {
        /// The name has an owner: the broker runs.
        case running
        /// Nobody owns the name, but the bus can start it (D-Bus activation).
        case activatable
        /// Neither: no broker is installed for this session.
        case absent
        /// The bus was not reached, so nothing is known.
        case unknown
    }

    package var bus: Bus
    package var broker: Broker

    package init(bus: Bus, broker: Broker) {
        self.bus = bus
        self.broker = broker
    }
}

/// Why a call to the broker did not return its answer.
///
/// Its `message` never holds a token or a reply body: the reply may hold tokens.
package struct BrokerCallError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    package enum Code: Sendable, Hashable {
        /// No session bus: `DBUS_SESSION_BUS_ADDRESS` is unset or names nothing reachable.
        case noSessionBus
        /// The bus answered that no one owns the broker's name and it cannot be started
        /// (`org.freedesktop.DBus.Error.ServiceUnknown` or `NameHasNoOwner`).
        case serviceUnknown
        /// The broker (or the bus) answered with a D-Bus error reply of this name.
        case errorReply(name: String)
        /// No reply within the timeout.
        case timedOut
        /// The reply broke the protocol (wrong signature, truncated, oversized, wrong serial, not UTF-8…).
        case malformedReply
        /// The connection failed or closed while waiting.
        case connectionFailed
        /// The call was cancelled.
        case cancelled
    }

    package var code: Code
    /// The reason in words, safe to show (control characters escaped, no reply body).
    package var message: String

    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { message }
}
