// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AzureIdentity

extension WorkloadIdentitySettings: LeafLink {
    func bind(
        _ binder: CredentialBinder, node: CredentialNode, scope: LinkScope, options: CredentialOptions
    ) throws -> any TokenCredential {
        try WorkloadIdentityCredential(
            tenantID: try binder.tenant(for: node, in: scope),
            clientID: try binder.text(clientID, Field.clientID),
            tokenFilePath: try binder.path(tokenFile, Field.tokenFile, what: "token file"), options: options)
    }

    func inspect(_ walk: ExplainWalk, node: CredentialNode, scope: LinkScope) -> InspectionResult {
        // As `bind`: the profile's tenant and the client id (`{env: AZURE_CLIENT_ID}` unless written), then the
        // token file's path is resolved (`~` from HOME); only then does the credential read its tenant variable
        // (when no tenant is given) and check the tenant id. The file itself is read at each request, after.
        let (tenant, tenantResult) = walk.tenant(for: node, in: scope)
        var parts = [tenantResult, walk.value(clientID, field: Field.clientID.name, node: node).1]
        let (path, pathResult) = walk.value(tokenFile, field: Field.tokenFile.name, node: node)
        parts.append(pathResult)
        let file = path.map { TokenFileInspection.inspect(path: $0, context: walk.context) }
        if let path, let file, case .failure = walk.context.path(path) {
            // A path the binder cannot resolve stops it there.
            return .inOrder(parts + [file])
        }
        if tenant == nil, let variable = node.definition.tenantVariable {
            parts.append(walk.implicitVariable(variable, field: "tenant"))
        }
        parts.append(walk.tenantCheck(tenant))
        if let file { parts.append(file) }
        return .inOrder(parts)
    }
}
