import AzureIdentity
import Foundation

extension CertificateInspection {
    /// Turns a loader error into stable evidence. The loader's messages never contain the password; they are
    /// still rephrased here so that explain's output does not change when the loader's wording does.
    static func loadFailure(
        _ error: any Error,
        path: String,
        keyFile: String,
        fileEvidence: Evidence
    )
        -> InspectionResult
    {
        let message = (error as? AzureIdentityError)?.message ?? ""
        let (evidence, hint): (Evidence, String)
        if message.contains("does not match") {
            evidence = Evidence(.problem, "private key", "the private key does not match the certificate")
            hint = "Use the private key the certificate was issued for."
        } else if message.contains("PKCS#12 data could not be decrypted") {
            evidence = Evidence(.problem, "file \(path)", "cannot be opened: wrong password, or not a PKCS#12 file")
            hint = "Check the certificate's password and format."
        } else if message.contains("could not be decrypted") {
            evidence = Evidence(.problem, "private key", "cannot be decrypted: wrong password")
            hint = "Check the certificate's password."
        } else if message.contains("not an RSA key") {
            evidence = Evidence(.problem, "private key", "in \(keyFile) is not an RSA key of at least 2048 bits")
            hint = "Use an RSA key of 2048 bits or more."
        } else if message.contains("does not hold an RSA certificate and key") {
            evidence = Evidence(.problem, "file \(path)", "does not hold an RSA certificate and private key")
            hint = "Export the certificate with its RSA private key."
        } else if message.contains("private key") {
            evidence = Evidence(.problem, "private key", "not found in \(keyFile)")
            hint = "Put the certificate's private key in \(keyFile)."
        } else {
            evidence = Evidence(.problem, "file \(path)", "holds no readable certificate")
            hint = "Check that \(path) holds a PEM certificate (-----BEGIN CERTIFICATE-----)."
        }
        return InspectionResult(verdict: .misconfigured, evidence: [fileEvidence, evidence], hint: hint)
    }
}
