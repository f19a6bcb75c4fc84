import AuthProfiles
import AzureIdentity

extension EnvironmentSettings: LeafLink {
    func bind(
        _ binder: CredentialBinder, node: CredentialNode, scope: LinkScope, options: CredentialOptions
    ) throws -> any TokenCredential {
        EnvironmentCredential(options: options)
    }

    func inspect(_ walk: ExplainWalk, node: CredentialNode, scope: LinkScope) -> InspectionResult {
        walk.inspectEnvironmentCredential()
    }
}
