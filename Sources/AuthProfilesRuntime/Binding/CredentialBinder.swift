// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AzureIdentity
import Foundation

/// Turns one leaf of a validated profile (any kind but `chain`, `profile` and `default`) into an AzureIdentity
/// credential, resolving its environment bindings and secret references.
///
/// A setting whose variable or file is absent makes the link unavailable; one that is present but wrong makes it
/// fail. Either way the problem names the variable or file, never a secret's value.
struct CredentialBinder: Sendable {
    let resolver: ValueResolver
    let options: ProfileRuntimeOptions
    let transport: (any HTTPTransport)?

    func credentialOptions(for node: CredentialNode, in scope: LinkScope) throws(ValueProblem) -> CredentialOptions {
        var credentialOptions = CredentialOptions(
            authorityHost: try resolver.authority(for: node, in: scope).host.get(),
            additionallyAllowedTenants: scope.additionallyAllowedTenants(for: node),
            transport: transport,
            timeSource: options.timeSource,
            environment: options.environment,
            logger: options.logger,
            processRunner: options.processRunner,
            tokenCachePersistence: options.tokenCache.persistence(for: scope.profile))
        credentialOptions.brokerConnection = options.brokerConnection
        return credentialOptions
    }

    func text(_ value: ProfileValue<String>, _ field: String) throws(ValueProblem) -> String {
        try resolver.resolve(value, field: field).get().0
    }

    func optionalText(_ value: ProfileValue<String>?, _ field: String) throws(ValueProblem) -> String? {
        guard let value else { return nil }
        return try text(value, field)
    }

    func secret(_ reference: SecretReference, _ field: String) throws(ValueProblem) -> Secret {
        try resolver.secret(reference, field: field).get()
    }

    /// A field's text value; the field names the value in problems.
    func text(_ value: ProfileValue<String>, _ field: FieldSpec) throws(ValueProblem) -> String {
        try text(value, field.name)
    }

    /// A field's secret.
    func secret(_ reference: SecretReference, _ field: FieldSpec) throws(ValueProblem) -> Secret {
        try secret(reference, field.name)
    }

    /// The link's tenant, if it has one. A kind whose definition requires a tenant (``TenantRule/required``)
    /// cannot run without one.
    func tenant(for node: CredentialNode, in scope: LinkScope) throws(ValueProblem) -> String? {
        let tenant = try resolver.tenantID(for: node, in: scope).get()
        if tenant == nil && node.definition.tenant == .required {
            throw ValueProblem(
                isMissing: false, message: "\(node.kind.rawValue) needs a tenant",
                hint: "Give the profile (or the link) a `tenant:`.", isStable: true)
        }
        return tenant
    }

    /// The tenant of a link whose kind requires one.
    func requiredTenant(for node: CredentialNode, in scope: LinkScope) throws(ValueProblem) -> String {
        guard let tenant = try tenant(for: node, in: scope) else {
            throw ValueProblem(
                isMissing: false, message: "\(node.kind.rawValue) needs a tenant",
                hint: "Give the profile (or the link) a `tenant:`.", isStable: true)
        }
        return tenant
    }

    /// A path setting, resolved by the package's one rule (``ValueResolver/path(_:what:)``).
    func path(_ value: ProfileValue<String>, _ field: String, what: String) throws(ValueProblem) -> String {
        try resolver.path(try text(value, field), what: "\(field): \(what)").get()
    }

    /// A path field, resolved by the package's one rule.
    func path(_ value: ProfileValue<String>, _ field: FieldSpec, what: String) throws(ValueProblem) -> String {
        try path(value, field.name, what: what)
    }

    /// Builds the credential, mapping AzureIdentity's configuration errors to a failed link.
    func bind(_ node: CredentialNode, in scope: LinkScope) throws(ValueProblem) -> any TokenCredential {
        try mappingErrors { try make(node, in: scope) }
    }

    /// Builds one member of a `default` link, with the same error mapping.
    func bindDefaultMember(
        _ member: DefaultMembers.Member, settings: DefaultCredentialSettings, single: Bool, node: CredentialNode,
        in scope: LinkScope
    ) throws(ValueProblem) -> any TokenCredential {
        try mappingErrors {
            try makeDefaultMember(member, settings: settings, single: single, node: node, in: scope)
        }
    }

    /// An unavailable AzureIdentity credential stays unavailable; every other error makes the link fail.
    private func mappingErrors(_ make: () throws -> any TokenCredential) throws(ValueProblem) -> any TokenCredential {
        do {
            return try make()
        } catch let problem as ValueProblem {
            throw problem
        } catch let error as AzureIdentityError {
            throw ValueProblem(isMissing: error.code == .credentialUnavailable, message: error.message)
        } catch {
            throw ValueProblem(isMissing: false, message: "\(error)")
        }
    }
}
