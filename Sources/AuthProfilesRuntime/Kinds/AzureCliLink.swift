// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AzureIdentity

extension AzureCliSettings: LeafLink {
    func bind(
        _ binder: CredentialBinder, node: CredentialNode, scope: LinkScope, options: CredentialOptions
    ) throws -> any TokenCredential {
        // az refuses --tenant with --subscription; a subscription implies its tenant.
        let subscription = try binder.optionalText(subscription, Field.subscription.name)
        return try AzureCliCredential(
            tenantID: subscription == nil ? try binder.tenant(for: node, in: scope) : nil,
            subscription: subscription,
            processTimeout: try binder.processTimeout(node), options: options)
    }

    func inspect(_ walk: ExplainWalk, node: CredentialNode, scope: LinkScope) -> InspectionResult {
        // As `bind`: a subscription implies its tenant (which is then not read), and az refuses both together.
        var name: String?
        var tenant: String?
        var parts: [InspectionResult] = []
        if let subscription {
            let (resolved, result) = walk.value(subscription, field: Field.subscription.name, node: node)
            name = resolved
            parts.append(result)
        } else {
            let (resolved, result) = walk.tenant(for: node, in: scope)
            tenant = resolved
            parts.append(result)
        }
        parts += [walk.timeout(node), walk.tenantCheck(tenant)]
        parts.append(AzureCliInspection.inspect(tenantID: tenant, subscription: name, context: walk.context))
        return .inOrder(parts)
    }
}
