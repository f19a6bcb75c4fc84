import AzureIdentity
import Foundation
import IdentitySupport

/// Checks a file holding a JWT: a federated token (workload identity) or a client assertion.
///
/// The token is decoded without verifying its signature (by AzureIdentity's one JWT decoder), only to report its
/// `iss`, `sub`, `aud` and `exp` claims, which are not secrets; their control characters are escaped. The token
/// itself, its signature and any other claim never appear in the result.
public enum TokenFileInspection {
    /// Inspects the token file at `path`.
    /// - Parameters:
    ///   - path: The file, relative paths taken from the context's working directory.
    ///   - context: Where to read from and the moment `exp` is checked against.
    ///   - what: What the file is, as evidence names it (`token file`, `client assertion file`).
    /// - Returns: `ready` for a JWT whose `exp` is in the future; `unavailable` when the file does not exist;
    ///   `misconfigured` when it cannot be read, is empty, is not a JWT, has no usable `exp` or has expired.
    public static func inspect(
        path: String,
        context: InspectionContext,
        what: String = "token file"
    )
        -> InspectionResult
    {
        let subject = "\(what) \(path)"
        let data: Data
        switch context.read(path) {
        case .failure(let problem):
            let (verdict, evidence) = InspectionSupport.unreadable(problem, subject: subject)
            let hint =
                problem == .missing
                ? "Check that the \(what) is mounted at \(path), or fix the path." : "Make \(path) a readable file."
            return InspectionResult(verdict: verdict, evidence: [evidence], hint: hint)
        case .success(let bytes):
            data = bytes
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else {
            return problem(subject, "is empty", hint: "Check what writes \(path); it should hold a JWT.")
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
