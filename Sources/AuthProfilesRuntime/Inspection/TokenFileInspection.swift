// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import Foundation
import IdentitySupport

/// Checks a file holding a JWT: a federated token (workload identity) or a client assertion.
///
/// The token is decoded without verifying its signature (by AzureIdentity's one JWT decoder), only to report its
/// `iss`, `sub`, `aud` and `exp` claims, which are not secrets; their control characters are escaped. The token
/// itself, its signature and any other claim never appear in the result.
package enum TokenFileInspection {
    /// Inspects the token file at `path`.
    /// - Parameters:
    ///   - path: The file, relative paths taken from the context's working directory.
    ///   - context: Where to read from and the moment `exp` is checked against.
    ///   - what: What the file is, as evidence names it (`token file`, `client assertion file`).
    /// - Returns: `ready` for a JWT whose `exp` is in the future; `unavailable` when the file does not exist or is
    ///   empty (the run treats both as absent); `misconfigured` when it cannot be read (not a regular file, no
    ///   permission, not UTF-8), is not a JWT, has no `exp` or has expired.
    package static func inspect(
        path: String,
        context: InspectionContext,
        what: String = "token file"
    )
        -> InspectionResult
    {
        let subject = "\(what) \(path)"
        // Read as the run reads token and assertion files (``CredentialFile``): a regular file of trimmed UTF-8 text;
        // a missing or empty file is absent (unavailable), anything else that is wrong is misconfigured.
        let token: String
        let absolute: String
        switch context.path(path) {
        case .success(let resolved): absolute = resolved
        case .failure(let problem): return InspectionSupport.unresolvable(problem, subject: subject)
        }
        switch CredentialFile.read(absolute) {
        case .failure(let failure):
            let hint =
                failure.file?.isMissing == true
                ? "Check that the \(what) is mounted at \(path), or fix the path."
                : failure.isMissing
                    ? "Check what writes \(path); it should hold a JWT."
                    : "Make \(path) a readable regular file holding a JWT."
            return InspectionResult(
                verdict: failure.isMissing ? .unavailable : .misconfigured,
                evidence: [Evidence(failure.isMissing ? .missing : .problem, subject, failure.description)],
                hint: hint)
        case .success(let contents):
            token = contents.text
        }
        let claims: JWTClaims
        do {
            claims = try JWTClaims(compact: token)
        } catch {
            return problem(subject, "is not a JWT (\(error))", hint: "Point the link at a file holding a JWT.")
        }
        var evidence: [Evidence] = []
        for (claim, label) in [("iss", "issuer"), ("sub", "subject"), ("aud", "audience")] {
            if let values = claims.strings(claim) {
                let value = OutsideText.escaped(values.joined(separator: ", "), limit: 200)
                evidence.append(Evidence(.ok, "\(what) \(label)", value))
            }
        }
        let exp: UnixTime
        switch claims.numericDate("exp") {
        case .absent:
            return problem(
                subject,
                "has no exp claim",
                evidence: evidence,
                hint: "Check what writes \(path); Entra ID rejects tokens without an expiry."
            )
        case .invalid(let shown):
            return problem(
                subject,
                "has an exp claim of \(shown), which is not a date between 1970 and 9999",
                evidence: evidence,
                hint: "Check what writes \(path); exp must be seconds since 1970."
            )
        case .date(let time):
            exp = time
        }
        let expiry = exp.date
        let stamp = InspectionSupport.date(expiry)
        guard expiry > context.now else {
            return problem(
                subject,
                "expired at \(stamp); the issuer (e.g. the kubelet) should have refreshed it",
                evidence: evidence,
                hint: "Check that whatever writes \(path) still refreshes it."
            )
        }
        return InspectionResult(
            verdict: .ready,
            evidence: [Evidence(.ok, subject, "a JWT, expires at \(stamp)")] + evidence
        )
    }

    private static func problem(
        _ subject: String,
        _ detail: String,
        evidence: [Evidence] = [],
        hint: String
    )
        -> InspectionResult
    {
        InspectionResult(
            verdict: .misconfigured,
            evidence: [Evidence(.problem, subject, detail)] + evidence,
            hint: hint
        )
    }
}
