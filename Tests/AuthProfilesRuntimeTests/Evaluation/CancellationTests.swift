// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AuthProfilesRuntime
import AzureIdentity
import AzureIdentityTesting
import Testing

/// A cancelled caller gets `CancellationError` from a profile, whatever the shape of its chain: no later link is
/// tried and no link is reported as failed (issue 10: profile chains used to try link 2 and throw `noToken` with
/// "failed: cancelled" twice, while `ChainedTokenCredential` rethrew).
@Suite struct ProfileCancellationTests {
    private static let hanging =
        "{ type: clientSecret, clientId: aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee, "
        + "clientSecret: { env: S } }"

    private static func document(_ credential: String) -> String {
        """
        version: 1
        clouds:
          loop: { authorityHost: "https://127.0.0.1:1", allowLoopback: true }
        tenants:
          test: { id: 11111111-2222-3333-4444-555555555555, cloud: loop }
        profiles:
          p:
            tenant: test
            credential: \(credential)
        """
    }

    /// Every shape whose first link hangs in a request and whose later links would send one too.
    static let shapes: [(name: String, credential: String)] = [
        ("a two-link chain", "{ type: chain, links: [\(hanging), \(hanging)] }"),
        ("nested chains", "{ type: chain, links: [{ type: chain, links: [\(hanging), \(hanging)] }, \(hanging)] }"),
        ("a default link", "{ type: default, credentials: prod }"),
        (
            "a default link inside a chain",
            "{ type: chain, links: [{ type: default, credentials: environment }, "
                + "\(hanging)] }"
        ),
    ]

    /// Runs `body` on profile `p` in a task, cancels it once the first request is in flight, and returns what the
    /// task threw, and how many requests were sent in all.
    private func cancelled(
        _ credential: String, _ body: @escaping @Sendable (ProfileCredential) async throws -> Void
    ) async throws -> (error: (any Error)?, sent: Int) {
        let transport = HangingTransport()
        // `environment` (the first `default` member) sends a client secret request with these, to the authority
        // AZURE_AUTHORITY_HOST names (the hanging transport holds it; nothing reaches a network). A loopback host
        // there would be refused (it cannot say `allowLoopback`) and the member would be unavailable instead.
        let environment = [
            "S": "secret", "AZURE_TENANT_ID": "11111111-2222-3333-4444-555555555555",
            "AZURE_CLIENT_ID": "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", "AZURE_CLIENT_SECRET": "secret",
            "AZURE_AUTHORITY_HOST": "https://login.hanging.example",
        ]
        let profile = try AuthProfile.credential(
            named: "p", document: Self.document(credential),
            options: ProfileRuntimeOptions(
                environment: environment, workingDirectory: "/", transport: transport, deviceCodePrompt: { _ in },
                defaultLinkTimeout: nil, defaultChainDeadline: nil))
        let task = Task { try await body(profile) }
        // Bounded wait for the first request (a hang guard only).
        _ = try await HangGuard.eventually { transport.sent > 0 }
        #expect(transport.sent == 1, "the first link's request is in flight")
        task.cancel()
        let error: (any Error)?
        do {
            try await task.value
            error = nil
        } catch let thrown {
            error = thrown
        }
        return (error, transport.sent)
    }

    @Test(arguments: shapes.indices)
    func getTokenThrowsCancellationErrorAndTriesNoFurtherLink(_ index: Int) async throws {
        let (error, sent) = try await cancelled(Self.shapes[index].credential) { profile in
            _ = try await profile.getToken(for: TokenRequest(scopes: ["https://management.azure.com/.default"]))
        }
        #expect(error is CancellationError, "\(Self.shapes[index].name): \(String(describing: error))")
        #expect(sent == 1, "\(Self.shapes[index].name): no later link sent a request")
    }

    @Test(arguments: shapes.indices)
    func evaluateThrowsCancellationErrorToo(_ index: Int) async throws {
        let (error, sent) = try await cancelled(Self.shapes[index].credential) { profile in
            _ = try await profile.evaluate(for: TokenRequest(scopes: ["https://management.azure.com/.default"]))
        }
        #expect(error is CancellationError, "\(Self.shapes[index].name): \(String(describing: error))")
        #expect(sent == 1)
    }
}
