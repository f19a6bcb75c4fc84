// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AzureIdentity

extension AzurePipelinesSettings: LeafLink {
    func bind(
        _ binder: CredentialBinder, node: CredentialNode, scope: LinkScope, options: CredentialOptions
    ) throws -> any TokenCredential {
        try AzurePipelinesCredential(
            tenantID: try binder.requiredTenant(for: node, in: scope),
            clientID: try binder.text(clientID, SharedField.clientID),
            serviceConnectionID: try binder.text(serviceConnectionID, Field.serviceConnectionID),
            systemAccessToken: try binder.secret(systemAccessToken, Field.systemAccessToken), options: options)
    }

    func inspect(_ walk: ExplainWalk, node: CredentialNode, scope: LinkScope) -> InspectionResult {
        let (tenant, tenantResult) = walk.tenant(for: node, in: scope)
        return .inOrder([
            tenantResult, walk.value(clientID, field: SharedField.clientID.name, node: node).1,
            walk.value(serviceConnectionID, field: Field.serviceConnectionID.name, node: node).1,
            walk.secret(systemAccessToken, field: "System.AccessToken"), walk.tenantCheck(tenant),
            walk.implicitVariable("SYSTEM_OIDCREQUESTURI", field: "Azure Pipelines OIDC endpoint"),
        ])
    }
}
