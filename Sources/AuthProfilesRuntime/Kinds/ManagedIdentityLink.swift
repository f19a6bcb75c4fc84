// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AzureIdentity

extension ManagedIdentitySettings: LeafLink {
    func bind(
        _ binder: CredentialBinder, node: CredentialNode, scope: LinkScope, options: CredentialOptions
    ) throws -> any TokenCredential {
        var managed = binder.options.managedIdentity
        managed.identity = try binder.identity(selector)
        return try ManagedIdentityCredential(managedIdentity: managed, options: options)
    }

    func inspect(_ walk: ExplainWalk, node: CredentialNode, scope: LinkScope) -> InspectionResult {
        walk.inspectManagedIdentity(selector: selector, node: node)
    }
}
