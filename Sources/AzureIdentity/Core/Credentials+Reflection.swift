// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// Reflection (`dump`, `Mirror`, `String(reflecting:)`) of the credentials shows configuration only: never the
/// transport (whose object graph reaches in-flight requests and their headers), caches, tokens or environment.

extension ManagedIdentityCredential: CustomReflectable {
    /// The source and identity only.
    public var customMirror: Mirror {
        Mirror(self, children: ["source": source, "identity": identity], displayStyle: .struct)
    }
}

extension AzureCliCredential: CustomReflectable {
    /// No children: the tool, its environment and cache are not shown.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

extension AzureDeveloperCliCredential: CustomReflectable {
    /// No children: the tool, its environment and cache are not shown.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

extension AzurePowerShellCredential: CustomReflectable {
    /// No children: the tool, its environment and cache are not shown.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

extension InteractiveBrowserCredential: CustomReflectable {
    /// The redirect port and the signed-in account (no secrets in either).
    public var customMirror: Mirror {
        Mirror(
            self,
            children: ["redirectPort": redirectPort, "authenticationRecord": authenticationRecord as Any],
            displayStyle: .struct
        )
    }
}

extension DeviceCodeCredential: CustomReflectable {
    /// The signed-in account (no secrets).
    public var customMirror: Mirror {
        Mirror(self, children: ["authenticationRecord": authenticationRecord as Any], displayStyle: .struct)
    }
}

extension DefaultAzureCredential: CustomReflectable {
    /// The members, in order.
    public var customMirror: Mirror {
        Mirror(self, children: ["members": members.map(\.description)], displayStyle: .struct)
    }
}

extension AzurePipelinesCredential: CustomReflectable {
    /// The tenant, client and service connection ids only: never the system access token or OIDC token.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: ["tenantID": tenantID, "clientID": clientID, "serviceConnectionID": serviceConnectionID],
            displayStyle: .struct
        )
    }
}
