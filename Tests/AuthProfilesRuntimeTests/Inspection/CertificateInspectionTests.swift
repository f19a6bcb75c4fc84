// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AuthProfilesRuntime
import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

@Suite struct CertificateInspectionTests {
    static let authority = try! TestCertificateAuthority(commonName: "Inspection Test CA")
    let directory = try! TemporaryDirectory()

    private func issue(days: Double = 365) throws -> TestClientCertificate {
        try Self.authority.issueClientCertificate(commonName: "inspected-app", validFor: days * 86_400)
    }

    @Test func validPEMIsReadyWithSubjectThumbprintExpiryAndChain() throws {
        let certificate = try issue()
        // Owner-only, as a private key should be: others reading it earns a note (see the permission tests).
        try directory.write("app.pem", certificate.combinedPEM, permissions: 0o600)
        let result = CertificateInspection.inspect(path: "app.pem", context: directory.context())
        #expect(result.verdict == .ready)
        #expect(result.detail("file app.pem") == "readable, PEM")
        #expect(result.detail("certificate subject") == "CN=inspected-app")
        let hex = certificate.sha1Thumbprint.map { String(format: "%02X", $0) }.joined()
        #expect(result.detail("certificate thumbprint") == "SHA-1 \(hex)")
        #expect(result.detail("certificate validity")?.hasPrefix("valid until 20") == true)
        #expect(result.detail("certificate validity")?.hasSuffix("Z") == true)
        #expect(result.detail("certificate chain") == "1 certificate")
        #expect(result.detail("private key") == "matches the certificate")
        #expect(result.hint == nil)
    }

    @Test func certificateExpiringWithinThirtyDaysIsReadyWithANote() throws {
        try directory.write("soon.pem", try issue(days: 10).combinedPEM)
        let now = Date().addingTimeInterval(5.5 * 86_400)  // about 4.5 days before the expiry
        let result = CertificateInspection.inspect(path: "soon.pem", context: directory.context(now: now))
        #expect(result.verdict == .ready)
        #expect(result.status("certificate validity") == .note)
        let detail = try #require(result.detail("certificate validity"))
        #expect(detail.hasPrefix("expires on 20") && detail.hasSuffix("Z (in 4 days)"), "\(detail)")
    }

    @Test func expiredCertificateIsMisconfigured() throws {
        try directory.write("old.pem", try issue(days: 1).combinedPEM)
        let now = Date().addingTimeInterval(3 * 86_400)
        let result = CertificateInspection.inspect(path: "old.pem", context: directory.context(now: now))
        #expect(result.verdict == .misconfigured)
        #expect(result.detail("certificate validity")?.hasPrefix("expired on 20") == true)
        #expect(result.hint == "Renew the certificate and add the new one to the app registration.")
    }

    @Test func notYetValidCertificateIsMisconfigured() throws {
        try directory.write("future.pem", try issue().combinedPEM)
        let now = Date().addingTimeInterval(-2 * 3600)
        let result = CertificateInspection.inspect(path: "future.pem", context: directory.context(now: now))
        #expect(result.verdict == .misconfigured)
        #expect(result.detail("certificate validity")?.hasPrefix("not valid before 20") == true)
    }

    @Test func keyOfAnotherCertificateIsMisconfigured() throws {
        let (certificate, other) = (try issue(), try issue())
        try directory.write("mismatch.pem", certificate.certificatePEM + "\n" + other.privateKeyPEM)
        let result = CertificateInspection.inspect(path: "mismatch.pem", context: directory.context())
        #expect(result.verdict == .misconfigured)
        #expect(result.detail("private key") == "the private key does not match the certificate")
        #expect(result.hint == "Use the private key the certificate was issued for.")
    }

    @Test func separateKeyFileIsRead() throws {
        let certificate = try issue()
        try directory.write("cert.pem", certificate.certificatePEM)
        try directory.write("key.pem", certificate.pkcs1PrivateKeyPEM)
        let result = CertificateInspection.inspect(path: "cert.pem", keyPath: "key.pem", context: directory.context())
        #expect(result.verdict == .ready)
        #expect(result.detail("private key") == "matches the certificate")
    }

    @Test func certificateWithoutKeyIsMisconfigured() throws {
        try directory.write("bare.pem", try issue().certificatePEM)
        let result = CertificateInspection.inspect(path: "bare.pem", context: directory.context())
        #expect(result.verdict == .misconfigured)
        #expect(result.detail("private key") == "not found in bare.pem")
        #expect(result.hint == "Append the private key to bare.pem, or set key: to the key file.")
    }

    @Test func missingFileIsUnavailableAndDirectoryIsMisconfigured() throws {
        let missing = CertificateInspection.inspect(path: "nope.pem", context: directory.context())
        #expect(missing.verdict == .unavailable)
        #expect(missing.detail("file nope.pem") == "does not exist")
        #expect(missing.status("file nope.pem") == .missing)
        #expect(missing.hint == "Create nope.pem, or fix the certificate path.")
        try FileManager.default.createDirectory(atPath: directory.path + "/dir.pem", withIntermediateDirectories: true)
        let folder = CertificateInspection.inspect(path: "dir.pem", context: directory.context())
        #expect(folder.verdict == .misconfigured)
        #expect(folder.detail("file dir.pem") == "is a directory, not a file")
    }

