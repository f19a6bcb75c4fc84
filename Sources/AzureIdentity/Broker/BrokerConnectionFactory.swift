extension CredentialOptions {
    /// The connection the broker-backed credentials use: ``brokerConnection`` when set (tests, another backend),
    /// else the session bus from ``environment``.
    package var resolvedBrokerConnection: any IdentityBrokerConnection {
        brokerConnection ?? BrokerConnectionFactory.sessionBus(environment: environment)
    }
}

/// The one place that makes the default connection to the identity broker.
package enum BrokerConnectionFactory {
    /// The connection to `com.microsoft.identity.broker1` on the session bus that `DBUS_SESSION_BUS_ADDRESS` in
    /// `environment` names.
    package static func sessionBus(environment: [String: String]) -> any IdentityBrokerConnection {
        // TODO(issue 13): return the D-Bus client (branch `dbus`) here, made from `environment`; this is the only
        // line that changes when it lands.
        NoDBusClientConnection()
    }
}

/// The stand-in until the D-Bus client lands: every call is "no session bus", saying why, and the dry run says the
/// same. It never reaches any bus.
struct NoDBusClientConnection: IdentityBrokerConnection {
    static let reason = "this build of AzureIdentity has no D-Bus client yet"

    func call(
        _ method: String, protocolVersion: String, correlationID: String, request: String, timeout: Duration?
    ) async throws(BrokerCallError) -> String {
        throw BrokerCallError(.noSessionBus, Self.reason)
    }

    func presence() async -> BrokerPresence {
        BrokerPresence(bus: .unreachable(reason: Self.reason), broker: .unknown)
    }
}
