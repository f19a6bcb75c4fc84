// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation

/// Settings of a ``DefaultAzureCredential``. The authority host and additionally allowed tenants come from the
/// ``CredentialOptions`` passed alongside.
public struct DefaultAzureCredentialOptions: Sendable {
    /// The tenant for workload identity and the developer tools; `nil` means `AZURE_TENANT_ID` (workload
    /// identity) or the tool's own account.
    public var tenantID: String?
    /// A user-assigned managed identity by client id (else `AZURE_CLIENT_ID`, as Azure Identity does).
    public var managedIdentityClientID: String?
    /// A user-assigned managed identity by ARM resource id. Mutually exclusive with ``managedIdentityClientID``.
    public var managedIdentityResourceID: String?
    /// The client id for workload identity (else ``managedIdentityClientID``, else `AZURE_CLIENT_ID`).
    public var workloadIdentityClientID: String?
    /// How long `az`, `azd` and `pwsh` may run.
    public var processTimeout: Duration
    /// Managed identity settings (IMDS base URL, probe timeout, retries, Arc paths). The identity itself comes
    /// from ``managedIdentityClientID`` / ``managedIdentityResourceID``. The probe runs with
    /// ``ManagedIdentityOptions/probeTimeout`` (1 s by default) except when `AZURE_TOKEN_CREDENTIALS` selects
    /// `ManagedIdentityCredential` alone.
    public var managedIdentity: ManagedIdentityOptions
    /// Appends the identity broker to the developer credentials.
    public var brokerEnabled: Bool

    /// Creates options.
    public init(
        tenantID: String? = nil,
        managedIdentityClientID: String? = nil,
        managedIdentityResourceID: String? = nil,
        workloadIdentityClientID: String? = nil,
        processTimeout: Duration = .seconds(10),
        managedIdentity: ManagedIdentityOptions = ManagedIdentityOptions(probeTimeout: .seconds(1)),
        brokerEnabled: Bool = false
    ) {
        self.tenantID = tenantID
        self.managedIdentityClientID = managedIdentityClientID
        self.managedIdentityResourceID = managedIdentityResourceID
        self.workloadIdentityClientID = workloadIdentityClientID
        self.processTimeout = processTimeout
        self.managedIdentity = managedIdentity
        self.brokerEnabled = brokerEnabled
    }
}

/// The members of a ``DefaultAzureCredential``, in chain order.
public struct DefaultAzureCredentialMember: Hashable, Sendable, CustomStringConvertible {
    /// The credential's type name, as `AZURE_TOKEN_CREDENTIALS` spells it.
    public let description: String
    /// Whether this is a developer credential (any failure lets the chain continue) rather than a deployed one.
    public let isDeveloperCredential: Bool

    /// How the chain treats this member: a developer credential never stops it (``ChainPolicy/alwaysContinue``);
    /// a deployed one that tried and failed does (``ChainPolicy/standard``), so a misconfigured deployment is not
    /// masked by a developer's `az login`. Profiles' `default` links and the dry run read the same property.
    public var chainPolicy: ChainPolicy { isDeveloperCredential ? .alwaysContinue : .standard }

    /// `EnvironmentCredential`.
    public static let environment = Self(description: "EnvironmentCredential", isDeveloperCredential: false)
    /// `WorkloadIdentityCredential`.
    public static let workloadIdentity = Self(description: "WorkloadIdentityCredential", isDeveloperCredential: false)
    /// `ManagedIdentityCredential`.
    public static let managedIdentity = Self(description: "ManagedIdentityCredential", isDeveloperCredential: false)
    /// `VisualStudioCodeCredential`: the account signed in to VS Code's Azure Resources extension, through the
    /// broker (Azure Identity 4.11+ / .NET 1.14+ / Python 1.24+ place it first among the developer credentials).
    public static let visualStudioCode = Self(description: "VisualStudioCodeCredential", isDeveloperCredential: true)
    /// `AzureCliCredential`.
    public static let azureCli = Self(description: "AzureCliCredential", isDeveloperCredential: true)
    /// `AzurePowerShellCredential`.
    public static let azurePowerShell = Self(description: "AzurePowerShellCredential", isDeveloperCredential: true)
    /// `AzureDeveloperCliCredential`.
    public static let azureDeveloperCli = Self(description: "AzureDeveloperCliCredential", isDeveloperCredential: true)
    /// The identity broker (only when enabled).
    public static let broker = Self(description: "BrokerCredential", isDeveloperCredential: true)

    /// The deployed-service group (`AZURE_TOKEN_CREDENTIALS=prod`).
    public static let production: [Self] = [.environment, .workloadIdentity, .managedIdentity]
    /// The developer group (`AZURE_TOKEN_CREDENTIALS=dev`), without the broker.
    public static let developer: [Self] = [.visualStudioCode, .azureCli, .azurePowerShell, .azureDeveloperCli]

    /// The members `AZURE_TOKEN_CREDENTIALS` selects: unset or empty → all; `dev`; `prod`; or one credential name
    /// (case-insensitive, trimmed).
    /// - Throws: ``AzureIdentityError/Code/invalidConfiguration`` listing the valid values.
    public static func selection(
        fromEnvironmentValue raw: String?,
        brokerEnabled: Bool
    ) throws -> (members: [Self], singleCredential: Bool) {
        let value = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let developerGroup = developer + (brokerEnabled ? [.broker] : [])
        switch value {
        case "": return (production + developerGroup, false)
        case "dev": return (developerGroup, false)
        case "prod": return (production, false)
        default:
            if let member = (production + developer).first(where: { $0.description.lowercased() == value }) {
                return ([member], true)
            }
            let valid = ["dev", "prod"] + (production + developer).map(\.description)
            throw AzureIdentityError(
                code: .invalidConfiguration,
                message: "Invalid value for AZURE_TOKEN_CREDENTIALS = '\(raw ?? "")'. Valid values are "
                    + valid.map { "'\($0)'" }.joined(separator: ", ") + " (case-insensitive).",
                credentialName: "DefaultAzureCredential"
            )
        }
    }
}
