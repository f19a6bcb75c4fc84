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
    /// The clock every command reads: the run's deadlines and expiry checks and the dry run's "now" alike.
    public var timeSource: any TimeSource

    /// Creates a context.
    public init(
        standardOutput: @escaping @Sendable (String) -> Void,
        standardError: @escaping @Sendable (String) -> Void,
        workingDirectory: String,
        environment: [String: String] = [:],
        isTerminal: Bool = false,
        timeSource: any TimeSource = SystemTimeSource()
    ) {
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.workingDirectory = workingDirectory
        self.environment = environment
        self.isTerminal = isTerminal
        self.timeSource = timeSource
    }

    /// The real process: its streams, working directory and environment.
    public static var process: CLIContext {
        CLIContext(
            standardOutput: { text in FileHandle.standardOutput.write(Data(text.utf8)) },
            standardError: { text in FileHandle.standardError.write(Data(text.utf8)) },
            workingDirectory: FileManager.default.currentDirectoryPath,
            environment: ProcessInfo.processInfo.environment,
            isTerminal: isatty(STDOUT_FILENO) == 1)
    }

    /// The context of the command being run.
    @TaskLocal public static var current: CLIContext = .process

    /// The one host a command evaluates and explains profiles with: `environment` (the process's or the one
    /// `--env`/`--set` make), this context's working directory and clock. The dry run reads it through
    /// `InspectionContext(options:)`, so it cannot disagree with the run about "now".
    func runtimeOptions(environment: [String: String]) -> ProfileRuntimeOptions {
        ProfileRuntimeOptions(environment: environment, workingDirectory: workingDirectory, timeSource: timeSource)
    }

    func write(_ text: String) { standardOutput(text) }
    func writeError(_ text: String) { standardError(text) }
}
