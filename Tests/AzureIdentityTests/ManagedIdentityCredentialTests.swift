// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

@Suite("ManagedIdentityCredential sources")
struct ManagedIdentityCredentialTests {
    @Test("IMDS: Metadata header, api-version, resource without /.default; cached; nothing leaves loopback")
    func imds() async throws {
        try await withFake { env in
            MIFixtures.register(env)
            let (credential, transport) = try MIFixtures.credential(env)
            #expect(credential.source.kind == .imds)
            let token = try await credential.getToken(scopes: ["https://vault.azure.net/.default"])
            let claims = try #require(env.fake.verifiedClaims(of: token.token.revealedValue()))
            #expect(claims["aud"] as? String == "https://vault.azure.net")
            #expect(claims["appid"] as? String == MIFixtures.system.clientID)
            _ = try await credential.getToken(scopes: ["https://vault.azure.net/.default"])
            let requests = MIFixtures.requests(env)
            #expect(requests.count == 1)
            let request = try #require(requests.first)
            #expect(request.header("Metadata") == "true")
            #expect(request.query == ["api-version": "2018-02-01", "resource": "https://vault.azure.net"])
            #expect(transport.refused.isEmpty)
        }
    }

    @Test(
        "user-assigned ids use each source's query parameter",
        arguments: [
            (ManagedIdentityID.clientID(MIFixtures.user.clientID), false, "client_id"),
            (ManagedIdentityID.resourceID(MIFixtures.user.resourceID!), false, "msi_res_id"),
            (ManagedIdentityID.objectID(MIFixtures.user.objectID), false, "object_id"),
            (ManagedIdentityID.clientID(MIFixtures.user.clientID), true, "client_id"),
            (ManagedIdentityID.resourceID(MIFixtures.user.resourceID!), true, "mi_res_id"),
            (ManagedIdentityID.objectID(MIFixtures.user.objectID), true, "object_id"),
        ]
    )
    func userAssigned(identity: ManagedIdentityID, appService: Bool, parameter: String) async throws {
        try await withFake { env in
            MIFixtures.register(env)
            let environment =
                appService
                ? [
                    "IDENTITY_ENDPOINT": "\(env.fake.managedIdentityURL)/msi/token",
                    "IDENTITY_HEADER": env.fake.appServiceIdentityHeader,
                ] : [:]
            let (credential, _) = try MIFixtures.credential(env, identity: identity, environment: environment)
            #expect(credential.source.kind == (appService ? .appService : .imds))
            let token = try await credential.getToken(scopes: managementScope)
            let claims = try #require(env.fake.verifiedClaims(of: token.token.revealedValue()))
            #expect(claims["appid"] as? String == MIFixtures.user.clientID)
            let request = try #require(MIFixtures.requests(env).first)
            #expect(request.query[parameter] == identity.value)
            if appService {
                #expect(request.header("X-IDENTITY-HEADER") == env.fake.appServiceIdentityHeader)
                #expect(request.query["api-version"] == "2019-08-01")
            }
        }
    }

    @Test("Service Fabric, Azure ML and Cloud Shell requests have their own shapes")
    func otherSources() async throws {
        try await withFake { env in
            MIFixtures.register(env)
            let base = env.fake.managedIdentityURL
            let fabric = [
                "IDENTITY_ENDPOINT": "\(base)/servicefabric/token",
                "IDENTITY_HEADER": env.fake.appServiceIdentityHeader,
                "IDENTITY_SERVER_THUMBPRINT": "0123",
            ]
            _ = try await MIFixtures.credential(env, environment: fabric).0.getToken(scopes: managementScope)
            let machineLearning = [
                "MSI_ENDPOINT": "\(base)/ml/token", "MSI_SECRET": env.fake.managedIdentitySecret,
                "DEFAULT_IDENTITY_CLIENT_ID": MIFixtures.system.clientID,
            ]
            _ = try await MIFixtures.credential(env, environment: machineLearning).0.getToken(scopes: managementScope)
            _ = try await MIFixtures.credential(
                env,
                identity: .clientID(MIFixtures.user.clientID),
                environment: machineLearning
            ).0.getToken(scopes: managementScope)
            _ = try await MIFixtures.credential(env, environment: ["MSI_ENDPOINT": "\(base)/cloudshell/token"]).0
                .getToken(scopes: managementScope)
            let requests = MIFixtures.requests(env)
            #expect(requests.map(\.path) == ["/servicefabric/token", "/ml/token", "/ml/token", "/cloudshell/token"])
            #expect(requests[0].header("secret") == env.fake.appServiceIdentityHeader)
            #expect(requests[1].query["clientid"] == MIFixtures.system.clientID)
            #expect(requests[2].query["clientid"] == MIFixtures.user.clientID)
            #expect(requests[3].method == "POST")
            #expect(requests[3].form["resource"] == "https://management.azure.com")
        }
    }

    @Test("sources that cannot take a user-assigned id say so before sending anything")
    func unsupportedUserAssigned() async throws {
        try await withFake { env in
            let base = env.fake.managedIdentityURL
            let cases: [([String: String], ManagedIdentityID)] = [
                (["MSI_ENDPOINT": "\(base)/cloudshell/token"], .clientID("c")),
                (
                    ["IDENTITY_ENDPOINT": "\(base)/x", "IDENTITY_HEADER": "h", "IDENTITY_SERVER_THUMBPRINT": "t"],
                    .clientID("c")
                ),
                (["IDENTITY_ENDPOINT": "\(base)/arc/token", "IMDS_ENDPOINT": "http://x"], .objectID("o")),
                (["MSI_ENDPOINT": "\(base)/ml/token", "MSI_SECRET": "s"], .resourceID("/r")),
            ]
            for (environment, identity) in cases {
                let (credential, _) = try MIFixtures.credential(env, identity: identity, environment: environment)
                let error = try #require(
                    await caught { try await credential.getToken(scopes: managementScope) } as? AzureIdentityError
                )
                #expect(error.code == .credentialUnavailable)
                #expect(error.message.contains("user-assigned") || error.message.contains("client id only"))
            }
            #expect(MIFixtures.requests(env).isEmpty)
        }
    }

    @Test("long-lived tokens refresh at half-life; short ones use the cache's default")
    func halfLife() async throws {
        try await withFake(configuration: .init(tokenLifetime: 86_400)) { env in
            MIFixtures.register(env)
            let (credential, _) = try MIFixtures.credential(env)
            let token = try await credential.getToken(scopes: managementScope)
            let refreshOn = try #require(token.refreshOn)
            let lifetime = token.expiresOn.timeIntervalSince(env.time.now())
            #expect(abs(refreshOn.timeIntervalSince(env.time.now()) - lifetime / 2) < 5)
            env.fake.updateConfiguration { $0.tokenLifetime = 3600 }
            let short = try await credential.getToken(scopes: ["https://storage.azure.com/.default"])
            #expect(short.refreshOn == nil)
        }
    }

    @Test("an unassigned identity on IMDS and several scopes are unavailable")
    func unavailableCases() async throws {
        try await withFake { env in
            let (credential, _) = try MIFixtures.credential(env, identity: .clientID("not-assigned"))
            let error = try #require(
                await caught { try await credential.getToken(scopes: managementScope) } as? AzureIdentityError
            )
            #expect(error.code == .credentialUnavailable)
            #expect(error.message.contains("has not been assigned"))
            let scopes = await caught { try await credential.getToken(scopes: ["a/.default", "b/.default"]) }
            #expect((scopes as? AzureIdentityError)?.code == .credentialUnavailable)
        }
    }
}
