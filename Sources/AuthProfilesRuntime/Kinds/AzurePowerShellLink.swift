// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AzureIdentity

extension AzurePowerShellSettings: LeafLink {
    func bind(
        _ binder: CredentialBinder, node: CredentialNode, scope: LinkScope, options: CredentialOptions
    ) throws -> any TokenCredential {
        try AzurePowerShellCredential(
            tenantID: try binder.tenant(for: node, in: scope), processTimeout: try binder.processTimeout(node),
            options: options)
    }

    func inspect(_ walk: ExplainWalk, node: CredentialNode, scope: LinkScope) -> InspectionResult {
        let (tenant, tenantResult) = walk.tenant(for: node, in: scope)
        return .inOrder([
            tenantResult, walk.timeout(node), walk.tenantCheck(tenant),
            AzurePowerShellInspection.inspect(tenantID: tenant, context: walk.context),
        ])
    }
}
