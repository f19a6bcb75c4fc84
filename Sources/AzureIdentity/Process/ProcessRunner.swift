// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// One program to run: an executable name and its arguments, passed as argv (never through a shell).
public struct ProcessInvocation: Sendable, Hashable {
    /// The executable: a bare name (looked up on `PATH` from ``environment``) or a path containing `/`.
    public var executable: String
    /// The arguments after the executable name, each passed to the program unchanged.
    public var arguments: [String]
    /// The complete environment of the child; its `PATH` is also where a bare ``executable`` is looked up.
    public var environment: [String: String]
    /// The working directory, or `nil` to inherit the caller's.
    public var workingDirectory: String?
    /// How long the program may run. When it is exceeded the whole process group is killed.
    public var timeout: Duration
    /// The most bytes read from standard output or standard error; more is an error.
    public var outputLimit: Int

    /// Creates an invocation.
    public init(
        executable: String,
        arguments: [String],
        environment: [String: String],
        workingDirectory: String? = nil,
        timeout: Duration = .seconds(10),
        outputLimit: Int = 1 << 20
    ) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.timeout = timeout
        self.outputLimit = outputLimit
    }
}

/// How a program ended and what it printed.
public struct ProcessOutput: Sendable, Hashable {
    /// The exit status, or `128 + signal` when a signal ended the program.
    public var exitCode: Int32
    /// Standard output, decoded as UTF-8. May contain secrets (tokens): never log it.
    public var standardOutput: String
    /// Standard error, decoded as UTF-8.
    public var standardError: String

    /// Creates an output.
    public init(exitCode: Int32, standardOutput: String, standardError: String) {
        self.exitCode = exitCode
        self.standardOutput = standardOutput
        self.standardError = standardError
    }
}

/// Runs programs for the developer-tool credentials (`az`, `azd`, `pwsh`).
///
/// The production conformance is ``SubprocessRunner``; tests inject their own or point ``ProcessInvocation``'s
/// `PATH` at fake executables.
public protocol ProcessRunner: Sendable {
    /// Runs the program to completion and returns its exit status and output.
    ///
    /// A non-zero exit is *returned*, not thrown. Throws ``ProcessError`` when the program cannot be found or
    /// started, runs past its timeout or prints more than its output limit, and `CancellationError` when the
    /// calling task is cancelled (the process group is killed first).
    func run(_ invocation: ProcessInvocation) async throws -> ProcessOutput
}
