// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import IdentitySupport

/// Tenant id validation and per-request tenant resolution (Azure Identity's multi-tenant rules).
public enum TenantID {
    /// Throws unless the tenant id is well formed: dot-separated labels of ASCII letters, digits and `-`
    /// (`TenantSyntax`, the rule the profile validator uses too). `.` and `..` would become path segments of the
    /// token endpoint's URL, so they and every other empty label are refused.
    public static func validate(_ tenantID: String) throws {
        guard TenantSyntax.isValid(tenantID) else {
            throw AzureIdentityError(
                code: .invalidConfiguration,
                message: "Invalid tenant id provided: \(TenantSyntax.rule). "
                    + "You can locate your tenant id by following the instructions at "
                    + "https://learn.microsoft.com/partner-center/find-ids-and-domain-names."
            )
        }
    }

    /// Chooses the tenant for one request.
    ///
    /// - With `AZURE_IDENTITY_DISABLE_MULTITENANTAUTH` set (non-empty), or a configured tenant of `adfs`, the
    ///   configured tenant always wins.
    /// - Otherwise the requested tenant wins; if it differs from the configured one it must be listed in
    ///   `additionallyAllowedTenants` (or the list contains `*`), else the credential is unavailable.
    public static func resolve(
        configured: String,
        requested: String?,
        additionallyAllowedTenants: [String],
        environment: [String: String],
        credentialName: String
    ) throws -> String {
        if EnvironmentVariables(environment).isSet("AZURE_IDENTITY_DISABLE_MULTITENANTAUTH") { return configured }
        if configured.lowercased() == "adfs" { return configured }
        guard let requested, !requested.isEmpty, requested != configured else { return configured }
        try validate(requested)
        if additionallyAllowedTenants.contains("*") || additionallyAllowedTenants.contains(requested) {
            return requested
        }
        throw AzureIdentityError(
            code: .credentialUnavailable,
            message: "The current credential is not configured to acquire tokens for tenant \(requested). "
                + "To enable acquiring tokens for this tenant add it to additionallyAllowedTenants, "
                + "or add \"*\" to allow acquiring tokens for any tenant.",
            credentialName: credentialName
        )
    }
}
