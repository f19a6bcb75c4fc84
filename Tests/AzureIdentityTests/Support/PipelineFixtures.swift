// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Logging
import Testing

/// A fake Azure DevOps job whose service connection is federated with an application of the fake Entra ID, and
/// credentials pointed at its OIDC endpoint.
enum PipelineFixtures {
    static func register(
        _ env: FakeEnvironment, appID: String, connectionID: String, ignoresRedirectSuppression: Bool
    ) throws -> FakePipelineJob {
        let job = FakePipelineJob(
            serviceConnections: [connectionID: "prod-arm"], ignoresRedirectSuppression: ignoresRedirectSuppression)
        env.fake.register(job)
        let federated = try #require(job.federatedCredential(serviceConnectionID: connectionID))
        env.fake.register(
            FakeApplication(clientID: appID, tenantID: FakeEnvironment.tenant, federatedCredentials: [federated]))
        return job
    }

    static func credential(
        _ env: FakeEnvironment, job: FakePipelineJob, appID: String, serviceConnectionID: String,
        systemAccessToken: String, logger: Logger
    ) throws -> AzurePipelinesCredential {
        try AzurePipelinesCredential(
            tenantID: FakeEnvironment.tenant,
            clientID: appID,
            serviceConnectionID: serviceConnectionID,
            systemAccessToken: Secret(systemAccessToken),
            options: env.options(
                logger: logger, environment: ["SYSTEM_OIDCREQUESTURI": env.fake.oidcRequestURI(for: job)])
        )
    }
}
