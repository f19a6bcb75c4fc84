// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import AuthProfiles
import IdentitySupport

/// `authprofile validate`: checks profile files offline and reports every problem.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check profile files and report every problem.",
        discussion: """
            PATH may be a file or a directory (searched recursively for *.yaml, *.yml, *.json), or - for \
            standard input (named <stdin> in diagnostics).
            Exit status: 0 clean, 1 errors (or warnings with --strict), 2 usage error or unreadable input.
            """)

    @Argument(help: "Profile files or directories, or - for standard input.", completion: .file())
    var paths: [String] = []

    @Option(help: "Output format: text, json, github, sarif or gitlab (a GitLab Code Quality report).")
    var format: DiagnosticFormat = .text

    @Flag(help: "Fail on warnings too.")
    var strict = false

    @Option(help: ArgumentHelp("The largest file accepted, in bytes.", valueName: "bytes"))
    var maxFileSize = ParseLimits.default.maximumFileSize

    @Option(help: ArgumentHelp("The deepest nesting of mappings and lists accepted.", valueName: "levels"))
    var maxDepth = ParseLimits.default.maximumDepth

    @Option(help: ArgumentHelp("The most YAML nodes accepted in one file.", valueName: "count"))
    var maxNodes = ParseLimits.default.maximumNodes

    @OptionGroup var colour: ColourOptions

    /// The argument that stands for standard input, and the name diagnostics give it.
    static let standardInputArgument = "-"
    static let standardInputName = "<stdin>"

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one file or directory to validate") }
        if maxFileSize < 1 || maxDepth < 1 || maxNodes < 1 { throw ValidationError("limits must be positive") }
        if paths.filter({ $0 == Self.standardInputArgument }).count > 1 {
            throw ValidationError("give - (standard input) at most once")
        }
    }

    func run() throws {
        let context = CLIContext.current
        let validator = ProfileValidator(
            limits: ParseLimits(maximumFileSize: maxFileSize, maximumDepth: maxDepth, maximumNodes: maxNodes))
        let files = paths.filter { $0 != Self.standardInputArgument }
        let entries = ProfileFileDiscovery.discover(files, workingDirectory: context.workingDirectory)
        var results = entries.map { validator.validate($0) }
        if files.count < paths.count { results.append(try validateStandardInput(validator, context: context)) }
        // One message for one situation: nothing to check is a usage error, not an "ok" report of zero files.
        if results.isEmpty {
            context.writeError(
                "error: validate: no profile files (*.yaml, *.yml, *.json) found in "
                    + "\(files.map(OutsideText.escapingControlCharacters).joined(separator: " "))\n")
            throw ExitWith(status: .usage)
        }
        let report = ValidationReport(results: results, strict: strict)
        context.write(format.renderer(colour: colour.colours(.standardOutput, in: context)).render(report))
        if report.hasUnreadableInput { throw ExitWith(status: .usage) }
        if report.fails { throw ExitWith(status: .findings) }
    }

    /// `validate -`: the document on standard input, bounded by `--max-file-size` like a file.
    private func validateStandardInput(_ validator: ProfileValidator, context: CLIContext) throws -> ValidationResult {
        let bytes: [UInt8]?
        do {
            bytes = try context.readStandardInput(maxFileSize)
        } catch {
            context.writeError("error: validate: cannot read standard input: \(error)\n")
            throw ExitWith(status: .usage)
        }
        guard let bytes else {
            context.writeError(
                "error: validate: standard input is longer than \(maxFileSize) bytes (--max-file-size)\n")
            throw ExitWith(status: .usage)
        }
        return validator.validate(bytes: bytes, path: Self.standardInputName)
    }
}

/// The output formats of `validate`.
package enum DiagnosticFormat: String, CaseIterable, ExpressibleByArgument, Sendable {
    case text, json, github, sarif, gitlab

    /// The renderer of this format; only text is ever coloured (JSON, SARIF and annotations are for tools).
    func renderer(colour: Bool) -> any DiagnosticRenderer {
        switch self {
        case .text: TextRenderer(colour: colour)
        case .json: JSONRenderer()
        case .github: GitHubRenderer()
        case .sarif: SARIFRenderer()
        case .gitlab: GitLabRenderer()
        }
    }
}
