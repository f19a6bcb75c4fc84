// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

package import AuthProfiles
package import AzureIdentity
import Foundation
package import IdentitySupport
import Synchronization

/// Where a resolved setting's value came from.
package enum ValueOrigin: Sendable, Hashable {
    /// Written in the profile.
    case literal
    /// Read from the named environment variable.
    case environment(String)
    /// The binding's `default`, because the named variable was unset or empty.
    case bindingDefault(String)
}

/// Why a setting has no usable value.
package struct ValueProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// Whether the setting is absent (the link is unavailable) or present but wrong (the link fails).
    package var isMissing: Bool
    /// What is wrong, naming the variable or file but never a secret's value.
    package var message: String
    /// How to fix it.
    package var hint: String?
    /// Whether the problem follows from the environment and the profile alone (no file was read), so it stays
    /// the same for the life of one evaluation environment.
    package var isStable: Bool

    /// Creates a problem; `isStable` when it depends on the environment alone, so a warm chain need not redo it.
    package init(isMissing: Bool, message: String, hint: String? = nil, isStable: Bool = false) {
        self.isMissing = isMissing
        self.message = message
        self.hint = hint
        self.isStable = isStable
    }

    /// The message.
    package var description: String { message }
}

/// Reads a profile's `{env: …}` and `{file: …}` references under one environment, remembering every variable it
/// read so that explain can tell which ambient variables the profile ignores.
///
/// The environment given here is the only one consulted: a profile reads what it binds and nothing else. Variables
/// are looked up through ``EnvironmentVariables`` (empty counts as unset) and paths resolved through ``UserPath``
/// (`~` from this environment's `HOME`), the rules the dry run uses too.
package final class ValueResolver: Sendable {
    /// The environment the profile is evaluated under.
    package let environment: [String: String]
    /// The directory relative paths are resolved against.
    package let workingDirectory: String
    /// `environment`, looked up by the package's one rule, each read recorded in ``readLog``.
    package let variables: EnvironmentVariables
    /// The variables read so far, shared with whatever else reads for the same evaluation (the dry run's
    /// inspections).
    package let readLog: EnvironmentVariables.ReadLog

    /// Creates a resolver that reads `environment` and resolves relative paths against `workingDirectory`.
    package convenience init(environment: [String: String], workingDirectory: String) {
        self.init(environment: environment, workingDirectory: workingDirectory, readLog: EnvironmentVariables.ReadLog())
    }

    /// A resolver recording its reads in `readLog`.
    package init(environment: [String: String], workingDirectory: String, readLog: EnvironmentVariables.ReadLog) {
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.readLog = readLog
        self.variables = EnvironmentVariables(environment, recordingReadsIn: readLog)
    }

    /// Every variable read so far, in first-read order.
    package var variablesRead: [String] { readLog.read }

    /// A variable's value, empty counting as unset; records the read.
    package func variable(_ name: String) -> String? {
        variables[name]
    }

    /// Resolves a text setting.
    package func resolve(_ value: ProfileValue<String>, field: String) -> Result<(String, ValueOrigin), ValueProblem> {
        resolve(value, field: field) { $0 }
    }

    /// Resolves a setting of any type, parsing an environment value with `parse`.
    package func resolve<Value>(
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
                return .failure(
                    ValueProblem(
                        isMissing: true, message: "\(field): environment variable \(binding.name) is not set",
                        hint: "Set \(binding.name), or give the binding a `default:` in the profile.", isStable: true))
            }
            guard let parsed = parse(text) else {
                return .failure(
                    ValueProblem(
                        isMissing: false, message: "\(field): the value of \(binding.name) is not valid for this field",
                        hint: nil, isStable: true))
            }
            return .success((parsed, origin))
        }
    }

    /// Reads a secret from its reference. The value is wrapped at once and never appears in a problem.
    package func secret(_ reference: SecretReference, field: String) -> Result<Secret, ValueProblem> {
        switch reference {
        case .environment(let name):
            guard let value = variable(name) else {
                return .failure(
                    ValueProblem(
                        isMissing: true, message: "\(field): environment variable \(name) is not set",
                        hint: "Set \(name) to the secret (for example from the CI secret store).", isStable: true))
            }
            return .success(Secret(value))
        case .file(let path):
            let absolute: String
            switch self.path(path, what: "\(field): secret file") {
            case .success(let resolved): absolute = resolved
            case .failure(let problem): return .failure(problem)
            }
            return CredentialFile.read(absolute).map { Secret($0.text) }.mapError { problem in
                ValueProblem(
                    isMissing: problem.isMissing, message: "\(field): secret file \(path) \(problem)",
                    hint: Self.hint(for: problem))
            }
        }
    }

    /// An absolute path for a path a profile gives, by the package's one rule (``UserPath``): relative paths are
    /// taken from the working directory, and `~` and `~/` from `HOME` in the evaluation environment; with `HOME`
    /// unset the path cannot be found (unavailable), and `~user` is refused (fails). `what` names the path in the
    /// problem: `certificate.path: certificate file`.
    package func path(_ path: String, what: String) -> Result<String, ValueProblem> {
        do throws(PathProblem) {
            return .success(try UserPath.resolve(path, workingDirectory: workingDirectory, environment: variables))
        } catch {
            return .failure(
                ValueProblem(
                    isMissing: error.isMissing, message: "\(what) \(path) \(error)", hint: error.hint, isStable: true))
        }
    }

    /// The path of the cloud's extra certificate authorities (`caBundle`), resolved as every other path is; `nil`
    /// when the cloud has none or its variable is unset. The run's transport and the dry run read this file.
    package func caBundlePath(in scope: LinkScope) -> Result<(shown: String, path: String)?, ValueProblem> {
        guard let bundle = scope.cloud?.caBundle, case .success(let (shown, _)) = resolve(bundle, field: "caBundle")
        else { return .success(nil) }
        return path(shown, what: "caBundle").map { (shown, $0) }
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
