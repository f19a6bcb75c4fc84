// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

extension CredentialKind {
    /// AuthorizationCodeCredential: redeems an authorization code another flow obtained.
    public static let authorizationCode = CredentialKind("authorizationCode")
}

/// An `authorizationCode` link's settings.
package struct AuthorizationCodeSettings: KindSettings {
    /// The application's client id.
    package let clientID: ProfileValue<String>
    /// The authorization code.
    package let code: SecretReference
    /// The redirect URI the code was issued for.
    package let redirectURI: ProfileValue<String>
    /// A confidential application's secret.
    package let clientSecret: SecretReference?

    package enum Field {
        package static let code = FieldSpec(
            "authorizationCode", .secret, required: true, "The authorization code to redeem.")
        package static let redirectURI = FieldSpec(
            "redirectUri", .url, required: true, "The redirect URI the code was issued for.")
        package static let clientSecret = FieldSpec(
            "clientSecret", .secret, "The client secret of a confidential application.")
    }

    package var secretFiles: [SecretFileReference] {
        SecretFileReference.secret(code, field: Field.code.name)
            + SecretFileReference.secret(clientSecret, field: Field.clientSecret.name)
    }
}

extension KindDefinition {
    static let authorizationCode = KindDefinition(
        .authorizationCode, azureIdentityName: "AuthorizationCodeCredential", category: .user, tenant: .required,
        fields: [
            SharedField.clientID, AuthorizationCodeSettings.Field.code, AuthorizationCodeSettings.Field.redirectURI,
            AuthorizationCodeSettings.Field.clientSecret,
        ],
        build: { reader, _ in
            typealias Field = AuthorizationCodeSettings.Field
            guard let clientID = reader.text(SharedField.clientID), let code = reader.secret(Field.code),
                let redirect = reader.text(Field.redirectURI)
            else { return nil }
            return AuthorizationCodeSettings(
                clientID: clientID, code: code, redirectURI: redirect, clientSecret: reader.secret(Field.clientSecret))
        })
}
