// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

extension CredentialKind {
    /// AzureCliCredential: the account `az login` signed in.
    public static let azureCli = CredentialKind("azureCli")
}

/// An `azureCli` link's settings.
package struct AzureCliSettings: KindSettings {
    /// The subscription to pass to `az`, which then decides the tenant.
    package let subscription: ProfileValue<String>?

    package enum Field {
        package static let subscription = FieldSpec(
            "subscription", .text, "The subscription name or id to pass to `az`.")
    }
}

extension KindDefinition {
    static let azureCli = KindDefinition(
        .azureCli, azureIdentityName: "AzureCliCredential", category: .developerTool, tenant: .optional,
        fields: [AzureCliSettings.Field.subscription],
        build: { reader, _ in AzureCliSettings(subscription: reader.text(AzureCliSettings.Field.subscription)) })
}
