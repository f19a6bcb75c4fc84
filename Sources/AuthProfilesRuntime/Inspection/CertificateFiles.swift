// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AzureIdentity
import IdentitySupport

/// How a profile's certificate files are read: by the binder when the link runs and by explain's dry run, through
/// the same reader, so that the dry run's verdict for a file is what the run will do with it.
///
/// The format is the profile's `format` when written; otherwise PEM when a separate `key` file is given, and else
/// decided by the content (PEM when it holds a `-----BEGIN` line, PKCS#12 otherwise), as ``ClientCertificate``'s
/// loader decides.
enum CertificateFiles {
    /// A certificate or key file that could not be read.
    struct Failure: Error, Sendable {
        /// `certificate file` or `key file`.
        let what: String
        /// The file, as the profile resolved it.
        let path: String
        /// What the path is, or why it could not be read.
        let problem: FileProblem

        /// The problem as a link's value problem: a missing file makes the link unavailable, anything else fails it.
        var valueProblem: ValueProblem {
            ValueProblem(isMissing: problem.isMissing, message: "\(what) \(path) \(problem)", hint: hint)
        }

        /// How to fix it.
        var hint: String {
            switch problem.reason {
            case .notFound: "Create \(path), or fix the certificate path."
            case .permissionDenied: "Check the permissions of \(path)."
            default: "Point the certificate at a regular file."
            }
        }
    }

    /// Reads the certificate file and, when given, the key file (absolute paths).
    static func read(
        path: String, keyPath: String?, format: CertificateFormat?
    ) -> Result<ClientCertificate.Files, Failure> {
        let fileFormat: ClientCertificate.FileFormat? = format.map { $0 == .pfx ? .pkcs12 : .pem }
        do {
            return .success(try ClientCertificate.Files.read(path: path, keyPath: keyPath, format: fileFormat))
        } catch {
            let load = error.underlying as? CertificateLoadError
            let failed = load?.path ?? path
            return .failure(
                Failure(
                    what: failed == path ? "certificate file" : "key file", path: failed,
                    problem: load?.file ?? FileProblem(.failed)))
        }
    }
}
