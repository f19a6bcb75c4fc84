import AuthProfiles
import AzureIdentity
import Foundation
import IdentitySupport
import Synchronization

/// Where a resolved setting's value came from.
public enum ValueOrigin: Sendable, Hashable {
    /// Written in the profile.
    case literal
    /// Read from the named environment variable.
    case environment(String)
    /// The binding's `default`, because the named variable was unset or empty.
    case bindingDefault(String)
}

/// Why a setting has no usable value.
public struct ValueProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// Whether the setting is absent (the link is unavailable) or present but wrong (the link fails).
    public var isMissing: Bool
    /// What is wrong, naming the variable or file but never a secret's value.
    public var message: String
    /// How to fix it.
    public var hint: String?
    /// Whether the problem follows from the environment and the profile alone (no file was read), so it stays
    /// the same for the life of one evaluation environment.
    public var isStable: Bool

    public init(isMissing: Bool, message: String, hint: String? = nil, isStable: Bool = false) {
        self.isMissing = isMissing
        self.message = message
        self.hint = hint
        self.isStable = isStable
    }

    public var description: String { message }
}

/// Reads a profile's `{env: …}` and `{file: …}` references under one environment, remembering every variable it
/// read so that explain can tell which ambient variables the profile ignores.
///
/// The environment given here is the only one consulted: a profile reads what it binds and nothing else.
public final class ValueResolver: Sendable {
    /// The environment the profile is evaluated under.
    public let environment: [String: String]
    /// The directory relative secret files are read from.
    public let workingDirectory: String
    private let reads = Mutex<[String]>([])

    public init(environment: [String: String], workingDirectory: String) {
        self.environment = environment
        self.workingDirectory = workingDirectory
    }

    /// Every variable read so far, in first-read order.
    public var variablesRead: [String] { reads.withLock { $0 } }

    /// A variable's value, empty counting as unset; records the read.
    public func variable(_ name: String) -> String? {
        reads.withLock { if !$0.contains(name) { $0.append(name) } }
        return environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Resolves a text setting.
    public func resolve(_ value: ProfileValue<String>, field: String) -> Result<(String, ValueOrigin), ValueProblem> {
        resolve(value, field: field) { $0 }
    }

    /// Resolves a setting of any type, parsing an environment value with `parse`.
    public func resolve<Value>(
        _ value: ProfileValue<Value>, field: String, parse: (String) -> Value?
    ) -> Result<(Value, ValueOrigin), ValueProblem> {
        switch value {
        case .literal(let literal):
            return .success((literal, .literal))
        case .environment(let binding):
            let text: String
            let origin: ValueOrigin
            if let set = variable(binding.name) {
                (text, origin) = (set, .environment(binding.name))
            } else if let fallback = binding.defaultValue {
                (text, origin) = (fallback, .bindingDefault(binding.name))
            } else {
                return .failure(ValueProblem(
                    isMissing: true, message: "\(field): environment variable \(binding.name) is not set",
                    hint: "Set \(binding.name), or give the binding a `default:` in the profile.", isStable: true))
            }
            guard let parsed = parse(text) else {
                return .failure(ValueProblem(
                    isMissing: false, message: "\(field): the value of \(binding.name) is not valid for this field",
                    hint: nil, isStable: true))
            }
            return .success((parsed, origin))
        }
    }

    /// Reads a secret from its reference. The value is wrapped at once and never appears in a problem.
    public func secret(_ reference: SecretReference, field: String) -> Result<Secret, ValueProblem> {
        switch reference {
        case .environment(let name):
            guard let value = variable(name) else {
                return .failure(ValueProblem(
                    isMissing: true, message: "\(field): environment variable \(name) is not set",
                    hint: "Set \(name) to the secret (for example from the CI secret store).", isStable: true))
            }
            return .success(Secret(value))
        case .file(let path):
            return CredentialFile.read(absolutePath(path)).map { Secret($0.text) }.mapError { problem in
                ValueProblem(isMissing: problem.isMissing, message: "\(field): secret file \(path) \(problem)",
                             hint: Self.hint(for: problem))
            }
        }
    }

    /// An absolute path for a path a profile gives: relative paths are taken from the working directory, and `~/`
    /// from `HOME` in the evaluation environment, the way explain resolves them.
    public func absolutePath(_ path: String) -> String {
        UserPath.absolute(path, workingDirectory: workingDirectory, home: environment["HOME"].flatMap {
            $0.isEmpty ? nil : $0
        })
    }

    /// How to fix a secret file that gave no secret; explain gives the same advice.
    static func hint(for problem: CredentialFile.Problem) -> String? {
        guard let file = problem.file else { return problem.isNotText ? "Save the secret as UTF-8 text." : nil }
        switch file.reason {
        case .permissionDenied: return "Check the file's permissions."
        case .tooLarge: return "A secret file holds only the secret."
        case .directory, .fifo, .characterDevice, .blockDevice, .socket, .notRegularFile:
            return "Point the reference at a regular file holding the secret."
        default: return nil
        }
    }
}
