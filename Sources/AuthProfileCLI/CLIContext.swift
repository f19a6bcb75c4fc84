// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfilesRuntime
public import AzureIdentity
import Foundation

/// Where a command reads and writes: injected so tests run commands in-process, without touching the
/// real standard streams, working directory or environment.
public struct CLIContext: Sendable {
    /// Receives standard output.
    public var standardOutput: @Sendable (String) -> Void
    /// Receives standard error.
    public var standardError: @Sendable (String) -> Void
    /// The directory relative paths are resolved against.
    public var workingDirectory: String
    /// The environment variables commands may read.
    public var environment: [String: String]
    /// Whether standard output is a terminal (colour and other niceties only then).
    public var isTerminal: Bool
    /// Whether standard error is a terminal (colour of what commands write there only then).
    public var isErrorTerminal: Bool
    /// Reads standard input to its end, or returns `nil` past `limit` bytes (`validate -`); throws when it
    /// cannot be read.
    public var readStandardInput: @Sendable (_ limit: Int) throws -> [UInt8]?
    /// The clock every command reads: the run's deadlines and expiry checks and the dry run's "now" alike.
    public var timeSource: any TimeSource
    /// How the identity broker is reached; `nil` is the session bus of the environment. Tests set a fake.
    package var brokerConnection: (any IdentityBrokerConnection)?
    /// Where persistent token caches keep their keys; `nil` is the kernel user keyring. Tests set a fake, so what
    /// they see does not depend on whether the machine's keyring can be used.
    package var tokenCacheKeyStore: (any TokenCacheKeyStore)?
    /// Whether `token` may answer from the persistent cache before running the command (its fast path); tests turn
    /// it off to compare the fast path's output with the run's.
    package var usesPersistentCacheFastPath = true
    /// The run's arguments after the program's name, as ``CommandRunner`` got them: part of a token shortcut's
    /// name (``TokenShortcut``); `nil` outside a run.
    package var arguments: [String]?

    /// Creates a context.
    public init(
        standardOutput: @escaping @Sendable (String) -> Void,
        standardError: @escaping @Sendable (String) -> Void,
        workingDirectory: String,
        environment: [String: String] = [:],
        isTerminal: Bool = false,
        isErrorTerminal: Bool = false,
        readStandardInput: @escaping @Sendable (_ limit: Int) throws -> [UInt8]? = { _ in [] },
        timeSource: any TimeSource = SystemTimeSource()
    ) {
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.workingDirectory = workingDirectory
        self.environment = environment
        self.isTerminal = isTerminal
        self.isErrorTerminal = isErrorTerminal
        self.readStandardInput = readStandardInput
        self.timeSource = timeSource
    }

    /// The real process: its streams, working directory and environment.
    public static var process: CLIContext {
        CLIContext(
            standardOutput: { text in FileHandle.standardOutput.write(Data(text.utf8)) },
            standardError: { text in FileHandle.standardError.write(Data(text.utf8)) },
            workingDirectory: FileManager.default.currentDirectoryPath,
            environment: ProcessInfo.processInfo.environment,
            isTerminal: isatty(STDOUT_FILENO) == 1,
            isErrorTerminal: isatty(STDERR_FILENO) == 1,
            readStandardInput: readProcessStandardInput)
    }

    /// Reads the process's standard input up to `limit` bytes; `nil` when there is more.
    private static func readProcessStandardInput(limit: Int) throws -> [UInt8]? {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count < 0 { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            guard count > 0 else { return bytes }
            bytes += buffer[..<count]
            if bytes.count > limit { return nil }
        }
    }

    /// The context of the command being run.
    @TaskLocal public static var current: CLIContext = .process

    /// The one host a command evaluates and explains profiles with: `environment` (the process's or the one
    /// `--env`/`--set` make), this context's working directory and clock. The dry run reads it through
    /// `InspectionContext(options:)`, so it cannot disagree with the run about "now".
    func runtimeOptions(environment: [String: String]) -> ProfileRuntimeOptions {
        var options = ProfileRuntimeOptions(
            environment: environment, workingDirectory: workingDirectory, timeSource: timeSource)
        options.brokerConnection = brokerConnection
        options.tokenCache.keyStore = tokenCacheKeyStore
        return options
    }

    func write(_ text: String) { standardOutput(text) }
    func writeError(_ text: String) { standardError(text) }
}
