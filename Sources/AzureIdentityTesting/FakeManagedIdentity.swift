// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

public import Foundation

/// A managed identity the fake's IMDS and App Service endpoints can issue tokens for.
public struct FakeManagedIdentity: Sendable {
    /// The identity's client id.
    public var clientID: String
    /// The identity's object (principal) id.
    public var objectID: String
    /// The ARM resource id of a user-assigned identity.
    public var resourceID: String?
    /// The tenant the identity lives in.
    public var tenantID: String
    /// Whether this is the host's system-assigned identity (used when a request names no identity).
    public var isSystemAssigned: Bool

    /// Creates a managed identity.
    public init(
        clientID: String,
        tenantID: String,
        objectID: String = UUID().uuidString.lowercased(),
        resourceID: String? = nil,
        isSystemAssigned: Bool = false
    ) {
        self.clientID = clientID
        self.objectID = objectID
        self.resourceID = resourceID
        self.tenantID = tenantID
        self.isSystemAssigned = isSystemAssigned
    }
}
