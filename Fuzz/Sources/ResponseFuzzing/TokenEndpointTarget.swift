// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import Foundation

extension FuzzTarget {
    /// The token endpoint's answers, through `ClientSecretCredential` (retries, `Retry-After`, the Entra error
    /// body, the token response and its lifetimes) and through the decoders directly.
    ///
    /// Setup line: `discovery` makes the authority a non-Entra host whose first answer is its OpenID
    /// configuration. Then the answers, in the order requests are sent.
    static let tokenEndpoint = FuzzTarget(
        name: "token-endpoint",
        summary: "token endpoint answers (status, headers, JSON) to ClientSecretCredential"
    ) { input in
        let responses = input.responses
        for response in responses {
            InternalDecoders.tokenEndpointBody(response.body)
        }
        let clock = FakeClock()
        let transport = ScriptedTransport(responses)
        let discovery = input.setupWords.contains("discovery")
        let credential: ClientSecretCredential
        do {
            credential = try ClientSecretCredential(
                tenantID: "7f6e5d4c-0000-4000-8000-000000000001",
                clientID: "3c2b1a09-0000-4000-8000-000000000002",
                secret: Secret(Fixtures.clientSecret),
                options: Fixtures.options(
                    transport: transport,
                    clock: clock,
                    authority: try AuthorityHost(Fixtures.authority, discovery: discovery)
                )
            )
        } catch {
            throw HarnessViolation("token-endpoint: the fixed credential could not be built: \(error)")
        }
        try await Check.getToken(
            credential,
            scopes: ["https://vault.azure.net/.default"],
            context: "token-endpoint",
            clock: clock,
            transport: transport
        )
    }
}

/// The fixed, harmless configuration every target uses. No name here resolves: `.invalid` is reserved
/// (RFC 6761), and every transport is a ``ScriptedTransport`` anyway.
enum Fixtures {
    static let authority = "https://login.fuzz.invalid"
    static let clientSecret = "fuzz-client-secret~not.real"

    static func options(
        transport: any HTTPTransport,
        clock: FakeClock,
        authority: AuthorityHost? = nil,
        environment: [String: String] = [:],
        processRunner: any ProcessRunner = ScriptedRunner(
            output: ProcessOutput(
                exitCode: 127,
                standardOutput: "",
                standardError: ""
            )
        )
    ) throws -> CredentialOptions {
        CredentialOptions(
            authorityHost: try authority ?? AuthorityHost(Self.authority),
            transport: transport,
            retryPolicy: RetryPolicy(jitter: false),
            timeSource: clock,
            environment: environment,
            processRunner: processRunner
        )
    }
}
