// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

extension CredentialKind {
    /// VisualStudioCodeCredential: the account signed in to VS Code's Azure Resources extension, silently through
    /// the identity broker.
    public static let visualStudioCode = CredentialKind("visualStudioCode")
}

/// A `visualStudioCode` link has no settings of its own: the account, the client id (VS Code's) and the default
/// tenant come from the authentication record VS Code writes.
package struct VisualStudioCodeSettings: KindSettings {}

extension KindDefinition {
    static let visualStudioCode = KindDefinition(
        .visualStudioCode, azureIdentityName: "VisualStudioCodeCredential", category: .developerTool,
        tenant: .optional, build: { _, _ in VisualStudioCodeSettings() })
}
