// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AzureIdentity

extension ClientAssertionSettings: LeafLink {
    func bind(
        _ binder: CredentialBinder, node: CredentialNode, scope: LinkScope, options: CredentialOptions
    ) throws -> any TokenCredential {
        let provider = try binder.assertionProvider(assertion)
        return try ClientAssertionCredential(
            tenantID: try binder.requiredTenant(for: node, in: scope),
            clientID: try binder.text(clientID, SharedField.clientID), options: options, assertionProvider: provider)
    }

    func inspect(_ walk: ExplainWalk, node: CredentialNode, scope: LinkScope) -> InspectionResult {
        // The binder reads an assertion reference (to see that it is there) before the tenant and client id; a
        // command is looked up only when a token is asked for.
        let assertionResult = walk.assertion(assertion)
        let (tenant, tenantResult) = walk.tenant(for: node, in: scope)
        let ids = [tenantResult, walk.value(clientID, field: SharedField.clientID.name, node: node).1]
        if case .command = assertion { return .inOrder(ids + [walk.tenantCheck(tenant), assertionResult]) }
        guard case .reference(.file(let path)) = assertion else {
            return .inOrder([assertionResult] + ids + [walk.tenantCheck(tenant)])
        }
        // An assertion file is read as a secret file at binding (there, readable, not empty); what it holds (a JWT,
        // not expired) matters only when a token is asked for, after the ids: an expired assertion with an unset
        // client id is unavailable, as in the run.
        let bound = walk.secret(.file(path: path), field: "client assertion").verdict
        return .inOrder(
            [InspectionResult(verdict: bound, evidence: [])] + ids + [walk.tenantCheck(tenant), assertionResult])
    }
}
