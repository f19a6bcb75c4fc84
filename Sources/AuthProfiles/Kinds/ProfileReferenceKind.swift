// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

extension CredentialKind {
    /// A reference to another profile's credential.
    public static let profile = CredentialKind("profile")
}

/// A `profile` link's settings: the profile it refers to.
package struct ProfileReferenceSettings: KindSettings {
    /// The referenced profile's name.
    package let name: String

    package enum Field {
        package static let name = FieldSpec(
            "name", .profileReference, required: true, "The profile whose credential to use.")
    }
}

extension KindDefinition {
    static let profile = KindDefinition(
        .profile, azureIdentityName: "(a reference to another profile)", category: .composite, tenant: .none,
        fields: [ProfileReferenceSettings.Field.name],
        build: { reader, builder in
            let field = ProfileReferenceSettings.Field.name
            guard let name = reader.text(field)?.literal else { return nil }
            guard builder.rawProfileIndex[name] != nil else {
                builder.report(
                    .unknownProfile, "credential refers to unknown profile \(ShownValue.quoted(name))",
                    at: reader.object.location(of: field.name), path: "\(reader.keyPath()).\(field.name)",
                    hint: builder.suggestions.hint(for: name, in: builder.profileNames))
                return nil
            }
            return ProfileReferenceSettings(name: name)
        })
}
