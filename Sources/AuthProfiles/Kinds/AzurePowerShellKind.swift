// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

extension CredentialKind {
    /// AzurePowerShellCredential: the account `Connect-AzAccount` signed in.
    public static let azurePowerShell = CredentialKind("azurePowerShell")
}

/// An `azurePowerShell` link has no settings of its own.
package struct AzurePowerShellSettings: KindSettings {}

extension KindDefinition {
    static let azurePowerShell = KindDefinition(
        .azurePowerShell, azureIdentityName: "AzurePowerShellCredential", category: .developerTool,
        tenant: .optional, build: { _, _ in AzurePowerShellSettings() })
}
