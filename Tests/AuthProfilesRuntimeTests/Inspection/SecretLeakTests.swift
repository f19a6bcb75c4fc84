// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AuthProfilesRuntime
import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

/// No inspection may print a secret it was given or read: not a password, a token, a signature or a file's content.
@Suite struct SecretLeakTests {
    let directory = try! TemporaryDirectory()

    @Test func noEvidenceOrHintContainsAKnownSecret() throws {
        let password = "Pfx-Password-4417"
        let certificate = try TestCertificateAuthority().issueClientCertificate(commonName: "leak-check")
        try directory.write("app.pfx", Data(try certificate.pkcs12(password: password)))
        let token = TestJWT.make(["iss": "issuer", "sub": "subject", "aud": "audience", "exp": 4_102_444_799])
        let expired = TestJWT.make(["iss": "issuer", "exp": 1])
        try directory.write("token", token)
        try directory.write("expired", expired)
        try directory.write("secret.txt", "File-Secret-Content-9901")
        let context = directory.context(["ENV_SECRET": "Env-Secret-Value-5512"])
        let results = [
            CertificateInspection.inspect(path: "app.pfx", password: Secret(password), context: context),
            CertificateInspection.inspect(path: "app.pfx", password: Secret(password + "x"), context: context),
            TokenFileInspection.inspect(path: "token", context: context),
            TokenFileInspection.inspect(path: "expired", context: context),
            SecretReferenceInspection.inspectEnvironmentSecret(name: "ENV_SECRET", field: "secret", context: context),
            SecretReferenceInspection.inspectFileSecret(path: "secret.txt", field: "secret", context: context),
        ]
        #expect(results.map(\.verdict) == [.ready, .misconfigured, .ready, .misconfigured, .ready, .ready])
        let secrets =
            [password, token, expired, TestJWT.signature, "File-Secret-Content-9901", "Env-Secret-Value-5512"]
            + token.split(separator: ".").map(String.init) + expired.split(separator: ".").map(String.init)
        for result in results {
            for secret in secrets {
                #expect(!result.allText.contains(secret), "printed a secret: \(result.evidence.map(\.subject))")
            }
        }
    }
}
