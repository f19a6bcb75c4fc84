// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import IdentitySupport

/// Checks where a secret would come from, without ever reading its value into evidence.
///
/// Only presence is reported: `set`, `set but empty`, `not set` for a variable; readable and not empty for a
/// file. Neither the value, nor its length, nor any part of a file's content appears in the result.
package enum SecretReferenceInspection {
    /// Checks a secret held in an environment variable.
    /// - Parameters:
    ///   - name: The variable's name, such as `AZURE_CLIENT_SECRET`.
    ///   - field: What the secret is, for the hint (`client secret`, `certificate password`).
    ///   - context: The environment to look in.
    /// - Returns: `ready` when the variable is set and not empty, otherwise `unavailable` (an empty value counts
    ///   as unset, as in Azure Identity).
    package static func inspectEnvironmentSecret(
        name: String,
        field: String,
        context: InspectionContext
    ) -> InspectionResult {
        let subject = "env \(name)"
        guard context.value(name) != nil else {
            return InspectionResult(
                verdict: .unavailable,
                evidence: [
                    Evidence(
                        .missing, subject,
                        context.variables.isEmptyButPresent(name)
                            ? "set but empty" : "not set")
                ],
                hint: "Set \(name) to the \(field)."
            )
        }
        return InspectionResult(verdict: .ready, evidence: [Evidence(.ok, subject, "set")])
    }

    /// Checks a secret held in a file, reading it exactly as the run will (``ValueResolver/secret(_:field:)``): a
    /// regular file of UTF-8 text, trimmed of a byte order mark and the white space around it.
    /// - Parameters:
    ///   - path: The file, relative paths taken from the context's working directory.
    ///   - field: What the secret is, for the hint.
    ///   - context: Where to read from.
    /// - Returns: `ready` when the run would get a secret from the file (with a note when the file is readable by
    ///   others, as ssh warns about keys); `unavailable` when it does not exist or holds nothing but white space
    ///   (the run treats both as absent); `misconfigured` when it cannot be read: not a regular file (a directory,
    ///   a FIFO, a device), no permission, too large, or not UTF-8 text.
    package static func inspectFileSecret(path: String, field: String, context: InspectionContext) -> InspectionResult {
        let subject = "file \(path)"
        let absolute: String
        switch context.path(path) {
        case .success(let resolved): absolute = resolved
        case .failure(let problem): return InspectionSupport.unresolvable(problem, subject: subject)
        }
        switch CredentialFile.read(absolute) {
        case .failure(let problem):
            let write = "Write the \(field) to \(path)"
            let absent = problem.file == nil ? write + "." : write + ", or fix the path."
            let hint = problem.isMissing ? absent : ValueResolver.hint(for: problem)
            return InspectionResult(
                verdict: problem.isMissing ? .unavailable : .misconfigured,
                evidence: [Evidence(problem.isMissing ? .missing : .problem, subject, problem.description)],
                hint: hint)
        case .success(let contents):
            var evidence = [Evidence(.ok, subject, "readable, not empty")]
            var hint: String?
            if let exposure = contents.status.exposure {
                evidence.append(
                    Evidence(
                        .note, subject, "\(exposure); anyone who can read it has the \(field) (chmod 600 \(path))"))
                hint = "Make \(path) readable by its owner only: chmod 600 \(path)"
            }
            return InspectionResult(verdict: .ready, evidence: evidence, hint: hint)
        }
    }
}
