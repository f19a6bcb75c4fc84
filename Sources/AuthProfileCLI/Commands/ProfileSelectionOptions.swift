import ArgumentParser
import AuthProfilesRuntime
import Foundation
import IdentitySupport

/// Options shared by the commands that load profiles: which files, and which environment to evaluate under.
struct ProfileSelectionOptions: ParsableArguments {
    @Option(
        name: .customLong("file"),
        help: ArgumentHelp(
            "Read profiles from this file or directory only (repeatable); default: the search path.", valueName: "path")
    )
    var files: [String] = []

    @Option(
        name: .customLong("env"),
        help: ArgumentHelp(
            "Evaluate under the variables of this file (NAME=VALUE lines) instead of the current environment.",
            valueName: "file"))
    var environmentFile: String?

    @Option(
        name: .customLong("set"),
        help: ArgumentHelp(
            "Set (NAME=VALUE) or unset (NAME=) one variable for the evaluation (repeatable).", valueName: "NAME=VALUE"))
    var assignments: [String] = []

    /// The environment profiles are evaluated under.
    func environment(context: CLIContext) throws -> [String: String] {
        var environment = context.environment
        if let environmentFile {
            let contents: FileContents
            do {
                let path = try UserPath.resolve(
                    environmentFile, workingDirectory: context.workingDirectory,
                    environment: EnvironmentVariables(context.environment))
                contents = try UserFile.read(path, limit: EnvironmentFile.limit)
            } catch {
                throw ValidationError("cannot read the environment file \(environmentFile): it \(error)")
            }
            guard let text = String(validating: contents.bytes, as: UTF8.self) else {
                throw ValidationError("cannot read the environment file \(environmentFile): it is not UTF-8 text")
            }
            environment = try EnvironmentFile.parse(text, name: environmentFile)
        }
        for assignment in assignments {
            let (name, value) = try EnvironmentFile.assignment(assignment, name: "--set")
            environment[name] = value.isEmpty ? nil : value
        }
        return environment
    }

    /// The catalog of the selected files or the search path (found with the process's own environment).
    func catalog(context: CLIContext) -> ProfileCatalog {
        AuthProfile.catalog(
            files: files,
            options: context.runtimeOptions(environment: context.environment))
    }
}

/// `NAME=VALUE` lines: blank lines and `#` comments are skipped, `export ` is allowed, and a value may be quoted
/// with `'` or `"` (no escapes, no expansion).
enum EnvironmentFile {
    /// The largest environment file read.
    static let limit = 1 << 20

    static func parse(_ text: String, name: String) throws -> [String: String] {
        var environment: [String: String] = [:]
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = String(line.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
            let (key, value) = try assignment(line, name: "\(name):\(number + 1)")
            environment[key] = value
        }
        return environment
    }

    static func assignment(_ text: String, name: String) throws -> (String, String) {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            throw ValidationError("\(name): expected NAME=VALUE")
        }
        let key = String(text[..<equals]).trimmingCharacters(in: .whitespaces)
        var value = String(text[text.index(after: equals)...])
        if value.count >= 2, let first = value.first, first == "'" || first == "\"", value.last == first {
            value = String(value.dropFirst().dropLast())
        }
        guard key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }), !(key.first?.isNumber ?? true) else {
            throw ValidationError("\(name): the name before '=' is not a valid variable name")
        }
        return (key, value)
    }
}
