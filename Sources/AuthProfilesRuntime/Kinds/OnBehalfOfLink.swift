// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AzureIdentity

extension OnBehalfOfSettings: LeafLink {
    func bind(
        _ binder: CredentialBinder, node: CredentialNode, scope: LinkScope, options: CredentialOptions
    ) throws -> any TokenCredential {
        try OnBehalfOfCredential(
            tenantID: try binder.requiredTenant(for: node, in: scope),
            clientID: try binder.text(clientID, SharedField.clientID),
            userAssertion: try binder.secret(userAssertion, Field.userAssertion),
            authentication: try binder.authentication(client), options: options)
    }

    func inspect(_ walk: ExplainWalk, node: CredentialNode, scope: LinkScope) -> InspectionResult {
        let clientResult: InspectionResult
        switch client {
        case .secret(let reference): clientResult = walk.secret(reference, field: "client secret")
        case .certificate(let settings): clientResult = walk.certificate(settings, node: node)
        case .assertion(let source): clientResult = walk.assertion(source)
        }
        let (tenant, tenantResult) = walk.tenant(for: node, in: scope)
        return .inOrder([
            tenantResult, walk.value(clientID, field: SharedField.clientID.name, node: node).1,
            walk.secret(userAssertion, field: "user assertion"), clientResult, walk.tenantCheck(tenant),
        ])
    }
}
