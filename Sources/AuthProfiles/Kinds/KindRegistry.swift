// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// Every kind of credential, each defined once in its own file: the one list the format spec, the decoder, the
/// schema, the docs tables and the walk-every-kind test iterate. A new kind is added here and nowhere else in this
/// module.
package enum KindRegistry {
    /// The definitions, in documentation order.
    package static let definitions: [KindDefinition] = [
        .environment, .workloadIdentity, .managedIdentity, .clientSecret, .clientCertificate, .clientAssertion,
        .onBehalfOf, .usernamePassword, .authorizationCode, .deviceCode, .interactiveBrowser, .visualStudioCode,
        .azureCli, .azureDeveloperCli, .azurePowerShell, .azurePipelines, .default, .chain, .profile,
    ]

    /// The kinds, in documentation order.
    static let kinds = definitions.map(\.kind)

    private static let byName: [String: KindDefinition] = Dictionary(
        uniqueKeysWithValues: definitions.map { ($0.kind.rawValue, $0) })

    /// The definition of a kind's name, if it is registered.
    static func definition(named name: String) -> KindDefinition? { byName[name] }

    /// The definition of a kind. Every ``CredentialKind`` value comes from a registered definition (its only
    /// initialisers are the registry lookup and the definition files' constants), so one is always found.
    static func definition(of kind: CredentialKind) -> KindDefinition {
        byName[kind.rawValue] ?? unregistered(kind)
    }

    private static func unregistered(_ kind: CredentialKind) -> KindDefinition {
        KindDefinition(
            kind, azureIdentityName: kind.rawValue, category: .composite, tenant: .none, build: { _, _ in nil })
    }
}
