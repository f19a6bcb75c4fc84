// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import Foundation
import IdentitySupport

/// A client assertion produced by a command (`assertion: {command: [...]}`): run as argv, never through a shell;
/// its standard output, trimmed, is the assertion.
struct AssertionCommand: Sendable {
    let argv: [String]
    let options: ProfileRuntimeOptions
    /// The evaluation's variables (`PATH`, `HOME`), read by the package's one rule.
    let variables: EnvironmentVariables

    /// Where the command's program is, found the same way by the run and by the dry run: a name holding a `/` is a
    /// path, resolved by the package's one rule (relative to the working directory, `~` from `HOME`), and must be
    /// an executable file; a bare name is looked up on `PATH`. `nil` when there is no such program.
    static func locate(_ name: String, variables: EnvironmentVariables, workingDirectory: String) -> String? {
        guard name.contains("/") else { return ExecutableLookup.resolve(name, path: variables["PATH"]) }
        guard let path = try? UserPath.resolve(name, workingDirectory: workingDirectory, environment: variables)
        else { return nil }
        return ExecutableLookup.resolve(path, path: nil)
    }

    var provider: @Sendable () async throws -> Secret {
        let argv = argv
        let options = options
        let variables = variables
        return {
            guard let name = argv.first,
                let executable = Self.locate(name, variables: variables, workingDirectory: options.workingDirectory)
            else {
                throw AzureIdentityError(
                    code: .credentialUnavailable,
                    message: "ClientAssertionCredential: the assertion command '\(argv.first ?? "")' was not found.")
            }
            let output = try await options.processRunner.run(
                ProcessInvocation(
                    executable: executable, arguments: Array(argv.dropFirst()), environment: options.environment,
                    workingDirectory: options.workingDirectory))
            guard output.exitCode == 0 else {
                throw AzureIdentityError(
                    code: .authenticationFailed,
                    message: "ClientAssertionCredential: the assertion command '\(name)' exited with "
                        + "\(output.exitCode).")
            }
            let assertion = output.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !assertion.isEmpty else {
                throw AzureIdentityError(
                    code: .authenticationFailed,
                    message: "ClientAssertionCredential: the assertion command '\(name)' printed nothing.")
            }
            return Secret(assertion)
        }
    }
}
