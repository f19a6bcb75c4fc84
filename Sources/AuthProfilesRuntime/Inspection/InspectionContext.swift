// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

package import AzureIdentity
public import Foundation
package import IdentitySupport

/// What an inspection may look at: an environment, the current time and the file system, read only.
///
/// Inspections never send a request and never start a process. The environment is the one the profile would be
/// evaluated under (the process's, or the one given with `explain --env/--set`), so `HOME`, `PATH`,
/// `AZURE_CONFIG_DIR` and the like come from it rather than from the process.
public struct InspectionContext: Sendable {
    /// The environment variables.
    public var environment: [String: String]
    /// The moment certificates and tokens are checked against: the dry run's "now". Made with
    /// ``init(options:)``, it is read from the same `TimeSource` the run checks expiry on.
    public var now: Date
    /// The directory relative paths are read from.
    public var workingDirectory: String
    /// Whether and where profiles' persistent token cache is looked at (the dry run reads the cache file, which is
    /// local, to say whether a cached token would answer).
    public var tokenCache: ProfileTokenCacheOptions = ProfileTokenCacheOptions()

    /// Where the dry run records every variable its inspections look up (``ExplainWalk`` sets it), so that its
    /// report of ignored variables comes from the reads themselves.
    package var readLog: EnvironmentVariables.ReadLog?

    /// The identity broker's presence (session bus, name owned or activatable), asked once before the walk when a
    /// link needs it; `nil` when it was not asked. Never a call to the broker.
    package var brokerPresence: BrokerPresence?
    /// Where the walk records that a link needed ``brokerPresence``.
    package var brokerProbe: BrokerProbe?

    /// Creates the context a dry run inspects under.
    public init(environment: [String: String], now: Date = Date(), workingDirectory: String) {
        self.environment = environment
        self.now = now
        self.workingDirectory = workingDirectory
    }

    /// The context a dry run of a profile evaluated with `options` inspects under: the same environment, working
    /// directory and clock (``ProfileRuntimeOptions/timeSource``'s `now()` is the dry run's "now"), so the dry run
    /// and the run read one host.
    public init(options: ProfileRuntimeOptions) {
        self.init(
            environment: options.environment, now: options.timeSource.now(),
            workingDirectory: options.workingDirectory)
        self.tokenCache = options.tokenCache
    }

    /// ``environment`` by the package's one rule (an empty value counts as unset), reads recorded in ``readLog``.
    package var variables: EnvironmentVariables { EnvironmentVariables(environment, recordingReadsIn: readLog) }

    /// A variable's value, treating an empty value as unset (as Azure Identity does).
    public func value(_ name: String) -> String? {
        variables[name]
    }

    /// The user's home directory according to the environment.
    public var homeDirectory: String? { value("HOME") }

    /// An absolute path for `path` by the package's one rule (``UserPath``), as the run resolves it
    /// (``ValueResolver/path(_:what:)``): relative paths are taken from the working directory, `~` and `~/` from
    /// `HOME`; with `HOME` unset, or for `~user`, there is no path and the problem says why.
    package func path(_ path: String) -> Result<String, PathProblem> {
        Result { () throws(PathProblem) in
            try UserPath.resolve(path, workingDirectory: workingDirectory, environment: variables)
        }
    }

    /// Reads a small regular file through the package's one file reader, or says why it cannot (what the path is
    /// when it is not a regular file). Never blocks: a FIFO is refused, not opened for reading. A path that cannot
    /// be resolved (``path(_:)``) reads as a file that does not exist.
    package func read(_ path: String, limit: Int = 1 << 20) -> Result<FileContents, FileProblem> {
        guard case .success(let absolute) = self.path(path) else { return .failure(FileProblem(.notFound)) }
        return Result { () throws(FileProblem) in try UserFile.read(absolute, limit: limit) }
    }
}
