// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import IdentitySupport

/// Validation of what the developer-tool credentials put on a command line.
///
/// The arguments go to the tool as argv (no shell), so this is not what keeps them safe; it keeps a tool from
/// being handed an option (`--debug`) or garbage where a tenant, scope or subscription belongs, and gives a clear
/// error first. The character sets are Azure Identity's.
enum DeveloperToolInput {
    /// A scope: letters, digits and `-_.:/`.
    /// The request's first scope, validated: the tools that take a single resource use only that one.
    static func firstScope(of request: TokenRequest, credentialName: String) throws -> String {
        guard let scope = request.scopes.first else {
            throw AzureIdentityError(
                code: .invalidConfiguration,
                message: "\(credentialName): at least one scope is required.",
                credentialName: credentialName
            )
        }
        try validateScope(scope, credentialName: credentialName)
        return scope
    }

    static func validateScope(_ scope: String, credentialName: String) throws {
        try check(scope, allowed: "-_.:/", what: "scope", credentialName: credentialName)
    }

    /// A subscription name or id: letters, digits, `-._` and spaces.
    static func validateSubscription(_ subscription: String, credentialName: String) throws {
        try check(subscription, allowed: "-._ ", what: "subscription", credentialName: credentialName)
    }

    /// A tenant: letters, digits, `-` and `.`, and the shape ``TenantSyntax`` (the rule `TenantID.validate` and the
    /// profile validator apply) requires: no `.` or `..`, no empty label.
    static func validateTenant(_ tenant: String, credentialName: String) throws {
        try check(tenant, allowed: "-.", what: "tenant id", credentialName: credentialName)
        guard TenantSyntax.isValid(tenant) else {
            throw AzureIdentityError(
                code: .invalidConfiguration,
                message: "\(credentialName): invalid tenant id: \(TenantSyntax.rule).",
                credentialName: credentialName
            )
        }
    }

    /// The resource for a `.default` scope: `https://vault.azure.net/.default` → `https://vault.azure.net`.
    static func resource(for scope: String) -> String {
        scope.hasSuffix("/.default") ? String(scope.dropLast("/.default".count)) : scope
    }

    private static func check(_ value: String, allowed: String, what: String, credentialName: String) throws {
        let valid = value.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
                || allowed.unicodeScalars.contains(scalar)
        }
        guard !value.isEmpty, valid, !value.hasPrefix("-") else {
            throw AzureIdentityError(
                code: .invalidConfiguration,
                message: "\(credentialName): invalid \(what) '\(value.prefix(80))'. Only letters, digits and "
                    + "'\(allowed)' are allowed, and it must not start with '-'.",
                credentialName: credentialName
            )
        }
    }
}