    @Test func textThatIsNotPEMIsMisconfigured() throws {
        try directory.write("junk.pem", "hello")
        // Written as PEM: said to be no PEM.
        let result = CertificateInspection.inspect(path: "junk.pem", format: .pem, context: directory.context())
        #expect(result.verdict == .misconfigured)
        #expect(result.detail("file junk.pem") == "is not PEM (no -----BEGIN line)")
        #expect(result.hint == "If junk.pem is a PKCS#12 file, set format: pfx.")
        // No format: decided by the content, as the run decides, so it is taken for PKCS#12 and cannot be opened.
        let decided = CertificateInspection.inspect(path: "junk.pem", context: directory.context())
        #expect(decided.verdict == .misconfigured)
        #expect(decided.detail("file junk.pem") == "readable, PKCS#12")
        #expect(decided.evidence.last?.detail == "cannot be opened: wrong password, or not a PKCS#12 file")
    }

    @Test func anUnencryptedKeyOthersCanReadEarnsANoteWithTheMode() throws {
        let certificate = try issue()
        try directory.write("open.pem", certificate.combinedPEM, permissions: 0o644)
        let open = CertificateInspection.inspect(path: "open.pem", context: directory.context())
        #expect(open.verdict == .ready)
        #expect(
            open.evidence.last
                == Evidence(
                    .note, "private key",
                    "is not encrypted, and open.pem is readable by its group and all users (mode 0644) (chmod 600 open.pem)"
                ))
        #expect(open.hint == "Make open.pem readable by its owner only: chmod 600 open.pem")
        // A separate key file is the one that matters.
        try directory.write("cert-only.pem", certificate.certificatePEM, permissions: 0o644)
        try directory.write("key.pem", certificate.privateKeyPEM, permissions: 0o640)
        let separate = CertificateInspection.inspect(
            path: "cert-only.pem", keyPath: "key.pem",
            context: directory.context())
        #expect(
            separate.evidence.last?.detail.hasPrefix("is not encrypted, and key.pem is readable by its group")
                == true)
        // A PKCS#12 bundle opened with a password holds its key encrypted: no note, whatever its mode.
        try directory.write("app.pfx", Data(try certificate.pkcs12(password: "pw")), permissions: 0o644)
        let bundle = CertificateInspection.inspect(
            path: "app.pfx", password: Secret("pw"), context: directory.context())
        #expect(bundle.verdict == .ready)
        #expect(!bundle.allText.contains("readable by"))
    }

    @Test func encryptedPFXOpensWithTheRightPasswordOnly() throws {
        let certificate = try issue()
        try directory.write("app.pfx", Data(try certificate.pkcs12(password: "pfx-pass-7781")))
        let context = directory.context()
        let good = CertificateInspection.inspect(path: "app.pfx", password: Secret("pfx-pass-7781"), context: context)
        #expect(good.verdict == .ready)
        #expect(good.detail("file app.pfx") == "readable, PKCS#12")
        #expect(good.detail("certificate subject") == "CN=inspected-app")
        for password in [Secret("wrong"), nil] {
            let bad = CertificateInspection.inspect(path: "app.pfx", password: password, context: context)
            #expect(bad.verdict == .misconfigured)
            #expect(bad.evidence.last?.detail == "cannot be opened: wrong password, or not a PKCS#12 file")
            #expect(bad.hint == "Check the certificate's password and format.")
        }
    }

    @Test func formatOverridesTheContent() throws {
        let certificate = try issue()
        try directory.write("bundle.bin", Data(try certificate.pkcs12(password: "x")))
        let asPEM = CertificateInspection.inspect(path: "bundle.bin", format: .pem, context: directory.context())
        #expect(asPEM.verdict == .misconfigured)
        #expect(asPEM.detail("file bundle.bin") == "is not PEM (no -----BEGIN line)")
        let byContent = CertificateInspection.inspect(
            path: "bundle.bin", password: Secret("x"),
            context: directory.context())
        #expect(byContent.detail("file bundle.bin") == "readable, PKCS#12")
        #expect(byContent.verdict == .ready)
        let asPFX = CertificateInspection.inspect(
            path: "bundle.bin",
            format: .pfx,
            password: Secret("x"),
            context: directory.context()
        )
        #expect(asPFX.verdict == .ready)
    }

    @Test func unresolvedPasswordLeavesEncryptedMaterialUnopened() throws {
        try directory.write("app.pfx", Data(try issue().pkcs12(password: "x")))
        let result = CertificateInspection.inspect(
            path: "app.pfx",
            passwordUnresolved: true,
            context: directory.context()
        )
        #expect(result.verdict == .unknown)
        #expect(result.detail("private key") == "not checked: a PKCS#12 file and its password is unavailable")
        let secret = SecretReferenceInspection.inspectEnvironmentSecret(
            name: "CERT_PASSWORD",
            field: "certificate password",
            context: directory.context()
        )
        let combined = InspectionResult.combine([secret, result])
        #expect(combined.verdict == .unavailable)
        #expect(combined.hint == "Set CERT_PASSWORD to the certificate password.")
    }
}
