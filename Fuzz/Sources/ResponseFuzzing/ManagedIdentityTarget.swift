// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import Foundation

extension FuzzTarget {
    /// A managed identity endpoint's answers, for each source, through `ManagedIdentityCredential` (its retry
    /// loop, `Retry-After`, Azure Arc's `WWW-Authenticate` challenge, the token and error bodies) and through the
    /// decoders directly.
    ///
    /// Setup line: the source — `imds` (the default), `appservice`, `servicefabric`, `azureml`, `cloudshell`, `arc`
    /// or `workload` (token exchange: the answers come from the token endpoint) — optionally `client`, `resource`
    /// or `object` for a user-assigned identity, and `probe` for the IMDS availability probe (its answer comes
    /// first). Then the answers in order. Arc's key directory is ``ManagedIdentityFixtures/arcDirectory``, which
    /// holds `fuzz.key`.
    static let managedIdentity = FuzzTarget(
        name: "managed-identity",
        summary: "managed identity answers per source (IMDS, App Service, Service Fabric, Azure ML, Cloud Shell, "
            + "Azure Arc, workload identity) to ManagedIdentityCredential"
    ) { input in
        let responses = input.responses
        for response in responses {
            InternalDecoders.managedIdentityBody(response.body, now: FakeClock.start)
        }
        let words = input.setupWords
        let source = ManagedIdentityFixtures.sources.first { words.contains($0.key) }?.key ?? "imds"
        let context = "managed-identity \(source)"
        let identity: ManagedIdentityID =
            if words.contains("client") {
                .clientID("0d9e8f7a-0000-4000-8000-000000000003")
            } else if words.contains("resource") {
                .resourceID(
                    "/subscriptions/0/resourceGroups/fuzz/providers/Microsoft.ManagedIdentity/"
                        + "userAssignedIdentities/fuzz"
                )
            } else if words.contains("object") {
                .objectID("0d9e8f7a-0000-4000-8000-000000000004")
            } else {
                .systemAssigned
            }
        let clock = FakeClock()
        let transport = ScriptedTransport(responses)
        let credential: ManagedIdentityCredential
        do {
            try ManagedIdentityFixtures.prepareFiles()
            credential = try ManagedIdentityCredential(
                managedIdentity: ManagedIdentityOptions(
                    identity: identity,
                    imdsBaseURL: "http://imds.fuzz.invalid",
                    probeTimeout: words.contains("probe") ? .seconds(1) : nil,
                    jitter: false,
                    arcKeyDirectory: ManagedIdentityFixtures.arcDirectory,
                    arcAgentPath: "/nonexistent/authprofile-fuzz/himds"
                ),
                options: Fixtures.options(
                    transport: transport,
                    clock: clock,
                    environment: ManagedIdentityFixtures.sources[source] ?? [:]
                )
            )
        } catch {
            throw HarnessViolation("\(context): the fixed credential could not be built: \(error)")
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

/// The environments that select each managed identity source, and the files Arc and token exchange read.
enum ManagedIdentityFixtures {
    /// A fixed path so that seeds can name the Arc key file in their `WWW-Authenticate` header.
    static let directory = "/tmp/authprofile-fuzz"
    static let arcDirectory = directory + "/arc"
    static let arcKeyFile = arcDirectory + "/fuzz.key"
    static let federatedTokenFile = directory + "/federated-token.jwt"

    static let sources: [String: [String: String]] = [
        "imds": [:],
        "appservice": ["IDENTITY_ENDPOINT": "http://appservice.fuzz.invalid/msi/token", "IDENTITY_HEADER": "fuzz-id"],
        "servicefabric": [
            "IDENTITY_ENDPOINT": "https://servicefabric.fuzz.invalid:2377/metadata/identity/oauth2/token",
            "IDENTITY_HEADER": "fuzz-id", "IDENTITY_SERVER_THUMBPRINT": "0123456789abcdef",
        ],
        "azureml": ["MSI_ENDPOINT": "http://azureml.fuzz.invalid/token", "MSI_SECRET": "fuzz-msi-secret"],
        "cloudshell": ["MSI_ENDPOINT": "http://cloudshell.fuzz.invalid/oauth2/token"],
        "arc": [
            "IDENTITY_ENDPOINT": "http://arc.fuzz.invalid:40342/metadata/identity/oauth2/token",
            "IMDS_ENDPOINT": "http://arc.fuzz.invalid:40342",
        ],
        "workload": [
            "AZURE_CLIENT_ID": "0d9e8f7a-0000-4000-8000-000000000005",
            "AZURE_TENANT_ID": "7f6e5d4c-0000-4000-8000-000000000001",
            "AZURE_FEDERATED_TOKEN_FILE": federatedTokenFile,
        ],
    ]

    /// Writes the Arc key and the federated token once per process (idempotent; several processes may race).
    static func prepareFiles() throws {
        try prepared.get()
    }

    private static let prepared: Result<Void, any Error> = Result {
        try FileManager.default.createDirectory(atPath: arcDirectory, withIntermediateDirectories: true)
        try Data("fuzz-arc-key".utf8).write(to: URL(fileURLWithPath: arcKeyFile), options: .atomic)
        let jwt =
            "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL29pZGMuZnV6ei5pbnZhbGlkIiwic3ViIjoic3lzdGVt"
            + "OnNlcnZpY2VhY2NvdW50OmZ1enoiLCJhdWQiOiJhcGk6Ly9BenVyZUFEVG9rZW5FeGNoYW5nZSIsImV4cCI6MTc5NjA4NjgwMH0.c2ln"
        try Data(jwt.utf8).write(to: URL(fileURLWithPath: federatedTokenFile), options: .atomic)
    }
}
