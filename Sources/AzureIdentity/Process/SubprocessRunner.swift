// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import IdentitySupport
import Subprocess
import Synchronization
import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The production ``ProcessRunner``, built on swift-subprocess.
///
/// - The executable is resolved against the invocation's own `PATH` (never the caller's) and started directly
///   with argv: no shell ever sees the arguments.
/// - The child runs in a new session (`setsid`), so it and everything it starts share one process group.
/// - On timeout the whole group gets `SIGKILL`; on task cancellation it gets `SIGTERM`, then `SIGKILL` after
///   ``terminationGracePeriod``.
/// - Standard input is closed; standard output and error are each capped at the invocation's `outputLimit`.
public struct SubprocessRunner: ProcessRunner {
    /// How long a cancelled program may take to exit after `SIGTERM` before the group is killed.
    public var terminationGracePeriod: Duration

    /// Creates a runner.
    public init(terminationGracePeriod: Duration = .milliseconds(200)) {
        self.terminationGracePeriod = terminationGracePeriod
    }

    /// Runs the program; see ``ProcessRunner/run(_:)``.
    public func run(_ invocation: ProcessInvocation) async throws -> ProcessOutput {
        guard
            let path = ExecutableLookup.resolve(
                invocation.executable, path: EnvironmentVariables(invocation.environment)["PATH"])
        else {
            throw ProcessError(
                code: .executableNotFound,
                message: "'\(invocation.executable)' was not found on PATH."
            )
        }
        var platform = PlatformOptions()
        platform.createSession = true
        platform.teardownSequence = [
            .gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: terminationGracePeriod)
        ]
        var environment: [Environment.Key: String] = [:]
        for (name, value) in invocation.environment {
            if let key = Environment.Key(rawValue: name) { environment[key] = value }
        }
        let configuration = Configuration(
            executable: .path(FilePath(path)),
            arguments: Arguments(invocation.arguments),
            environment: .custom(environment),
            workingDirectory: invocation.workingDirectory.map { FilePath($0) },
            platformOptions: platform
        )
        let processGroup = ProcessGroupBox()
        let limit = invocation.outputLimit
        let timeout = invocation.timeout
        let name = invocation.executable
        return try await withThrowingTaskGroup(of: ProcessOutput?.self) { group in
            group.addTask {
                do {
                    let result = try await Subprocess.run(
                        configuration,
                        input: .none,
                        output: .string(limit: limit),
                        error: .string(limit: limit)
                    ) { execution in
                        processGroup.pid.withLock { $0 = execution.processIdentifier.value }
                    }
                    let code: Int32 =
                        switch result.terminationStatus {
                        case .exited(let code): code
                        case .signaled(let signal): 128 + signal
                        }
                    return ProcessOutput(
                        exitCode: code,
                        standardOutput: result.standardOutput,
                        standardError: result.standardError
                    )
                } catch let error as SubprocessError {
                    throw Self.map(error, name: name, limit: limit)
                }
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let output = first else {
                // The timer fired first: kill the whole group (grandchildren included), then let the run finish.
                if let pid = processGroup.pid.withLock({ $0 }) { _ = kill(-pid, SIGKILL) }
                throw ProcessError(
                    code: .timedOut,
                    message: "'\(name)' did not finish within \(timeout); its process group was killed."
                )
            }
            return output
        }
    }

    private static func map(_ error: SubprocessError, name: String, limit: Int) -> ProcessError {
        if error.code == .executableNotFound {
            return ProcessError(code: .executableNotFound, message: "'\(name)' was not found.")
        }
        if error.code == .outputLimitExceeded {
            return ProcessError(code: .outputTooLarge, message: "'\(name)' printed more than \(limit) bytes.")
        }
        return ProcessError(code: .launchFailed, message: "'\(name)' could not be run: \(error.code)")
    }
}

/// The running child's pid, which is also its process group id (it leads a new session).
final class ProcessGroupBox: Sendable {
    let pid = Mutex<pid_t?>(nil)
}
