// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
package import AzureIdentity

extension ProfileExplainer {
    /// Explains one profile, asking the identity broker's presence — never calling the broker — only when a link
    /// needs it (an `interactiveBrowser` link with the broker enabled, a `visualStudioCode` link or member with a
    /// record): a first walk finds out whether one does, the presence is asked once, and the walk runs again with
    /// it. The walks send nothing and start nothing.
    package static func explain(
        _ entry: ProfileCatalog.Entry, context: InspectionContext, broker: any IdentityBrokerConnection
    ) async -> Explanation {
        var context = context
        let probe = BrokerProbe()
        context.brokerProbe = probe
        let first = ProfileExplainer(context: context).explain(entry)
        guard probe.wanted else { return first }
        context.brokerPresence = await broker.presence()
        return ProfileExplainer(context: context).explain(entry)
    }
}

extension ProfileRuntimeOptions {
    /// The connection to the identity broker: ``brokerConnection`` when set, else the session bus of
    /// ``environment`` (AzureIdentity's one factory).
    package var resolvedBrokerConnection: any IdentityBrokerConnection {
        brokerConnection ?? BrokerConnectionFactory.sessionBus(environment: environment)
    }
}
