// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import Foundation

extension FuzzTarget {
    /// Azure DevOps' OIDC endpoint and then the token endpoint, through `AzurePipelinesCredential`, and the OIDC
    /// answer's reader directly.
    ///
    /// Setup line: unused (may be empty). Then the answers in order: the OIDC endpoint's (retried like any token
    /// request), then the token endpoint's.
    static let azurePipelines = FuzzTarget(
        name: "azure-pipelines",
        summary: "Azure DevOps OIDC answers, then token endpoint answers, to AzurePipelinesCredential"
    ) { input in
        let responses = input.responses
        let clock = FakeClock()
        let transport = ScriptedTransport(responses)
        let context = "azure-pipelines"
        let credential: AzurePipelinesCredential
        let options: CredentialOptions
        do {
            options = try Fixtures.options(
                transport: transport,
                clock: clock,
                environment: [
                    "SYSTEM_OIDCREQUESTURI": "https://dev.fuzz.invalid/org/project/_apis/distributedtask/hubs/"
                        + "build/plans/0/jobs/0/oidctoken"
                ]
            )
            credential = try AzurePipelinesCredential(
                tenantID: "7f6e5d4c-0000-4000-8000-000000000001",
                clientID: "3c2b1a09-0000-4000-8000-000000000002",
                serviceConnectionID: "5a4b3c2d-0000-4000-8000-000000000006",
                systemAccessToken: Secret("fuzz-system-access-token"),
                options: options
            )
        } catch {
            throw HarnessViolation("\(context): the fixed credential could not be built: \(error)")
        }
        for response in responses {
            try InternalDecoders.pipelinesOIDCAnswer(response, options: options)
        }
        try await Check.getToken(
            credential,
            scopes: ["https://management.azure.com/.default"],
            context: context,
            clock: clock,
            transport: transport
        )
    }
}
