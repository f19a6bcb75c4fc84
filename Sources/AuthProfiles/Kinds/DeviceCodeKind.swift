// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

extension CredentialKind {
    /// DeviceCodeCredential: a person signs in on another device with a code.
    public static let deviceCode = CredentialKind("deviceCode")
}

/// A `deviceCode` link's settings.
package struct DeviceCodeSettings: KindSettings {
    /// The public client's id.
    package let clientID: ProfileValue<String>
}

extension KindDefinition {
    static let deviceCode = KindDefinition(
        .deviceCode, azureIdentityName: "DeviceCodeCredential", category: .interactive, tenant: .optional,
        fields: [SharedField.publicClientID],
        build: { reader, _ in
            guard let clientID = reader.textOrDefault(SharedField.publicClientID) else { return nil }
            return DeviceCodeSettings(clientID: clientID)
        })
}
