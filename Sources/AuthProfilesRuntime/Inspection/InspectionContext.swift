import Foundation
import IdentitySupport

/// What an inspection may look at: an environment, the current time and the file system, read only.
///
/// Inspections never send a request and never start a process. The environment is the one the profile would be
/// evaluated under (the process's, or the one given with `explain --env/--set`), so `HOME`, `PATH`,
/// `AZURE_CONFIG_DIR` and the like come from it rather than from the process.
public struct InspectionContext: Sendable {
    /// The environment variables.
    public var environment: [String: String]
    /// The moment certificates and tokens are checked against.
    public var now: Date
    /// The directory relative paths are read from.
    public var workingDirectory: String

    public init(environment: [String: String], now: Date = Date(), workingDirectory: String) {
        self.environment = environment
        self.now = now
        self.workingDirectory = workingDirectory
    }

    /// A variable's value, treating an empty value as unset (as Azure Identity does).
    public func value(_ name: String) -> String? {
        environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The user's home directory according to the environment.
    public var homeDirectory: String? { value("HOME") }

    /// An absolute path for `path`: relative paths are taken from the working directory, and `~/` from `HOME`, the
    /// way the run resolves them (``ValueResolver/absolutePath(_:)``).
    public func absolute(_ path: String) -> String {
        UserPath.absolute(path, workingDirectory: workingDirectory, home: homeDirectory)
    }

    /// Reads a small regular file through the package's one file reader, or says why it cannot (what the path is
    /// when it is not a regular file). Never blocks: a FIFO is refused, not opened for reading.
    package func read(_ path: String, limit: Int = 1 << 20) -> Result<FileContents, FileProblem> {
        Result { () throws(FileProblem) in try UserFile.read(absolute(path), limit: limit) }
    }
}
