// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AzureIdentity

extension DeviceCodeSettings: LeafLink {
    func bind(
        _ binder: CredentialBinder, node: CredentialNode, scope: LinkScope, options: CredentialOptions
    ) throws -> any TokenCredential {
        try DeviceCodeCredential(
            tenantID: try binder.tenant(for: node, in: scope),
            clientID: try binder.text(clientID, SharedField.clientID), options: options,
            prompt: binder.options.deviceCodePrompt)
    }

    func inspect(_ walk: ExplainWalk, node: CredentialNode, scope: LinkScope) -> InspectionResult {
        let (tenant, tenantResult) = walk.tenant(for: node, in: scope)
        var result = InspectionResult.inOrder([
            tenantResult, walk.value(clientID, field: SharedField.clientID.name, node: node).1,
            walk.tenantCheck(tenant),
        ])
        result.evidence.append(
            Evidence(.note, node.kind.rawValue, "needs a person to enter a code on another device"))
        return result
    }
}
