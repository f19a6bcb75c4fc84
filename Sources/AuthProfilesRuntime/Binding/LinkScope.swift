// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

package import AuthProfiles
import AzureIdentity

/// The profile a link belongs to, which decides its tenant, cloud and allowed tenants.
///
/// A `profile` reference switches scope: the referenced profile's links authenticate in its own tenant and cloud.
package struct LinkScope: Sendable {
    /// The profile whose credential tree is being walked.
    package let profile: Profile
    /// The file (graph) the profile lives in.
    package let graph: CredentialGraph

    /// The scope of `profile`'s links within `graph`: its tenant, cloud and allowed tenants.
    package init(profile: Profile, graph: CredentialGraph) {
        self.profile = profile
        self.graph = graph
    }

    /// The tenant binding that applies to a link: its own, else the profile's.
    package func tenant(for node: CredentialNode) -> TenantBinding? { node.tenant ?? profile.tenant }

    /// The other tenants a link may be asked for.
    package func additionallyAllowedTenants(for node: CredentialNode) -> [String] {
        node.additionallyAllowedTenants ?? profile.additionallyAllowedTenants
    }

    /// The cloud the profile authenticates in.
    package var cloud: CloudDefinition? { graph.cloud(for: profile) }

    /// Whether a cloud is named for a link: by its profile (itself, `extends` or the profile's tenant) or by the
    /// declared tenant the link itself uses. Without one a link is in the public cloud by default.
    package func namesCloud(for node: CredentialNode) -> Bool {
        if profile.namesCloud { return true }
        if case .declared(let tenant)? = node.tenant { return tenant.namesCloud }
        return false
    }
}

extension ValueResolver {
    /// The tenant id a link uses, or `nil` when neither the link nor its profile names one.
    func tenantID(for node: CredentialNode, in scope: LinkScope) -> Result<String?, ValueProblem> {
        switch scope.tenant(for: node) {
        case nil:
            return .success(nil)
        case .literal(let id):
            return .success(id)
        case .declared(let tenant):
            return resolve(tenant.id, field: "tenant \(tenant.name)").map { Optional($0.0) }
        case .environment(let binding):
            return resolve(.environment(binding), field: "tenant").map { Optional($0.0) }
        }
    }
}
