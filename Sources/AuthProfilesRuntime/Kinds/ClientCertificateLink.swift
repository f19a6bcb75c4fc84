// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AzureIdentity

extension ClientCertificateSettings: LeafLink {
    func bind(
        _ binder: CredentialBinder, node: CredentialNode, scope: LinkScope, options: CredentialOptions
    ) throws -> any TokenCredential {
        try ClientCertificateCredential(
            tenantID: try binder.requiredTenant(for: node, in: scope),
            clientID: try binder.text(clientID, SharedField.clientID), certificate: try binder.load(certificate),
            sendCertificateChain: try binder.flag(
                certificate.sendCertificateChain, SharedField.sendCertificateChain.name),
            options: options)
    }

    func inspect(_ walk: ExplainWalk, node: CredentialNode, scope: LinkScope) -> InspectionResult {
        let (tenant, tenantResult) = walk.tenant(for: node, in: scope)
        return .inOrder([
            tenantResult, walk.value(clientID, field: SharedField.clientID.name, node: node).1,
            walk.certificate(certificate, node: node), walk.tenantCheck(tenant),
        ])
    }
}
