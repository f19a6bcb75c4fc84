// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfileCLI
import Foundation
import Testing

/// Secrets written in the wrong place never reach `validate`'s output, in any format (issue 9 item 10): not in a
/// message, a hint, a key path, a note, nor the source line under a diagnostic.
@Suite struct ValidateSecretLeakTests {
    /// A real Entra client secret's shape: 40 characters with `Q~`; pasting one into `env:` is the classic leak.
    static let entraSecret = "Xq48Q~Zr0e.m1NVp_8uDwq-KtJ3~yLs5cR2aBnGh"
    /// A password with no recognisable shape: only its place says it is secret.
    static let password = "hunter2-Pl4nted"
    static let jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwbGFudGVkIn0.c2lnbmF0dXJlLXBsYW50ZWQ"
    static let client = "2d1a8c9e-0000-4000-8000-000000000001"

    static func profile(_ credential: String, extra: String = "") -> String {
        "version: 1\nprofiles:\n  app:\n    tenant: contoso.onmicrosoft.com\n\(extra)    credential:\n\(credential)"
    }

    /// Each case plants a secret where `validate` reports something about that line.
    static let cases: [(name: String, yaml: String, secret: String)] = [
        (
            "entra secret in env",
            profile(
                """
                      type: clientSecret
                      clientId: \(client)
                      clientSecret: { env: "\(entraSecret)" }

                """), entraSecret
        ),
        (
            "password in env",
            profile(
                """
                      type: clientSecret
                      clientId: \(client)
                      clientSecret: { env: \(password) }

                """), password
        ),
        (
            "default beside a reference",
            profile(
                """
                      type: clientSecret
                      clientId: \(client)
                      clientSecret: { env: APP_SECRET, default: \(password) }

                """), password
        ),
        (
            "secret in a list",
            profile(
                """
                      type: clientSecret
                      clientId: \(client)
                      clientSecret: [\(password)]

                """), password
        ),
        (
            "secret as a flow key",
            profile(
                """
                      type: clientSecret
                      clientId: \(client)
                      clientSecret: {\(password)}

                """), password
        ),
        (
            "inline block scalar",
            profile(
                """
                      type: usernamePassword
                      username: user@contoso.com
                      password: |
                        \(password)

                """), password
        ),
        (
            "mis-cased key",
            profile(
                """
                      type: clientSecret
                      clientId: \(client)
                      ClientSecret: \(password)

                """), password
        ),
        (
            "snake-case key",
            "version: 1\nprofiles:\n  app: { credential: { type: clientSecret, clientId: \(client), "
                + "client_secret: \(password) } }\n", password
        ),
        (
            "misspelled key",
            profile(
                """
                      type: clientSecret
                      clientId: \(client)
                      clientScret: \(password)

                """), password
        ),
        (
            "unknown credential type",
            "version: 1\nprofiles:\n  app: { credential: { type: clientSecrt, "
                + "clientId: \(client), clientSecret: \(password) } }\n", password
        ),
        (
            "misspelled credential key",
            "version: 1\nprofiles:\n  app:\n    credentail: { type: clientSecret, "
                + "clientSecret: \(password) }\n    credential: { type: azureCli }\n", password
        ),
        (
            "password in an authority URL",
            "version: 1\nclouds:\n  c: { authorityHost: \"https://admin:\(password)@login"
                + ".contoso.example\" }\ntenants:\n  t: { id: contoso.onmicrosoft.com, cloud: c }\nprofiles:\n"
                + "  app: { tenant: t, credential: { type: azureCli } }\n", password
        ),
        (
            "password in a redirect URI",
            profile(
                """
                      type: interactiveBrowser
                      redirectUri: "http://user:\(password)@localhost:8400"

                """), password
        ),
        (
            "entra secret as a client id",
            profile(
                """
                      type: clientSecret
                      clientId: "\(entraSecret)"
                      clientSecret: { env: APP_SECRET }

                """), entraSecret
        ),
        (
            "token as a client id",
            profile(
                """
                      type: clientSecret
                      clientId: \(jwt)
                      clientSecret: { env: APP_SECRET }

                """), jwt
        ),
        (
            "entra secret as a tenant",
            "version: 1\nprofiles:\n  app: { tenant: \"\(entraSecret)\", "
                + "credential: { type: azureCli } }\n", entraSecret
        ),
        (
            "secret argument of a relative command",
            profile(
                """
                      type: clientAssertion
                      clientId: \(client)
                      assertion: { command: [get-assertion, --password, \(password)] }

                """), password
        ),
        (
            "syntax error on a secret's line",
            "version: 1\nprofiles:\n  app:\n    credential:\n"
                + "      clientSecret: \(password): x\n", password
        ),
        (
            "repeated secret key",
            "version: 1\nprofiles:\n  app:\n    credential:\n      type: clientSecret\n"
                + "      clientSecret: \(password)\n      clientSecret: \(password)\n", password
        ),
        (
            "password in a certificate password default",
            profile(
                """
                      type: clientCertificate
                      clientId: \(client)
                      certificate: { path: /etc/app.pem }
                      certificatePassword: { file: /run/pw, default: \(password) }

                """), password
        ),
        (
            "entra secret as a profile name",
            "version: 1\nprofiles:\n  \"\(entraSecret)\": { credential: { type: azureCli }, "
                + "extends: nowhere }\n", entraSecret
        ),
    ]

    /// A file of its own for each run, removed afterwards.
    static func withFile<T>(_ yaml: String, _ body: (String) async throws -> T) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("authprofile-leak-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("profiles.yaml").path
        try yaml.write(toFile: file, atomically: true, encoding: .utf8)
        return try await body(file)
    }

    @Test(arguments: cases.indices, DiagnosticFormat.allCases)
    func aPlantedSecretNeverReachesTheOutput(_ index: Int, _ format: DiagnosticFormat) async throws {
        let (name, yaml, secret) = Self.cases[index]
        let run = try await Self.withFile(yaml) { file in
            await CLIHarness.run(["validate", "--format", format.rawValue, file])
        }
        // A warning-only file exits 0; its report names the warning ("minor" is GitLab's word for one).
        let reported = run.stdout.contains("warning") || run.stdout.contains(#""severity": "minor""#)
        #expect(run.status != 0 || reported, "\(name): nothing was reported")
        #expect(!run.stdout.isEmpty)
        // Also no recognisable piece of it: the first and last halves.
        let pieces = [secret, String(secret.prefix(secret.count / 2)), String(secret.suffix(secret.count / 2))]
        for piece in pieces {
            #expect(!run.stdout.contains(piece), "\(name) (\(format)) printed the secret:\n\(run.stdout)")
            #expect(!run.stderr.contains(piece), "\(name) (\(format)) printed the secret:\n\(run.stderr)")
        }
    }

    @Test func theSourceLineIsShownMaskedNotHidden() async throws {
        let run = try await Self.withFile(Self.cases[0].yaml) { file in await CLIHarness.run(["validate", file]) }
        #expect(run.stdout.contains("error[AP209]: the 'env' of 'clientSecret' is not a valid environment variable"))
        #expect(run.stdout.contains(" 8 |       clientSecret: { env: [redacted] }\n"))
        #expect(run.stdout.contains("   |                            ^\n"), "the caret points at the masked value")
    }
}
