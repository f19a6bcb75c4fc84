// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

extension CredentialKind {
    /// InteractiveBrowserCredential: a person signs in in a browser, optionally through the identity broker.
    public static let interactiveBrowser = CredentialKind("interactiveBrowser")
}

/// An `interactiveBrowser` link's settings.
package struct InteractiveBrowserSettings: KindSettings, Hashable {
    /// The application (client) id.
    package let clientID: ProfileValue<String>
    /// The loopback redirect URI registered for the application, when it is not the default.
    package let redirectURI: ProfileValue<String>?
    /// The loopback port to listen on; any free port when unset.
    package let port: ProfileValue<Int>?
    /// The account to pre-fill at sign-in.
    package let loginHint: ProfileValue<String>?
    /// Whether to sign in through the identity broker.
    package let brokerEnabled: ProfileValue<Bool>
    /// Whether the broker may use the signed-in account without asking.
    package let useDefaultBrokerAccount: ProfileValue<Bool>
    /// Whether the broker passes Microsoft accounts through (first-party applications only).
    package let legacyEnableMsaPassthrough: ProfileValue<Bool>

    package enum Field {
        package static let redirectURI = FieldSpec(
            "redirectUri", .url, "The loopback redirect URI.", default: .described("`http://localhost:<port>`"))
        package static let port = FieldSpec(
            "port", .port, "The loopback port to listen on.", default: .described("a free port"))
        package static let loginHint = FieldSpec("loginHint", .text, "The account to preselect.")
        package static let broker = FieldSpec("broker", .object(FormatSpec.broker), "Authentication broker options.")
    }

    /// The fields of the `broker` object.
    package enum BrokerField {
        package static let enabled = FieldSpec(
            "enabled", .boolean, "Use the operating system's authentication broker.", default: .value("false"))
        package static let useDefaultBrokerAccount = FieldSpec(
            "useDefaultBrokerAccount", .boolean, "Try the broker's default account first.", default: .value("false"))
        package static let legacyEnableMsaPassthrough = FieldSpec(
            "legacyEnableMsaPassthrough", .boolean, "Allow personal Microsoft accounts via passthrough.",
            default: .value("false"))
    }
}

extension KindDefinition {
    static let interactiveBrowser = KindDefinition(
        .interactiveBrowser, azureIdentityName: "InteractiveBrowserCredential", category: .interactive,
        tenant: .optional,
        fields: [
            SharedField.publicClientID, InteractiveBrowserSettings.Field.redirectURI,
            InteractiveBrowserSettings.Field.port, InteractiveBrowserSettings.Field.loginHint,
            InteractiveBrowserSettings.Field.broker,
        ],
        build: { reader, _ in
            typealias Field = InteractiveBrowserSettings.Field
            typealias Broker = InteractiveBrowserSettings.BrokerField
            guard let clientID = reader.textOrDefault(SharedField.publicClientID) else { return nil }
            let broker = reader.object(Field.broker) ?? DecodedObject(node: -1, location: reader.object.location)
            return InteractiveBrowserSettings(
                clientID: clientID, redirectURI: reader.text(Field.redirectURI), port: reader.port(Field.port),
                loginHint: reader.text(Field.loginHint), brokerEnabled: broker.flag(Broker.enabled),
                useDefaultBrokerAccount: broker.flag(Broker.useDefaultBrokerAccount),
                legacyEnableMsaPassthrough: broker.flag(Broker.legacyEnableMsaPassthrough))
        })
}
