// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import IdentitySupport

extension DefaultAzureCredential {
    /// Builds one member from the options, with Azure Identity's rules for ids.
    static func make(
        _ member: DefaultAzureCredentialMember,
        settings: DefaultAzureCredentialOptions,
        options: CredentialOptions,
        alone: Bool
    ) throws -> any TokenCredential {
        let clientID = settings.managedIdentityClientID ?? EnvironmentVariables(options.environment)["AZURE_CLIENT_ID"]
        switch member {
        case .environment:
            return EnvironmentCredential(options: options)
        case .workloadIdentity:
            return try WorkloadIdentityCredential(
                tenantID: settings.tenantID,
                clientID: settings.workloadIdentityClientID ?? clientID,
                options: options
            )
        case .managedIdentity:
            var managed = settings.managedIdentity
            // A resource id wins; else a client id (from the options or AZURE_CLIENT_ID); else system-assigned.
            managed.identity =
                if let resourceID = settings.managedIdentityResourceID {
                    .resourceID(resourceID)
                } else if let clientID {
                    .clientID(clientID)
                } else {
                    .systemAssigned
                }
            if alone { managed.probeTimeout = nil }
            return try ManagedIdentityCredential(managedIdentity: managed, options: options)
        case .azureCli:
            return try AzureCliCredential(
                tenantID: settings.tenantID,
                processTimeout: settings.processTimeout,
                options: options
            )
        case .azurePowerShell:
            return try AzurePowerShellCredential(
                tenantID: settings.tenantID,
                processTimeout: settings.processTimeout,
                options: options
            )
        case .azureDeveloperCli:
            return try AzureDeveloperCliCredential(
                tenantID: settings.tenantID,
                processTimeout: settings.processTimeout,
                options: options
            )
        case .visualStudioCode:
            return try VisualStudioCodeCredential(tenantID: settings.tenantID, options: options)
        default:
            return try BrokerCredential(tenantID: settings.tenantID, options: options)
        }
    }
}
