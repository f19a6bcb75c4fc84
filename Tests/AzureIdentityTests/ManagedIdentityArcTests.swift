// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

@Suite("ManagedIdentityCredential: Azure Arc challenge")
struct ManagedIdentityArcTests {
    private func withArc(_ body: (FakeEnvironment, URL, ManagedIdentityCredential) async throws -> Void) async throws {
        try await withFake { env in
            MIFixtures.register(env)
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("arc-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            env.fake.setArcKeyDirectory(directory.path)
            let environment = [
                "IDENTITY_ENDPOINT": "\(env.fake.managedIdentityURL)/arc/token", "IMDS_ENDPOINT": "http://unused.test",
            ]
            let (credential, _) = try MIFixtures.credential(env, environment: environment) {
                $0.arcKeyDirectory = directory.path
            }
            #expect(credential.source.kind == .azureArc)
            try await body(env, directory, credential)
        }
    }

    @Test("401 with Basic realm, then the key file's content as Basic authorization")
    func challenge() async throws {
        try await withArc { env, _, credential in
            let token = try await credential.getToken(scopes: managementScope)
            #expect(env.fake.verifiedClaims(of: token.token.revealedValue()) != nil)
            let requests = MIFixtures.requests(env)
            #expect(requests.count == 2)
            #expect(requests[0].header("Authorization") == nil)
            #expect(requests[1].header("Authorization")?.hasPrefix("Basic ") == true)
            #expect(requests.allSatisfy { $0.query["api-version"] == "2020-06-01" && $0.header("Metadata") == "true" })
        }
    }

    @Test("key files outside the directory, without .key, or over 4096 bytes are refused")
    func keyFileChecks() async throws {
        try await withArc { env, directory, credential in
            let outside = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString).key")
            try Data("k".utf8).write(to: outside)
            defer { try? FileManager.default.removeItem(at: outside) }
            let wrongName = directory.appendingPathComponent("token.txt")
            try Data("k".utf8).write(to: wrongName)
            let big = directory.appendingPathComponent("big.key")
            try Data(repeating: 65, count: 4097).write(to: big)
            let traversal = directory.path + "/../" + outside.lastPathComponent
            let cases = [
                (outside.path, "is not in"), (wrongName.path, "is not a '.key' file"), (big.path, "4097 bytes"),
                (traversal, "is not in"),
            ]
            for (file, reason) in cases {
                env.fake.setArcChallengeFile(file)
                let error = try #require(
                    await caught { try await credential.getToken(scopes: managementScope) } as? AzureIdentityError
                )
                #expect(error.code == .authenticationFailed)
                #expect(error.message.contains(reason), "\(file)")
            }
            let exactly = directory.appendingPathComponent("max.key")
            try Data(repeating: 66, count: 4096).write(to: exactly)
            env.fake.setArcChallengeFile(exactly.path)
            _ = try await credential.getToken(scopes: managementScope)
        }
    }
}
