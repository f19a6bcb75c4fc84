// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

public import Foundation
package import IdentitySupport

/// Where a managed identity token comes from, detected from the environment.
public struct ManagedIdentitySource: Sendable, Hashable, CustomStringConvertible {
    /// The kinds of source, each with its own endpoint, headers and api-version. Extensible.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        /// The name of the kind.
        public let description: String

        /// Workload identity token exchange (`AZURE_FEDERATED_TOKEN_FILE` + tenant + client id).
        public static let workloadIdentity = Kind(description: "WorkloadIdentity")
        /// Service Fabric (`IDENTITY_ENDPOINT` + `IDENTITY_HEADER` + `IDENTITY_SERVER_THUMBPRINT`).
        public static let serviceFabric = Kind(description: "ServiceFabric")
        /// App Service, Functions and Container Apps (`IDENTITY_ENDPOINT` + `IDENTITY_HEADER`).
        public static let appService = Kind(description: "AppService")
        /// Azure Machine Learning (`MSI_ENDPOINT` + `MSI_SECRET`).
        public static let azureML = Kind(description: "AzureML")
        /// Cloud Shell (`MSI_ENDPOINT` alone).
        public static let cloudShell = Kind(description: "CloudShell")
        /// Azure Arc (`IDENTITY_ENDPOINT` + `IMDS_ENDPOINT`, or the `himds` agent installed).
        public static let azureArc = Kind(description: "AzureArc")
        /// The Azure Instance Metadata Service (the default).
        public static let imds = Kind(description: "IMDS")
    }

    /// The kind of source.
    public var kind: Kind
    /// The token URL (empty for ``Kind/workloadIdentity``).
    public var endpoint: String

    /// `<kind> (<endpoint>)`.
    public var description: String {
        endpoint.isEmpty ? kind.description : "\(kind) (\(endpoint))"
    }

    /// Detects the source in MSAL's order; the first match wins:
    /// workload identity, Service Fabric, App Service, Azure ML, Cloud Shell, Azure Arc, IMDS.
    ///
    /// - Parameters:
    ///   - environment: The variables to read.
    ///   - workloadClientID: A client id given in code (counts as `AZURE_CLIENT_ID` for token exchange).
    ///   - imdsBaseURL: The IMDS base URL when no environment variable overrides it.
    ///   - arcAgentPath: Where the Arc agent's `himds` binary lives when installed.
    ///   - fileExists: How to check for the agent (injectable for tests).
    public static func detect(
        environment: [String: String],
        workloadClientID: String? = nil,
        imdsBaseURL: String,
        arcAgentPath: String = ManagedIdentityOptions.defaultArcAgentPath,
        fileExists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }
    ) -> ManagedIdentitySource {
        detect(
            environment: EnvironmentVariables(environment), workloadClientID: workloadClientID,
            imdsBaseURL: imdsBaseURL, arcAgentPath: arcAgentPath, fileExists: fileExists)
    }

    /// ``detect(environment:workloadClientID:imdsBaseURL:arcAgentPath:fileExists:)`` over the package's one reader
    /// of variables, which the dry run passes so that it learns which variables the detection read.
    package static func detect(
        environment variables: EnvironmentVariables,
        workloadClientID: String? = nil,
        imdsBaseURL: String,
        arcAgentPath: String = ManagedIdentityOptions.defaultArcAgentPath,
        fileExists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }
    ) -> ManagedIdentitySource {
        func value(_ name: String) -> String? { variables[name] }
        if (workloadClientID ?? value("AZURE_CLIENT_ID")) != nil, value("AZURE_TENANT_ID") != nil,
            value("AZURE_FEDERATED_TOKEN_FILE") != nil
        {
            return ManagedIdentitySource(kind: .workloadIdentity, endpoint: "")
        }
        if let endpoint = value("IDENTITY_ENDPOINT"), value("IDENTITY_HEADER") != nil {
            let kind: Kind = value("IDENTITY_SERVER_THUMBPRINT") != nil ? .serviceFabric : .appService
            return ManagedIdentitySource(kind: kind, endpoint: endpoint)
        }
        if let endpoint = value("MSI_ENDPOINT") {
            return ManagedIdentitySource(kind: value("MSI_SECRET") != nil ? .azureML : .cloudShell, endpoint: endpoint)
        }
        if let endpoint = value("IDENTITY_ENDPOINT"), value("IMDS_ENDPOINT") != nil {
            return ManagedIdentitySource(kind: .azureArc, endpoint: rewriteLocalhost(endpoint))
        }
        if fileExists(arcAgentPath) {
            return ManagedIdentitySource(
                kind: .azureArc,
                endpoint: "http://127.0.0.1:40342/metadata/identity/oauth2/token"
            )
        }
        var base = value("AZURE_POD_IDENTITY_AUTHORITY_HOST") ?? imdsBaseURL
        while base.hasSuffix("/") { base.removeLast() }
        return ManagedIdentitySource(kind: .imds, endpoint: base + "/metadata/identity/oauth2/token")
    }

    /// Arc's agent listens on IPv4 loopback; `localhost` may resolve to `::1` first.
    static func rewriteLocalhost(_ endpoint: String) -> String {
        endpoint.replacingOccurrences(of: "://localhost:", with: "://127.0.0.1:")
            .replacingOccurrences(of: "://localhost/", with: "://127.0.0.1/")
    }
}
