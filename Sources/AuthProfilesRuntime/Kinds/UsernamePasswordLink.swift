// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AzureIdentity

extension UsernamePasswordSettings: LeafLink {
    func bind(
        _ binder: CredentialBinder, node: CredentialNode, scope: LinkScope, options: CredentialOptions
    ) throws -> any TokenCredential {
        try UsernamePasswordCredential(
            tenantID: try binder.tenant(for: node, in: scope) ?? "organizations",
            clientID: try binder.text(clientID, SharedField.clientID),
            username: try binder.text(username, Field.username),
            password: try binder.secret(password, Field.password), options: options)
    }

    func inspect(_ walk: ExplainWalk, node: CredentialNode, scope: LinkScope) -> InspectionResult {
        let (tenant, tenantResult) = walk.tenant(for: node, in: scope)
        var result = InspectionResult.inOrder([
            tenantResult, walk.value(clientID, field: SharedField.clientID.name, node: node).1,
            walk.value(username, field: Field.username.name, node: node).1,
            walk.secret(password, field: Field.password.name), walk.tenantCheck(tenant),
        ])
        result.evidence.append(Evidence(.note, node.kind.rawValue, "fails for accounts that require MFA"))
        return result
    }
}
