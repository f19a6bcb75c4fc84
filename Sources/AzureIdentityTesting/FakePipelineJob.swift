// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

public import Foundation

/// An Azure Pipelines job as the fake's Azure DevOps OIDC endpoint sees it: its `System.AccessToken`, its
/// organization's OIDC issuer, and the service connections it may ask OIDC tokens for.
///
/// Register it with the fake's `register(_:)`, give the application the job's
/// ``federatedCredential(serviceConnectionID:)``, and set `SYSTEM_OIDCREQUESTURI` to
/// ``FakeEntraID/oidcRequestURI(for:)``.
public struct FakePipelineJob: Sendable {
    /// The Azure DevOps organization (the first path segment of the OIDC request URI).
    public let organization: String
    /// The project whose pipeline runs the job.
    public let project: String
    /// The job's `System.AccessToken`; requests with any other bearer token are refused.
    public let systemAccessToken: String
    /// The organization's token issuer, `https://vstoken.dev.azure.com/<organization id>`.
    public let issuer: FakeFederatedIssuer
    /// Service connection id → service connection name.
    public var serviceConnections: [String: String]
    /// Answer a refused token with the sign-in page (HTTP 203, HTML) even when the client sends
    /// `X-TFS-FedAuthRedirect: Suppress`. Azure DevOps does so for clients that do not send that header.
    public var ignoresRedirectSuppression: Bool
    let planID: String
    let jobID: String

    /// Creates a job.
    public init(
        organization: String = "contoso",
        project: String = "payments",
        serviceConnections: [String: String],
        systemAccessToken: String = "fake-system-access-token-" + UUID().uuidString.lowercased(),
        ignoresRedirectSuppression: Bool = false
    ) {
        self.organization = organization
        self.project = project
        self.serviceConnections = serviceConnections
        self.systemAccessToken = systemAccessToken
        self.ignoresRedirectSuppression = ignoresRedirectSuppression
        self.issuer = FakeFederatedIssuer(issuer: "https://vstoken.dev.azure.com/" + UUID().uuidString.lowercased())
        self.planID = UUID().uuidString.lowercased()
        self.jobID = UUID().uuidString.lowercased()
    }

    /// The subject of the service connection's OIDC tokens, `sc://<organization>/<project>/<connection name>`.
    public func subject(serviceConnectionID: String) -> String? {
        serviceConnections[serviceConnectionID].map { "sc://\(organization)/\(project)/\($0)" }
    }

    /// The federated identity credential an application needs to trust the service connection's tokens.
    public func federatedCredential(serviceConnectionID: String) -> FakeFederatedCredential? {
        subject(serviceConnectionID: serviceConnectionID).map {
            FakeFederatedCredential(issuer: issuer.issuer, subject: $0)
        }
    }

    /// The path of the job's OIDC token endpoint.
    var path: String {
        "/\(organization)/_apis/distributedtask/hubs/build/plans/\(planID)/jobs/\(jobID)/oidctoken"
    }
}
