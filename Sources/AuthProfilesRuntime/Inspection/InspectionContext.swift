import Foundation

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

    /// An absolute path for `path`, relative paths taken from the working directory.
    public func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        if path == "~" || path.hasPrefix("~/"), let home = homeDirectory { return home + path.dropFirst() }
        return workingDirectory.hasSuffix("/") ? workingDirectory + path : workingDirectory + "/" + path
    }

    /// Reads a small file, or says why it cannot.
    public func read(_ path: String, limit: Int = 1 << 20) -> Result<Data, FileReadProblem> {
        let absolute = absolute(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
            return .failure(.missing)
        }
        if isDirectory.boolValue { return .failure(.directory) }
        guard let handle = FileHandle(forReadingAtPath: absolute) else { return .failure(.unreadable) }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: limit + 1) else { return .failure(.unreadable) }
        if data.count > limit { return .failure(.tooLarge(limit)) }
        return .success(data)
    }
}

/// Why a file could not be read.
public enum FileReadProblem: Error, Sendable, Hashable, CustomStringConvertible {
    case missing, directory, unreadable
    case tooLarge(Int)

    public var description: String {
        switch self {
        case .missing: "does not exist"
        case .directory: "is a directory"
        case .unreadable: "cannot be read (check its permissions)"
        case .tooLarge(let limit): "is larger than \(limit) bytes"
        }
    }

    /// The evidence status this problem amounts to.
    public var status: Evidence.Status { self == .missing ? .missing : .problem }
}
