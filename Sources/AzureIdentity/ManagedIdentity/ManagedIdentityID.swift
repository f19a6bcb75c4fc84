// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// Which managed identity to ask for: the host's system-assigned identity or one user-assigned identity, named by
/// exactly one of client id, ARM resource id or object (principal) id.
public struct ManagedIdentityID: Sendable, Hashable, CustomStringConvertible {
    /// How the identity is named.
    public enum Kind: Sendable, Hashable {
        /// The system-assigned identity.
        case systemAssigned
        /// A user-assigned identity by client id.
        case clientID
        /// A user-assigned identity by ARM resource id.
        case resourceID
        /// A user-assigned identity by object (principal) id.
        case objectID
    }

    /// How the identity is named.
    public let kind: Kind
    /// The id; empty for ``systemAssigned``.
    public let value: String

    private init(kind: Kind, value: String) {
        self.kind = kind
        self.value = value
    }

    /// The host's system-assigned identity.
    public static let systemAssigned = ManagedIdentityID(kind: .systemAssigned, value: "")

    /// A user-assigned identity by client id.
    public static func clientID(_ id: String) -> ManagedIdentityID { ManagedIdentityID(kind: .clientID, value: id) }

    /// A user-assigned identity by ARM resource id (`/subscriptions/…/userAssignedIdentities/<name>`).
    public static func resourceID(_ id: String) -> ManagedIdentityID { ManagedIdentityID(kind: .resourceID, value: id) }

    /// A user-assigned identity by object (principal) id.
    public static func objectID(_ id: String) -> ManagedIdentityID { ManagedIdentityID(kind: .objectID, value: id) }

    /// Builds an id from optional parts, as configuration files and options supply them.
    /// - Throws: ``AzureIdentityError/Code/invalidConfiguration`` when more than one is given.
    public init(clientID: String? = nil, resourceID: String? = nil, objectID: String? = nil) throws {
        let given = [clientID, resourceID, objectID].compactMap { $0?.isEmpty == false ? $0 : nil }
        guard given.count <= 1 else {
            throw AzureIdentityError(
                code: .invalidConfiguration,
                message: "ManagedIdentityCredential: only one of clientID, resourceID or objectID can be given.",
                credentialName: "ManagedIdentityCredential"
            )
        }
        if let clientID, !clientID.isEmpty {
            self = .clientID(clientID)
        } else if let resourceID, !resourceID.isEmpty {
            self = .resourceID(resourceID)
        } else if let objectID, !objectID.isEmpty {
            self = .objectID(objectID)
        } else {
            self = .systemAssigned
        }
    }

    /// `system-assigned`, or `<kind> <id>`.
    public var description: String {
        switch kind {
        case .systemAssigned: "system-assigned"
        case .clientID: "client id \(value)"
        case .resourceID: "resource id \(value)"
        case .objectID: "object id \(value)"
        }
    }
}
