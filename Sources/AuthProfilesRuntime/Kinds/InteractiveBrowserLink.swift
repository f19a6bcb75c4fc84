// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AzureIdentity

extension InteractiveBrowserSettings: LeafLink {
    func bind(
        _ binder: CredentialBinder, node: CredentialNode, scope: LinkScope, options: CredentialOptions
    ) throws -> any TokenCredential {
        let port = try self.port.map { value throws(ValueProblem) in
            try binder.resolver.integer(value, field: Field.port.name).get().0
        }
        return try InteractiveBrowserCredential(
            tenantID: try binder.tenant(for: node, in: scope),
            clientID: try binder.text(clientID, SharedField.clientID),
            redirectPort: port ?? 0, loginHint: try binder.optionalText(loginHint, Field.loginHint.name),
            brokerOptions: BrokerOptions(
                enabled: try binder.flag(brokerEnabled, "brokerEnabled"),
                useDefaultBrokerAccount: try binder.flag(useDefaultBrokerAccount, "useDefaultBrokerAccount"),
                legacyEnableMSAPassthrough: try binder.flag(
                    legacyEnableMsaPassthrough, "legacyEnableMsaPassthrough")),
            options: options)
    }

    func inspect(_ walk: ExplainWalk, node: CredentialNode, scope: LinkScope) -> InspectionResult {
        // As `bind`: the port first, then the tenant, client id and login hint, then the broker flags.
        var parts: [InspectionResult] = []
        if let port {
            parts.append(walk.typed(port, field: Field.port.name) { walk.resolver.integer($0, field: Field.port.name) })
        }
        let (tenant, tenantResult) = walk.tenant(for: node, in: scope)
        parts += [tenantResult, walk.value(clientID, field: SharedField.clientID.name, node: node).1]
        if let loginHint { parts.append(walk.value(loginHint, field: Field.loginHint.name, node: node).1) }
        for (flag, field) in [
            (brokerEnabled, "brokerEnabled"), (useDefaultBrokerAccount, "useDefaultBrokerAccount"),
            (legacyEnableMsaPassthrough, "legacyEnableMsaPassthrough"),
        ] {
            parts.append(walk.typed(flag, field: field) { walk.resolver.flag($0, field: field) })
        }
        // With the broker enabled the sign-in goes through it, not a browser: what can be known without starting
        // it is whether a session bus is there and whether the broker runs or is activatable.
        let broker = (try? walk.resolver.flag(brokerEnabled, field: "brokerEnabled").get().0) ?? false
        let signIn =
            broker
            ? BrokerInspection.inspect(context: walk.context) : BrowserInspection.inspect(context: walk.context)
        return .inOrder(parts + [walk.tenantCheck(tenant), signIn])
    }
}
