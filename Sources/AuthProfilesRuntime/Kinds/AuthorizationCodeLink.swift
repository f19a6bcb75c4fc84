// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AzureIdentity

extension AuthorizationCodeSettings: LeafLink {
    func bind(
        _ binder: CredentialBinder, node: CredentialNode, scope: LinkScope, options: CredentialOptions
    ) throws -> any TokenCredential {
        try AuthorizationCodeCredential(
            tenantID: try binder.requiredTenant(for: node, in: scope),
            clientID: try binder.text(clientID, SharedField.clientID),
            authorizationCode: try binder.secret(code, Field.code),
            redirectURI: try binder.text(redirectURI, Field.redirectURI),
            clientSecret: try clientSecret.map { reference throws(ValueProblem) in
                try binder.secret(reference, Field.clientSecret)
            }, options: options)
    }

    func inspect(_ walk: ExplainWalk, node: CredentialNode, scope: LinkScope) -> InspectionResult {
        let (tenant, tenantResult) = walk.tenant(for: node, in: scope)
        return .inOrder(
            [
                tenantResult, walk.value(clientID, field: SharedField.clientID.name, node: node).1,
                walk.secret(code, field: "authorization code"),
                walk.value(redirectURI, field: Field.redirectURI.name, node: node).1,
            ]
                + (clientSecret.map { [walk.secret($0, field: "client secret")] } ?? []) + [walk.tenantCheck(tenant)])
    }
}
