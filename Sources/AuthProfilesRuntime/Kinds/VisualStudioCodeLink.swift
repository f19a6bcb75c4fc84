// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AzureIdentity

extension VisualStudioCodeSettings: LeafLink {
    func bind(
        _ binder: CredentialBinder, node: CredentialNode, scope: LinkScope, options: CredentialOptions
    ) throws -> any TokenCredential {
        try VisualStudioCodeCredential(tenantID: try binder.tenant(for: node, in: scope), options: options)
    }

    func inspect(_ walk: ExplainWalk, node: CredentialNode, scope: LinkScope) -> InspectionResult {
        // As `bind`: the tenant, then VS Code's record and the broker.
        let (tenant, tenantResult) = walk.tenant(for: node, in: scope)
        return .inOrder([
            tenantResult, walk.tenantCheck(tenant), VisualStudioCodeInspection.inspect(context: walk.context),
        ])
    }
}
