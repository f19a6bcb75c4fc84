import AuthProfiles
import AzureIdentity
import Foundation
import X509

/// Checks a client certificate file: that it can be read and parsed, that its private key belongs to it and that
/// it is valid now.
///
/// Evidence names the certificate's subject, its SHA-1 thumbprint (what the Entra admin center shows), its expiry
/// and the chain length; none of that is secret. The password, if any, never appears in the result.
public enum CertificateInspection {
    /// How close to its expiry a certificate earns a note.
    public static let expiryWarning: TimeInterval = 30 * 86_400

    /// Inspects a certificate and its private key.
    /// - Parameters:
    ///   - path: A PEM file (certificate and, unless `keyPath` is given, key) or a PKCS#12 file.
    ///   - keyPath: A separate PEM file holding the private key.
    ///   - format: The file format; `nil` decides by extension (`.pfx` and `.p12` are PKCS#12, anything else PEM).
    ///   - password: The password of an encrypted key or PKCS#12 file, already resolved by the caller.
    ///   - passwordUnresolved: Whether a password is configured but could not be resolved (the caller reports why,
    ///     for example with ``SecretReferenceInspection``). Encrypted material is then not opened and the result
    ///     is `unknown`, so that combining it with the caller's result lets the password's verdict decide.
    ///   - context: Where to read from and the moment validity is checked against.
    /// - Returns: `ready` for a readable, parsable certificate whose key matches and which is valid now (with a
    ///   note when it expires within ``expiryWarning``); `unavailable` when a file does not exist; `misconfigured`
    ///   for anything else that is wrong.
    public static func inspect(
        path: String,
        keyPath: String? = nil,
        format: CertificateFormat? = nil,
        password: Secret? = nil,
        passwordUnresolved: Bool = false,
        context: InspectionContext
    ) -> InspectionResult {
        let format = format ?? defaultFormat(for: path)
        let bytes: Data
        switch read(path, context: context) {
        case .failure(let failure): return failure.result
        case .success(let data): bytes = data
        }
        let fileEvidence = Evidence(.ok, "file \(path)", "readable, \(format == .pem ? "PEM" : "PKCS#12")")
        let certificate: ClientCertificate
        switch format {
        case .pem:
            let text = String(decoding: bytes, as: UTF8.self)
            guard text.contains("-----BEGIN") else {
                return misconfigured(
                    [Evidence(.problem, "file \(path)", "is not PEM (no -----BEGIN line)")],
                    hint: "If \(path) is a PKCS#12 file, set format: pfx."
                )
            }
            var keyText = text
            if let keyPath {
                switch read(keyPath, context: context) {
                case .failure(let failure): return failure.result
                case .success(let data): keyText = String(decoding: data, as: UTF8.self)
                }
            }
            let keyFile = keyPath ?? path
            guard keyText.contains("PRIVATE KEY-----") else {
                return misconfigured(
                    [fileEvidence, Evidence(.missing, "private key", "not found in \(keyFile)")],
                    hint: keyPath == nil
                        ? "Append the private key to \(path), or set key: to the key file."
                        : "Put the private key (-----BEGIN PRIVATE KEY-----) in \(keyFile)."
                )
            }
            if keyText.contains("ENCRYPTED") {
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
            do {
                certificate = try ClientCertificate(certificatePEM: text, privateKeyPEM: keyText, password: password)
            } catch {
                return loadFailure(error, path: path, keyFile: keyFile, fileEvidence: fileEvidence)
            }
        case .pfx:
            if passwordUnresolved { return notOpened(fileEvidence, "a PKCS#12 file") }
            do {
                certificate = try ClientCertificate(pkcs12: Array(bytes), password: password)
            } catch {
                return loadFailure(error, path: path, keyFile: path, fileEvidence: fileEvidence)
            }
        }
        return validity(of: certificate, fileEvidence: fileEvidence, now: context.now)
    }

    /// The format a file's extension implies.
    static func defaultFormat(for path: String) -> CertificateFormat {
        let name = path.lowercased()
        return name.hasSuffix(".pfx") || name.hasSuffix(".p12") ? .pfx : .pem
    }

    private static func read(_ path: String, context: InspectionContext) -> Result<Data, InspectionFailure> {
        switch context.read(path) {
        case .success(let data):
            return .success(data)
        case .failure(let problem):
            let (verdict, evidence) = InspectionSupport.unreadable(problem, subject: "file \(path)")
            let hint =
                problem == .missing
                ? "Create \(path), or fix the certificate path." : "Make \(path) a readable file."
            return .failure(InspectionFailure(InspectionResult(verdict: verdict, evidence: [evidence], hint: hint)))
        }
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
