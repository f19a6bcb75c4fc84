// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import AuthProfiles
import AuthProfilesRuntime
import Foundation
import IdentitySupport

/// Options shared by the commands that load profiles: which files, and which environment to evaluate under.
struct ProfileSelectionOptions: ParsableArguments {
    /// The profile commands use when none is named: built in (DefaultAzureCredential), unless a file redefines it.
    static let builtInProfile = "default"

    @Option(
        name: .customLong("file"),
        help: ArgumentHelp(
            "Read profiles from this file or directory only (repeatable); default: the search path.", valueName: "path"),
        completion: .file()
    )
    var files: [String] = []

    @OptionGroup var environmentOptions: EnvironmentOptions

    /// The options' values, which do the work (the fast path of `token` fills them without argument-parser).
    var values: ProfileSelection {
        ProfileSelection(
            files: files, environmentFile: environmentOptions.environmentFile,
            assignments: environmentOptions.assignments)
    }

    /// The environment profiles are evaluated under (``ProfileSelection/environment(context:command:)``).
    func environment(context: CLIContext, command: any ParsableCommand.Type) throws -> [String: String] {
        try values.environment(context: context, command: command)
    }

    /// The profile a command uses (``ProfileSelection/profileName(_:in:command:)``).
    func profileName(
        _ named: String?, in catalog: ProfileCatalog, command: any ParsableCommand.Type
    ) throws -> String {
        try values.profileName(named, in: catalog, command: command)
    }

    /// The catalog of the selected files or the search path (``ProfileSelection/catalog(context:)``).
    func catalog(context: CLIContext) -> ProfileCatalog { values.catalog(context: context) }
}

/// `--env` and `--set` alone: the environment of the commands that load profiles (through
/// ``ProfileSelectionOptions``) and of `cache list`, whose directory comes from `XDG_CACHE_HOME` and `HOME`.
struct EnvironmentOptions: ParsableArguments {
    @Option(
        name: .customLong("env"),
        help: ArgumentHelp(
            "Evaluate under the variables of this file (NAME=VALUE lines) instead of the current environment.",
            valueName: "file"),
        completion: .file())
    var environmentFile: String?

    @Option(
        name: .customLong("set"),
        help: ArgumentHelp(
            "Set (NAME=VALUE) or unset (NAME=) one variable for the evaluation (repeatable).", valueName: "NAME=VALUE"))
    var assignments: [String] = []

    /// The environment a command runs under (``ProfileSelection/environment(context:command:)``).
    func environment(context: CLIContext, command: any ParsableCommand.Type) throws -> [String: String] {
        try ProfileSelection(environmentFile: environmentFile, assignments: assignments)
            .environment(context: context, command: command)
    }
}

/// Which profiles and environment a command evaluates: `--file`, `--env` and `--set`, as values.
struct ProfileSelection: Sendable, Hashable {
    /// `--file`: files or directories to read profiles from; empty for the search path.
    var files: [String] = []
    /// `--env`: a file of `NAME=VALUE` lines that replaces the environment.
    var environmentFile: String?
    /// `--set`: `NAME=VALUE` (or `NAME=`) assignments applied after `--env`.
    var assignments: [String] = []

    /// The environment profiles are evaluated under.
    ///
    /// - Throws: ``UsageError`` naming `command`, the option, the bad value and the reason, when the `--env` file
    ///   cannot be read or parsed or a `--set` is not `NAME=VALUE`.
    func environment(context: CLIContext, command: any ParsableCommand.Type) throws -> [String: String] {
        var environment = context.environment
        if let environmentFile {
            let shownFile = UsageError.shown(environmentFile)
            let contents: FileContents
            do {
                let path = try UserPath.resolve(
                    environmentFile, workingDirectory: context.workingDirectory,
                    environment: EnvironmentVariables(context.environment))
                contents = try UserFile.read(path, limit: EnvironmentFile.limit)
            } catch {
                throw UsageError("--env \(shownFile): cannot read the environment file: it \(error)", command: command)
            }
            guard let text = String(validating: contents.bytes, as: UTF8.self) else {
                throw UsageError(
                    "--env \(shownFile): cannot read the environment file: it is not UTF-8 text", command: command)
            }
            do {
                environment = try EnvironmentFile.parse(text, name: shownFile)
            } catch {
                throw UsageError("--env \(error.message)", command: command)
            }
        }
        for assignment in assignments {
            do {
                let (name, value) = try EnvironmentFile.assignment(assignment, name: "--set")
                environment[name] = value.isEmpty ? nil : value
            } catch {
                throw UsageError(error.message, command: command)
            }
        }
        return environment
    }

    /// The profile a command uses: the one named; with `--file` and no name, the files' only profile (the file
    /// given, not the built-in `default` the search path adds); otherwise ``builtInProfile``.
    ///
    /// - Throws: ``UsageError`` listing the profiles when the files define several, or saying they define none.
    func profileName(
        _ named: String?, in catalog: ProfileCatalog, command: any ParsableCommand.Type
    ) throws -> String {
        if let named { return named }
        guard !files.isEmpty, catalog.problems.isEmpty else { return ProfileSelectionOptions.builtInProfile }
        let defined = catalog.entries.filter { !$0.isBuiltIn }.map(\.profile.name)
        if defined.count == 1 { return defined[0] }
        if defined.isEmpty {
            throw UsageError(
                "the --file files define no profile; name one (`\(ProfileSelectionOptions.builtInProfile)` is built in)",
                command: command)
        }
        throw UsageError(
            "the --file files define \(defined.count) profiles; name the one to use: "
                + defined.map(UsageError.shown).joined(separator: ", "), command: command)
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

    /// A line or `--set` value that is not `NAME=VALUE`. The message names where (`file:line` or `--set`) and
    /// shows the name, never the value (it may be a secret).
    struct Problem: Error {
        let message: String
    }

    static func parse(_ text: String, name: String) throws(Problem) -> [String: String] {
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

    static func assignment(_ text: String, name: String) throws(Problem) -> (String, String) {
        guard let equals = text.firstIndex(of: "=") else {
            // No '=': the text is a name at best (a value is never shown, but here there is none).
            if name == "--set" {
                throw Problem(
                    message: "--set \(UsageError.shown(text)): expected NAME=VALUE (NAME= unsets the variable)")
            }
            throw Problem(message: "\(name): expected NAME=VALUE")
        }
        guard equals != text.startIndex else {
            throw Problem(message: "\(name): expected NAME=VALUE, but the name before '=' is empty")
        }
        let key = String(text[..<equals]).trimmingCharacters(in: .whitespaces)
        var value = String(text[text.index(after: equals)...])
        if value.count >= 2, let first = value.first, first == "'" || first == "\"", value.last == first {
            value = String(value.dropFirst().dropLast())
        }
        guard key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }), !(key.first?.isNumber ?? true) else {
            throw Problem(
                message: "\(name): '\(UsageError.shown(key))' is not a valid variable name (letters, digits and _, "
                    + "not starting with a digit)")
        }
        return (key, value)
    }
}
