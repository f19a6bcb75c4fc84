// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfilesRuntime
import AzureIdentity
import AzureIdentityTesting
import Foundation

/// The `authprofile token` path in process: a profile's credential against the fake, warm and cold, next to the
/// plain credential and a raw request; and the dry run of the built-in `default` profile.
/// With `only` (`profile-single`, `profile-third`), runs that warm loop alone, `batches` batches of 1000 calls.
func benchmarkProfiles(
    fake: FakeEntraID, transport: AsyncHTTPClientTransport, only: String? = nil, batches: Int = 100
) async throws {
    let document = """
        version: 1
        clouds:
          fake: { authorityHost: \(fake.authorityURL), allowLoopback: true }
        tenants:
          test: { id: \(tenant), cloud: fake }
        profiles:
          single:
            tenant: test
            credential: { type: clientSecret, clientId: \(clientID), clientSecret: { env: SECRET } }
          third:
            tenant: test
            credential:
              type: chain
              links:
                - { type: workloadIdentity, clientId: \(clientID), tokenFile: { env: NO_FILE } }
                - { type: clientSecret, clientId: \(clientID), clientSecret: { env: NO_SECRET } }
                - { type: clientSecret, clientId: \(clientID), clientSecret: { env: SECRET } }
        """
    let options = ProfileRuntimeOptions(
        environment: ["SECRET": secret], workingDirectory: "/tmp",
        transport: transport)
    let request = TokenRequest(scopes: scopes)
    for name in ["single", "third"] where only == nil || only == "profile-\(name)" {
        let credential = try AuthProfile.credential(named: name, document: document, options: options)
        _ = try await credential.getToken(for: request)
        report(
            "profile '\(name)' warm getToken (cached; batches of 1000)",
            try await measureBatched(batches: batches, batch: 1000) {
                _ = try await credential.getToken(for: request)
            }
        )
    }
    guard only == nil else { return }
    let catalog = ProfileCatalog.load(text: document)
    report(
        "profile 'single' first token (new ProfileCredential, fake HTTPS)",
        try await measure(iterations: 300) {
            let credential = try AuthProfile.credential(named: "single", in: catalog, options: options)
            _ = try await credential.getToken(for: request)
        }
    )
    report(
        "load + validate the profile document",
        try await measure(iterations: 300) { _ = ProfileCatalog.load(text: document) }
    )
    let builtIn = try ProfileCatalog.load(text: "version: 1\nprofiles: {}\n").entry(resolving: "default")
    let context = InspectionContext(
        environment: ["PATH": "/usr/bin:/bin", "HOME": "/nonexistent"],
        workingDirectory: "/tmp")
    report(
        "explain built-in default (dry run, in process)",
        try await measure(iterations: 300) { _ = ProfileExplainer(context: context).explain(builtIn) }
    )
}
