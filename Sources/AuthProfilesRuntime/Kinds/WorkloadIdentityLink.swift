import AuthProfiles
import AzureIdentity

extension WorkloadIdentitySettings: LeafLink {
    func bind(
        _ binder: CredentialBinder, node: CredentialNode, scope: LinkScope, options: CredentialOptions
    ) throws -> any TokenCredential {
        try WorkloadIdentityCredential(
            tenantID: try binder.tenant(for: node, in: scope),
            clientID: try binder.text(clientID, SharedField.clientID),
            tokenFilePath: try binder.path(tokenFile, Field.tokenFile, what: "token file"), options: options)
    }

    func inspect(_ walk: ExplainWalk, node: CredentialNode, scope: LinkScope) -> InspectionResult {
        let (tenant, tenantResult) = walk.tenant(for: node, in: scope)
        var parts = [tenantResult, walk.value(clientID, field: SharedField.clientID.name, node: node).1]
        if tenant == nil { parts.append(walk.implicitVariable("AZURE_TENANT_ID", field: "tenant")) }
        let (path, pathResult) = walk.value(tokenFile, field: Field.tokenFile.name, node: node)
        parts.append(pathResult)
        if let path {
            // The binder resolves the path (`~` from HOME) before the tenant id is checked; the file itself is read
            // at each request, after.
            let file = TokenFileInspection.inspect(path: path, context: walk.context)
            if case .failure = walk.context.path(path) {
                parts += [file, walk.tenantCheck(tenant)]
            } else {
                parts += [walk.tenantCheck(tenant), file]
            }
        } else {
            parts.append(walk.tenantCheck(tenant))
        }
        return .inOrder(parts)
    }
}
