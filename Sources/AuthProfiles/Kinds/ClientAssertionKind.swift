// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

extension CredentialKind {
    /// ClientAssertionCredential: an application with a signed assertion from a file, a variable or a command.
    public static let clientAssertion = CredentialKind("clientAssertion")
}

/// A `clientAssertion` link's settings.
package struct ClientAssertionSettings: KindSettings {
    /// The application's client id.
    package let clientID: ProfileValue<String>
    /// Where the assertion comes from.
    package let assertion: AssertionSource
}

extension KindDefinition {
    static let clientAssertion = KindDefinition(
        .clientAssertion, azureIdentityName: "ClientAssertionCredential", category: .deployed, tenant: .required,
        fields: [SharedField.clientID, SharedField.assertion.required],
        build: { reader, _ in
            guard let clientID = reader.text(SharedField.clientID), let source = reader.assertion(SharedField.assertion)
            else { return nil }
            return ClientAssertionSettings(clientID: clientID, assertion: source)
        })
}
