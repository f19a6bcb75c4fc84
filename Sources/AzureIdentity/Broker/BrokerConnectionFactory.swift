// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

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
    /// `environment` names (else `$XDG_RUNTIME_DIR/bus`, as libdbus does): the package's own D-Bus client.
    package static func sessionBus(environment: [String: String]) -> any IdentityBrokerConnection {
        DBusBrokerConnection(environment: environment)
    }
}
