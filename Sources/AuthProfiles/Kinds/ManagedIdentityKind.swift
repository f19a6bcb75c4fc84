// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

extension CredentialKind {
    /// ManagedIdentityCredential: the identity Azure gives the host (App Service, VM, Arc, Cloud Shell, …).
    public static let managedIdentity = CredentialKind("managedIdentity")
}

/// A `managedIdentity` link's settings.
package struct ManagedIdentitySettings: KindSettings {
    /// Which identity.
    package let selector: ManagedIdentitySelector

    package enum Field {
        package static let clientID = FieldSpec(
            "clientId", .clientID, "A user-assigned identity by client id.",
            default: .described("the system-assigned identity"))
        package static let resourceID = FieldSpec(
            "resourceId", .resourceID, "A user-assigned identity by Azure resource id.")
        package static let objectID = FieldSpec("objectId", .guid, "A user-assigned identity by object (principal) id.")
    }
}

/// Which managed identity to use.
package enum ManagedIdentitySelector: Sendable, Hashable {
    case systemAssigned
    case clientID(ProfileValue<String>)
    case resourceID(ProfileValue<String>)
    case objectID(ProfileValue<String>)
}

extension KindDefinition {
    static let managedIdentity = KindDefinition(
        .managedIdentity, azureIdentityName: "ManagedIdentityCredential", category: .deployed, tenant: .none,
        fields: [
            ManagedIdentitySettings.Field.clientID, ManagedIdentitySettings.Field.resourceID,
            ManagedIdentitySettings.Field.objectID,
        ],
        atMostOne: [["clientId", "resourceId", "objectId"]],
        identityVariables: ["IDENTITY_ENDPOINT", "IDENTITY_HEADER", "MSI_ENDPOINT", "MSI_SECRET"],
        build: { reader, _ in
            typealias Field = ManagedIdentitySettings.Field
            if let id = reader.text(Field.clientID) { return ManagedIdentitySettings(selector: .clientID(id)) }
            if let id = reader.text(Field.resourceID) { return ManagedIdentitySettings(selector: .resourceID(id)) }
            if let id = reader.text(Field.objectID) { return ManagedIdentitySettings(selector: .objectID(id)) }
            guard ![Field.clientID, Field.resourceID, Field.objectID].contains(where: reader.isWritten) else {
                return nil
            }
            return ManagedIdentitySettings(selector: .systemAssigned)
        })
}
