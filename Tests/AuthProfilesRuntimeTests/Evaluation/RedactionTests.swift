// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AuthProfilesRuntime
import AzureIdentity
import Foundation
import Testing

@Suite struct RuntimeRedactionTests {
    static let secret = "runtime~Redaction.Secret.0123456789"

    @Test func credentialsOptionsAndContextsNeverShowTheEnvironment() async throws {
        let environment = ["APP_SECRET": Self.secret, "AZURE_CLIENT_SECRET": Self.secret, "PATH": ""]
        let options = ProfileRuntimeOptions(environment: environment, workingDirectory: "/tmp")
        let credential = try AuthProfile.credential(
            named: "app",
            document: """
                version: 1
                profiles:
                  app:
                    tenant: 72f988bf-86f1-41af-91ab-2d7cd011db47
                    credential:
                      type: clientSecret
                      clientId: 2d1a8c9e-0000-4000-8000-000000000004
                      clientSecret: { env: APP_SECRET }
                """,
            options: options)
        let resolver = ValueResolver(environment: environment, workingDirectory: "/tmp")
        _ = resolver.secret(.environment(name: "APP_SECRET"), field: "clientSecret")
        let context = InspectionContext(environment: environment, workingDirectory: "/tmp")
        var texts = [
            String(describing: credential), String(reflecting: credential), String(describing: options),
            String(reflecting: options), String(describing: resolver), String(reflecting: context),
        ]
        for value in [credential, options, resolver, context] as [Any] {
            var dumped = ""
            dump(value, to: &dumped)
            texts.append(dumped)
        }
        for text in texts {
            #expect(!text.contains(Self.secret), "\(text)")
        }
        #expect(String(describing: resolver).contains("APP_SECRET"), "names are shown, values are not")
    }

    @Test func missingSecretsAreNamedNotRevealed() {
        let resolver = ValueResolver(environment: ["EMPTY": ""], workingDirectory: "/tmp")
        guard case .failure(let problem) = resolver.secret(.environment(name: "EMPTY"), field: "clientSecret") else {
            Issue.record("an empty variable counts as unset")
            return
        }
        #expect(problem.isMissing)
        #expect(problem.message == "clientSecret: environment variable EMPTY is not set")
    }
}
