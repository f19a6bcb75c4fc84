// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

package import AuthProfiles
package import AzureIdentity
package import Foundation
import IdentitySupport
import X509

/// Checks a client certificate file: that it can be read and parsed, that its private key belongs to it and that
/// it is valid now.
///
/// Evidence names the certificate's subject, its SHA-1 thumbprint (what the Entra admin center shows), its expiry
/// and the chain length; none of that is secret. The password, if any, never appears in the result.
package enum CertificateInspection {
    /// How close to its expiry a certificate earns a note.
    package static let expiryWarning: TimeInterval = 30 * 86_400

    /// Inspects a certificate and its private key.
    /// - Parameters:
    ///   - path: A PEM file (certificate and, unless `keyPath` is given, key) or a PKCS#12 file.
    ///   - keyPath: A separate PEM file holding the private key.
    ///   - format: The file format; `nil` decides as the run does: PEM with a separate key file, else by the content
    ///     (PEM when it holds a `-----BEGIN` line, PKCS#12 otherwise).
    ///   - password: The password of an encrypted key or PKCS#12 file, already resolved by the caller.
    ///   - passwordUnresolved: Whether a password is configured but could not be resolved (the caller reports why,
    ///     for example with ``SecretReferenceInspection``). Encrypted material is then not opened and the result
    ///     is `unknown`, so that combining it with the caller's result lets the password's verdict decide.
    ///   - context: Where to read from and the moment validity is checked against.
    /// - Returns: `ready` for a readable, parsable certificate whose key matches and which is valid now (with a
    ///   note when it expires within ``expiryWarning``, and one when an unencrypted private key is readable by
    ///   others); `unavailable` when a file does not exist; `misconfigured` for anything else that is wrong,
    ///   including a path that is not a regular file.
    package static func inspect(
        path: String,
        keyPath: String? = nil,
        format: CertificateFormat? = nil,
        password: Secret? = nil,
        passwordUnresolved: Bool = false,
        context: InspectionContext
    ) -> InspectionResult {
        // The files are read as the run reads them, so a verdict here is what the run will do.
        let files: ClientCertificate.Files
        let absolute: String
        var absoluteKey: String?
        switch context.path(path) {
        case .success(let resolved): absolute = resolved
        case .failure(let problem): return InspectionSupport.unresolvable(problem, subject: "file \(path)")
        }
        if let keyPath {
            switch context.path(keyPath) {
            case .success(let resolved): absoluteKey = resolved
            case .failure(let problem): return InspectionSupport.unresolvable(problem, subject: "file \(keyPath)")
            }
        }
        switch CertificateFiles.read(path: absolute, keyPath: absoluteKey, format: format) {
        case .failure(let failure):
            let shown = failure.what == "key file" ? keyPath ?? path : path
            let missing = failure.problem.isMissing
            return InspectionResult(
                verdict: missing ? .unavailable : .misconfigured,
                evidence: [Evidence(missing ? .missing : .problem, "file \(shown)", failure.problem.description)],
                hint: missing
                    ? "Create \(shown), or fix the certificate path." : "Make \(shown) a readable regular file.")
        case .success(let read):
            files = read
        }
        let fileEvidence = Evidence(.ok, "file \(path)", "readable, \(files.format == .pem ? "PEM" : "PKCS#12")")
        let keyFile = keyPath ?? path
        switch files.format {
        case .pem:
            guard files.certificateText.contains("-----BEGIN") else {
                return misconfigured(
                    [Evidence(.problem, "file \(path)", "is not PEM (no -----BEGIN line)")],
                    hint: "If \(path) is a PKCS#12 file, set format: pfx."
                )
            }
            guard files.keyText.contains("PRIVATE KEY-----") else {
                return misconfigured(
                    [fileEvidence, Evidence(.missing, "private key", "not found in \(keyFile)")],
                    hint: keyPath == nil
                        ? "Append the private key to \(path), or set key: to the key file."
                        : "Put the private key (-----BEGIN PRIVATE KEY-----) in \(keyFile)."
                )
            }
            if files.isKeyEncrypted == true {
                if passwordUnresolved { return notOpened(fileEvidence, "the private key is encrypted") }
                if password == nil {
                    return misconfigured(
                        [
                            fileEvidence,
                            Evidence(.problem, "private key", "is encrypted and no password is configured"),
                        ],
                        hint: "Set the certificate's password."
                    )
                }
            }
        case .pkcs12:
            if passwordUnresolved { return notOpened(fileEvidence, "a PKCS#12 file") }
        }
        let certificate: ClientCertificate
        do {
            certificate = try files.load(password: password)
        } catch {
            return loadFailure(error, path: path, keyFile: keyFile, fileEvidence: fileEvidence)
        }
        var result = validity(of: certificate, fileEvidence: fileEvidence, now: context.now)
        // An unencrypted private key that others can read is no longer private (ssh refuses such keys).
        let encrypted = files.isKeyEncrypted ?? (password != nil)
        if !encrypted, let exposure = files.keyFile.status.exposure {
            result.evidence.append(
                Evidence(
                    .note, "private key", "is not encrypted, and \(keyFile) \(exposure) (chmod 600 \(keyFile))"))
            result.hint = result.hint ?? "Make \(keyFile) readable by its owner only: chmod 600 \(keyFile)"
        }
        return result
    }

    private static func validity(
        of certificate: ClientCertificate,
        fileEvidence: Evidence,
        now: Date
    )
        -> InspectionResult
    {
        let leaf = certificate.leaf
        let count = certificate.chain.count
        var evidence = [
            fileEvidence,
            Evidence(.ok, "certificate subject", leaf.subject.description),
            Evidence(.ok, "certificate thumbprint", "SHA-1 \(certificate.sha1ThumbprintHex)"),
        ]
        let tail = [
            Evidence(.ok, "certificate chain", count == 1 ? "1 certificate" : "\(count) certificates"),
            Evidence(.ok, "private key", "matches the certificate"),
        ]
        let notAfter = InspectionSupport.date(leaf.notValidAfter)
        if leaf.notValidBefore > now {
            let notBefore = InspectionSupport.date(leaf.notValidBefore)
            evidence.append(Evidence(.problem, "certificate validity", "not valid before \(notBefore)"))
            return misconfigured(evidence + tail, hint: "Use a certificate that is valid now, or check the clock.")
        }
        if leaf.notValidAfter < now {
            evidence.append(Evidence(.problem, "certificate validity", "expired on \(notAfter)"))
            return misconfigured(
                evidence + tail,
                hint: "Renew the certificate and add the new one to the app registration."
            )
        }
        let remaining = leaf.notValidAfter.timeIntervalSince(now)
        if remaining < expiryWarning {
            let days = Int(remaining / 86_400)
            let when = days == 0 ? "in less than a day" : days == 1 ? "in 1 day" : "in \(days) days"
            evidence.append(Evidence(.note, "certificate validity", "expires on \(notAfter) (\(when))"))
        } else {
            evidence.append(Evidence(.ok, "certificate validity", "valid until \(notAfter)"))
        }
        return InspectionResult(verdict: .ready, evidence: evidence + tail)
    }

    private static func notOpened(_ fileEvidence: Evidence, _ what: String) -> InspectionResult {
        InspectionResult(
            verdict: .unknown,
            evidence: [
                fileEvidence, Evidence(.note, "private key", "not checked: \(what) and its password is unavailable"),
            ]
        )
    }

    private static func misconfigured(_ evidence: [Evidence], hint: String) -> InspectionResult {
        InspectionResult(verdict: .misconfigured, evidence: evidence, hint: hint)
    }
}

/// A finished result carried through `Result`'s failure side.
struct InspectionFailure: Error {
    let result: InspectionResult

    init(_ result: InspectionResult) {
        self.result = result
    }
}
