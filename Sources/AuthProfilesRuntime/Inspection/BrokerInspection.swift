// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import Foundation
import IdentitySupport
import Synchronization

/// What the dry run can say about the identity broker without starting it: whether a session bus is there and
/// whether `com.microsoft.identity.broker1` runs or is activatable (``IdentityBrokerConnection/presence()``:
/// `NameHasOwner` and `ListActivatableNames`, never a call to the broker). The presence is asked once per dry run,
/// and only when a link needs it (``ProfileExplainer/explain(_:context:broker:)``).
package enum BrokerInspection {
    /// Inspects the broker as ``InspectionContext/brokerPresence`` found it.
    package static func inspect(context: InspectionContext) -> InspectionResult {
        _ = context.value("DBUS_SESSION_BUS_ADDRESS")
        context.brokerProbe?.markWanted()
        guard let presence = context.brokerPresence else {
            return InspectionResult(
                verdict: .unknown, evidence: [Evidence(.note, "identity broker", "not checked in this dry run")])
        }
        let install = "Install microsoft-identity-broker (or Intune Company Portal), or use another link."
        let bus: Evidence
        switch presence.bus {
        case .reachable(let address):
            bus = Evidence(.ok, "session bus", OutsideText.escaped(address, limit: 120))
        case .unreachable(let reason):
            return InspectionResult(
                verdict: .unavailable,
                evidence: [Evidence(.missing, "session bus", OutsideText.escaped(reason, limit: 200))],
                hint: "Run from a desktop session with a D-Bus session bus (DBUS_SESSION_BUS_ADDRESS), or use "
                    + "another link.")
        }
        switch presence.broker {
        case .running:
            return InspectionResult(
                verdict: .ready,
                evidence: [bus, Evidence(.ok, "identity broker", "com.microsoft.identity.broker1 runs")])
        case .activatable:
            return InspectionResult(
                verdict: .ready,
                evidence: [
                    bus,
                    Evidence(
                        .ok, "identity broker", "com.microsoft.identity.broker1 is not running; D-Bus can start it"),
                ])
        case .absent:
            return InspectionResult(
                verdict: .unavailable,
                evidence: [
                    bus,
                    Evidence(
                        .missing, "identity broker",
                        "com.microsoft.identity.broker1 is neither running nor activatable on this bus"),
                ],
                hint: install)
        case .unknown:
            return InspectionResult(
                verdict: .unknown, evidence: [bus, Evidence(.note, "identity broker", "the bus could not be asked")])
        }
    }
}

/// Whether a dry run's walk needed the broker's presence (so it is asked once, and only then).
package final class BrokerProbe: Sendable {
    private let state = Mutex(false)

    package init() {}

    /// Records that an inspection needed the broker's presence.
    package func markWanted() { state.withLock { $0 = true } }

    /// Whether any inspection needed it.
    package var wanted: Bool { state.withLock { $0 } }
}

/// VS Code's authentication record and the broker, as ``VisualStudioCodeCredential`` would use them.
package enum VisualStudioCodeInspection {
    package static func inspect(context: InspectionContext) -> InspectionResult {
        _ = context.value("HOME")
        let signIn = "Sign in to Azure in VS Code with the Azure Resources extension, or use another link."
        switch VisualStudioCodeAuthRecord.load(environment: context.environment) {
        case .noHome:
            return InspectionResult(
                verdict: .unavailable,
                evidence: [Evidence(.missing, "env HOME", "not set, so VS Code's authentication record is not found")])
        case .absent(let paths):
            return InspectionResult(
                verdict: .unavailable,
                evidence: [Evidence(.missing, "VS Code record", "none at " + paths.joined(separator: " or "))],
                hint: signIn)
        case .unusable(let path, let reason):
            return InspectionResult(
                verdict: .unavailable, evidence: [Evidence(.problem, "VS Code record", "\(path): \(reason)")],
                hint: "Sign in again in VS Code (Azure Resources), which rewrites the record.")
        case .found(let record, let path):
            let account = OutsideText.escaped(record.username, limit: 80)
            let found = Evidence(.ok, "VS Code record", "\(path): \(account), tenant \(record.tenantID)")
            let broker = BrokerInspection.inspect(context: context)
            return InspectionResult(verdict: broker.verdict, evidence: [found] + broker.evidence, hint: broker.hint)
        }
    }
}
