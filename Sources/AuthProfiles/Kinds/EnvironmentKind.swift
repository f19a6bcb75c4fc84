// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

extension CredentialKind {
    /// EnvironmentCredential: a service principal or user from the `AZURE_*` variables.
    public static let environment = CredentialKind("environment")
}

/// An `environment` link has no settings: the environment is its configuration.
package struct EnvironmentSettings: KindSettings {}

extension KindDefinition {
    static let environment = KindDefinition(
        .environment, azureIdentityName: "EnvironmentCredential", category: .deployed, tenant: .none,
        identityVariables: [
            "AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET", "AZURE_CLIENT_CERTIFICATE_PATH",
            "AZURE_CLIENT_CERTIFICATE_PASSWORD", "AZURE_CLIENT_SEND_CERTIFICATE_CHAIN", "AZURE_USERNAME",
            "AZURE_PASSWORD",
        ],
        readsAuthorityHostVariable: true,
        build: { _, _ in EnvironmentSettings() })
}
