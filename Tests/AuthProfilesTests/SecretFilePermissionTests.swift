// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

@testable import AuthProfiles

/// Issue 9 item 21: `validate` warns (`AP506`), as ssh does, about literal absolute secret files and unencrypted
/// private keys that others can read, with the mode found; it reads nothing and leaves the rest to explain.
@Suite final class SecretFilePermissionTests {
    let directory: String

    init() throws {
        directory = FileManager.default.temporaryDirectory.path + "/authprofile-permissions-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func file(_ name: String, _ permissions: Int) throws -> String {
        let path = directory + "/" + name
        try Data("not read by validate\n".utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: path)
        return path
    }

    private func warnings(_ credential: String, extra: String = "") -> [Diagnostic] {
        let result = validate(
            """
            version: 1
            profiles:
              app:
                tenant: 72f988bf-86f1-41af-91ab-2d7cd011db47
                credential:
            \(credential.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n"))
            \(extra)
            """)
        #expect(result.isValid, "\(result.diagnostics)")
        return result.diagnostics.filter { $0.code == .exposedSecretFile }
    }

    @Test(arguments: [
        (0o644, "is readable by its group and all users (mode 0644)"),
        (0o640, "is readable by its group (mode 0640)"),
        (0o604, "is readable by all users (mode 0604)"),
        (0o660, "is readable by its group (mode 0660)"),
    ])
    func aSecretFileOthersCanReadIsAWarning(_ permissions: Int, _ exposure: String) throws {
        let secret = try file("secret", permissions)
        let found = warnings("type: clientSecret\nclientId: \(clientA)\nclientSecret: { file: \(secret) }")
        #expect(found.map(\.message) == ["clientSecret: secret file \(secret) \(exposure)"])
        #expect(found.first?.severity == .warning)
        #expect(found.first?.path == "profiles.app.credential.clientSecret")
        #expect(found.first?.hint?.hasSuffix("chmod 600 \(secret)") == true)
    }

    @Test func ownerOnlyMissingRelativeAndEnvironmentPathsAreNotWarnedAbout() throws {
        let closed = try file("closed", 0o600)
        _ = try file("relative", 0o644)
        for reference in [
            "{ file: \(closed) }", "{ file: \(directory)/absent }", "{ file: relative }",
            "{ env: APP_SECRET }",
        ] {
            #expect(
                warnings("type: clientSecret\nclientId: \(clientA)\nclientSecret: \(reference)").isEmpty,
                "\(reference)")
        }
    }

    @Test func anUnencryptedKeyIsWarnedAboutAnEncryptedOneIsNot() throws {
        let pem = try file("app.pem", 0o644)
        let key = try file("app.key", 0o644)
        let plain = warnings("type: clientCertificate\nclientId: \(clientA)\ncertificate: { path: \(pem) }")
        #expect(
            plain.map(\.message) == [
                "certificate.path: unencrypted private key file \(pem) is readable by its group and all users (mode 0644)"
            ])
        let separate = warnings(
            "type: clientCertificate\nclientId: \(clientA)\ncertificate: { path: \(pem), key: \(key) }")
        #expect(
            separate.map(\.message) == [
                "certificate.key: unencrypted private key file \(key) is readable by its group and all users (mode 0644)"
            ])
        // With a password the key is stored encrypted; only a password file could be exposed.
        let password = try file("password", 0o644)
        let encrypted = warnings(
            """
            type: clientCertificate
            clientId: \(clientA)
            certificate: { path: \(pem) }
            certificatePassword: { file: \(password) }
            """)
        #expect(
            encrypted.map(\.message) == [
                "certificatePassword: secret file \(password) is readable by its group and all users (mode 0644)"
            ])
    }

    @Test func assertionsAreShortLivedTokensAndNotWarnedAbout() throws {
        let assertion = try file("assertion", 0o644)
        #expect(warnings("type: clientAssertion\nclientId: \(clientA)\nassertion: { file: \(assertion) }").isEmpty)
    }

    @Test func everyLinkOfAChainIsCheckedAndEachFileOnce() throws {
        let secret = try file("secret", 0o644)
        let pipelines = try file("token", 0o604)
        let found = warnings(
            """
            type: chain
            links:
              - { type: clientSecret, clientId: \(clientA), clientSecret: { file: \(secret) } }
              - { type: azurePipelines, clientId: \(clientB), serviceConnectionId: \(clientA),
                  systemAccessToken: { file: \(pipelines) } }
            """,
            extra: """
                  child:
                    extends: app
                """)
        #expect(
            found.map(\.message) == [
                "clientSecret: secret file \(secret) is readable by its group and all users (mode 0644)",
                "systemAccessToken: secret file \(pipelines) is readable by all users (mode 0604)",
            ])
    }

    @Test func aPathWithControlCharactersIsShownEscaped() throws {
        let secret = try file("se\u{1B}[2Jcret", 0o644)
        let quoted = secret.replacingOccurrences(of: "\u{1B}", with: "\\e")  // YAML's escape for ESC
        let found = warnings("type: clientSecret\nclientId: \(clientA)\nclientSecret: { file: \"\(quoted)\" }")
        #expect(found.count == 1)
        #expect(found.first?.message.contains("\u{1B}") == false)
        #expect(found.first?.message.contains("se\\u{1B}[2Jcret") == true)
    }
}
