// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

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
        let reason = ((error as? AzureIdentityError)?.underlying as? CertificateLoadError)?.code
        let (evidence, hint): (Evidence, String)
        switch reason {
        case .keyMismatch?:
            evidence = Evidence(.problem, "private key", "the private key does not match the certificate")
            hint = "Use the private key the certificate was issued for."
        case .pkcs12NotDecrypted?:
            evidence = Evidence(.problem, "file \(path)", "cannot be opened: wrong password, or not a PKCS#12 file")
            hint = "Check the certificate's password and format."
        case .keyNotDecrypted?:
            evidence = Evidence(.problem, "private key", "cannot be decrypted: wrong password")
            hint = "Check the certificate's password."
        case .unsupportedKey?:
            evidence = Evidence(.problem, "private key", "in \(keyFile) is not an RSA key of at least 2048 bits")
            hint = "Use an RSA key of 2048 bits or more."
        case .pkcs12WithoutRSA?:
            evidence = Evidence(.problem, "file \(path)", "does not hold an RSA certificate and private key")
            hint = "Export the certificate with its RSA private key."
        case .noPrivateKey?, .passwordRequired?:
            evidence = Evidence(.problem, "private key", "not found in \(keyFile)")
            hint = "Put the certificate's private key in \(keyFile)."
        default:
            evidence = Evidence(.problem, "file \(path)", "holds no readable certificate")
            hint = "Check that \(path) holds a PEM certificate (-----BEGIN CERTIFICATE-----)."
        }
        return InspectionResult(verdict: .misconfigured, evidence: [fileEvidence, evidence], hint: hint)
    }
}
