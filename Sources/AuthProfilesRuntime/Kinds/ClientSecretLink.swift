// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AzureIdentity

extension ClientSecretSettings: LeafLink {
    func bind(
        _ binder: CredentialBinder, node: CredentialNode, scope: LinkScope, options: CredentialOptions
    ) throws -> any TokenCredential {
        try ClientSecretCredential(
            tenantID: try binder.requiredTenant(for: node, in: scope),
            clientID: try binder.text(clientID, SharedField.clientID),
            secret: try binder.secret(secret, SharedField.clientSecret), options: options)
    }

    func inspect(_ walk: ExplainWalk, node: CredentialNode, scope: LinkScope) -> InspectionResult {
        let (tenant, tenantResult) = walk.tenant(for: node, in: scope)
        return .inOrder([
            tenantResult, walk.value(clientID, field: SharedField.clientID.name, node: node).1,
            walk.secret(secret, field: "client secret"), walk.tenantCheck(tenant),
        ])
    }
}
