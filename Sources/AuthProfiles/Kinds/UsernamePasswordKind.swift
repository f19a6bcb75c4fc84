// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

extension CredentialKind {
    /// UsernamePasswordCredential: a user's name and password (deprecated by Microsoft).
    public static let usernamePassword = CredentialKind("usernamePassword")
}

/// A `usernamePassword` link's settings.
package struct UsernamePasswordSettings: KindSettings {
    /// The public client's id.
    package let clientID: ProfileValue<String>
    /// The user's sign-in name.
    package let username: ProfileValue<String>
    /// The user's password.
    package let password: SecretReference

    package enum Field {
        package static let username = FieldSpec("username", .text, required: true, "The user's sign-in name.")
        package static let password = FieldSpec("password", .secret, required: true, "The user's password.")
    }

    package var secretFiles: [SecretFileReference] {
        SecretFileReference.secret(password, field: Field.password.name)
    }
}

extension KindDefinition {
    static let usernamePassword = KindDefinition(
        .usernamePassword, azureIdentityName: "UsernamePasswordCredential", category: .user, tenant: .optional,
        fields: [
            SharedField.publicClientID, UsernamePasswordSettings.Field.username,
            UsernamePasswordSettings.Field.password,
        ],
        deprecation: Deprecation(
            message: "usernamePassword cannot satisfy multi-factor authentication and is deprecated by Microsoft",
            hint: "use interactiveBrowser or deviceCode for users, or a workload credential for services"),
        build: { reader, _ in
            guard let clientID = reader.textOrDefault(SharedField.publicClientID),
                let username = reader.text(UsernamePasswordSettings.Field.username),
                let password = reader.secret(UsernamePasswordSettings.Field.password)
            else { return nil }
            return UsernamePasswordSettings(clientID: clientID, username: username, password: password)
        })
}
