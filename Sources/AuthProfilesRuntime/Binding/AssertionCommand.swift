import AzureIdentity
import Foundation
import IdentitySupport

/// A client assertion produced by a command (`assertion: {command: [...]}`): run as argv, never through a shell;
/// its standard output, trimmed, is the assertion.
struct AssertionCommand: Sendable {
    let argv: [String]
    let options: ProfileRuntimeOptions

    var provider: @Sendable () async throws -> Secret {
        let argv = argv
        let options = options
        return {
            guard let name = argv.first,
                let executable = ExecutableLookup.resolve(name, path: EnvironmentVariables(options.environment)["PATH"])
            else {
                throw AzureIdentityError(
                    code: .credentialUnavailable,
                    message: "ClientAssertionCredential: the assertion command '\(argv.first ?? "")' was not found.")
            }
            let output = try await options.processRunner.run(ProcessInvocation(
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
