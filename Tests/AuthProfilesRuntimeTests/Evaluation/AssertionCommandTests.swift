// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfilesRuntime
import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

/// `clientAssertion` with `assertion: {command: [...]}`: the command runs as argv (no shell), its trimmed standard
/// output is the assertion sent to Entra ID.
@Suite struct AssertionCommandTests {
    static func profiles(_ command: String) -> String {
        """
          signer:
            tenant: test
            credential:
              type: clientAssertion
              clientId: \(FakeProfileEnvironment.clientID)
              assertion: { command: [\(command), --audience, api://AzureADTokenExchange] }
        """
    }

    func script(_ body: String, in directory: String) throws {
        let path = directory + "/make-assertion"
        try "#!/bin/sh\n\(body)\n".write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    }

    @Test func theCommandsOutputIsTheAssertion() async throws {
        try await withFakeProfiles { env in
            try script("echo \"  header.$2.sig  \"", in: env.directory)
            let credential = try AuthProfile.credential(
                named: "signer", document: env.profiles(Self.profiles("make-assertion")),
                options: env.options(["PATH": env.directory]))
            let evaluation = try await credential.evaluate(for: TokenRequest(scopes: [FakeProfileEnvironment.scope]))
            let request = try #require(env.fake.tokenRequests.first)
            #expect(request.form["client_assertion"] == "header.api://AzureADTokenExchange.sig")
            #expect(request.form["client_assertion_type"] == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
            #expect(evaluation.attempts.first?.outcome == .failed, "the fake rejects an unsigned assertion")
            #expect(evaluation.attempts.first?.reason?.contains("header.") == false, "the assertion is not echoed")
        }
    }

    @Test func aMissingCommandIsUnavailableAndAFailingOneFails() async throws {
        try await withFakeProfiles { env in
            let missing = try AuthProfile.credential(
                named: "signer", document: env.profiles(Self.profiles("no-such-signer")),
                options: env.options(["PATH": env.directory]))
            let unavailable = try await missing.evaluate(for: TokenRequest(scopes: [FakeProfileEnvironment.scope]))
            #expect(unavailable.attempts.first?.outcome == .unavailable)
            #expect(unavailable.attempts.first?.reason?.contains("'no-such-signer' was not found") == true)

            try script("echo oops >&2; exit 3", in: env.directory)
            let failing = try AuthProfile.credential(
                named: "signer", document: env.profiles(Self.profiles("make-assertion")),
                options: env.options(["PATH": env.directory]))
            let failed = try await failing.evaluate(for: TokenRequest(scopes: [FakeProfileEnvironment.scope]))
            #expect(failed.attempts.first?.outcome == .failed)
            #expect(failed.attempts.first?.reason?.contains("exited with 3") == true)
            #expect(env.fake.tokenRequests.isEmpty)
        }
    }
}
