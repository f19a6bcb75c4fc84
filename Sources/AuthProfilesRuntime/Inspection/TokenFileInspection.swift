import AzureIdentity
import Foundation

/// Checks a file holding a JWT: a federated token (workload identity) or a client assertion.
///
/// The token is decoded without verifying its signature, only to report its `iss`, `sub`, `aud` and `exp`
/// claims, which are not secrets. The token itself, its signature and any other claim never appear in the result.
public enum TokenFileInspection {
    /// Inspects the token file at `path`.
    /// - Parameters:
    ///   - path: The file, relative paths taken from the context's working directory.
    ///   - context: Where to read from and the moment `exp` is checked against.
    ///   - what: What the file is, as evidence names it (`token file`, `client assertion file`).
    /// - Returns: `ready` for a JWT whose `exp` is in the future; `unavailable` when the file does not exist;
    ///   `misconfigured` when it cannot be read, is empty, is not a JWT, has no `exp` or has expired.
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
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && Base64URL.decode($0) != nil }) else {
            return problem(
                subject,
                "is not a JWT (expected three base64url parts: header.payload.signature)",
                hint: "Point the link at a file holding a JWT."
            )
        }
        guard let header = Base64URL.decode(parts[0]).flatMap({ InspectionSupport.jsonObject(Data($0)) }),
            !header.isEmpty, let claims = Base64URL.decode(parts[1]).flatMap({ InspectionSupport.jsonObject(Data($0)) })
        else {
            return problem(
                subject,
                "is not a JWT (its header or payload is not a JSON object)",
                hint: "Point the link at a file holding a JWT."
            )
        }
        var evidence: [Evidence] = []
        for (claim, label) in [("iss", "issuer"), ("sub", "subject"), ("aud", "audience")] {
            if let value = text(claims[claim]) { evidence.append(Evidence(.ok, "\(what) \(label)", value)) }
        }
        guard let exp = number(claims["exp"]) else {
            return problem(
                subject,
                "has no exp claim",
                evidence: evidence,
                hint: "Check what writes \(path); Entra ID rejects tokens without an expiry."
            )
        }
        let expiry = Date(timeIntervalSince1970: exp)
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

    /// A claim as text: a string, or a list of strings (`aud` may be either).
    private static func text(_ value: Any?) -> String? {
        if let string = value as? String { return string }
        if let list = value as? [Any] {
            let strings = list.compactMap { $0 as? String }
            return strings.isEmpty ? nil : strings.joined(separator: ", ")
        }
        return nil
    }

    private static func number(_ value: Any?) -> Double? {
        (value as? NSNumber)?.doubleValue
    }
}
