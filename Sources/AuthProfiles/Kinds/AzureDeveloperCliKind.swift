// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

extension CredentialKind {
    /// AzureDeveloperCliCredential: the account `azd auth login` signed in.
    public static let azureDeveloperCli = CredentialKind("azureDeveloperCli")
}

/// An `azureDeveloperCli` link has no settings of its own.
package struct AzureDeveloperCliSettings: KindSettings {}

extension KindDefinition {
    static let azureDeveloperCli = KindDefinition(
        .azureDeveloperCli, azureIdentityName: "AzureDeveloperCliCredential", category: .developerTool,
        tenant: .optional, build: { _, _ in AzureDeveloperCliSettings() })
}
