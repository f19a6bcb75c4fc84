import Foundation

/// Checks where a secret would come from, without ever reading its value into evidence.
///
/// Only presence is reported: `set`, `set but empty`, `not set` for a variable; readable and not empty for a
/// file. Neither the value, nor its length, nor any part of a file's content appears in the result.
public enum SecretReferenceInspection {
    /// Checks a secret held in an environment variable.
    /// - Parameters:
    ///   - name: The variable's name, such as `AZURE_CLIENT_SECRET`.
    ///   - field: What the secret is, for the hint (`client secret`, `certificate password`).
    ///   - context: The environment to look in.
    /// - Returns: `ready` when the variable is set and not empty, otherwise `unavailable` (an empty value counts
    ///   as unset, as in Azure Identity).
    public static func inspectEnvironmentSecret(
        name: String,
        field: String,
        context: InspectionContext
    ) -> InspectionResult {
        let subject = "env \(name)"
        switch context.environment[name] {
        case nil:
            return InspectionResult(
                verdict: .unavailable,
                evidence: [Evidence(.missing, subject, "not set")],
                hint: "Set \(name) to the \(field)."
            )
        case let value? where value.isEmpty:
            return InspectionResult(
                verdict: .unavailable,
                evidence: [Evidence(.missing, subject, "set but empty")],
                hint: "Set \(name) to the \(field)."
            )
        default:
            return InspectionResult(verdict: .ready, evidence: [Evidence(.ok, subject, "set")])
        }
    }

    /// Checks a secret held in a file.
    /// - Parameters:
    ///   - path: The file, relative paths taken from the context's working directory.
    ///   - field: What the secret is, for the hint.
    ///   - context: Where to read from.
    /// - Returns: `ready` when the file is readable and holds more than white space; `unavailable` when it does
    ///   not exist; `misconfigured` when it cannot be read or is empty.
    public static func inspectFileSecret(path: String, field: String, context: InspectionContext) -> InspectionResult {
        let subject = "file \(path)"
        switch context.read(path) {
        case .failure(let problem):
            let (verdict, evidence) = InspectionSupport.unreadable(problem, subject: subject)
            let hint =
                problem == .missing
                ? "Write the \(field) to \(path), or fix the path." : "Make \(path) a readable file."
            return InspectionResult(verdict: verdict, evidence: [evidence], hint: hint)
        case .success(let data):
            let text = String(decoding: data, as: UTF8.self)
            guard !text.allSatisfy(\.isWhitespace) else {
                return InspectionResult(
                    verdict: .misconfigured,
                    evidence: [Evidence(.problem, subject, "is empty")],
                    hint: "Write the \(field) to \(path)."
                )
            }
            return InspectionResult(verdict: .ready, evidence: [Evidence(.ok, subject, "readable, not empty")])
        }
    }
}
