import ArgumentParser
import AuthProfiles

/// `authprofile validate`: checks profile files offline and reports every problem.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check profile files and report every problem.",
        discussion: """
            PATH may be a file or a directory (searched recursively for *.yaml, *.yml, *.json).
            Exit status: 0 clean, 1 errors (or warnings with --strict), 2 usage error or unreadable input.
            """)

    @Argument(help: "Profile files or directories.")
    var paths: [String] = []

    @Option(help: "Output format: text, json, github or sarif.")
    var format: DiagnosticFormat = .text

    @Flag(help: "Fail on warnings too.")
    var strict = false

    @Option(help: ArgumentHelp("The largest file accepted, in bytes.", valueName: "bytes"))
    var maxFileSize = ParseLimits.default.maximumFileSize

    @Option(help: ArgumentHelp("The deepest nesting of mappings and lists accepted.", valueName: "levels"))
    var maxDepth = ParseLimits.default.maximumDepth

    @Option(help: ArgumentHelp("The most YAML nodes accepted in one file.", valueName: "count"))
    var maxNodes = ParseLimits.default.maximumNodes

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one file or directory to validate") }
        if maxFileSize < 1 || maxDepth < 1 || maxNodes < 1 { throw ValidationError("limits must be positive") }
    }

    func run() throws {
        let context = CLIContext.current
        let entries = ProfileFileDiscovery.discover(paths, workingDirectory: context.workingDirectory)
        let validator = ProfileValidator(
            limits: ParseLimits(maximumFileSize: maxFileSize, maximumDepth: maxDepth, maximumNodes: maxNodes))
        let results = entries.map { validator.validate($0) }
        let report = ValidationReport(results: results, strict: strict)
        context.write(format.renderer.render(report))
        if entries.isEmpty {
            context.writeError(
                "error: no profile files (*.yaml, *.yml, *.json) found in \(paths.joined(separator: " "))\n")
            throw ExitWith(status: .usage)
        }
        if report.hasUnreadableInput { throw ExitWith(status: .usage) }
        if report.fails { throw ExitWith(status: .findings) }
    }
}

/// The output formats of `validate`.
package enum DiagnosticFormat: String, CaseIterable, ExpressibleByArgument, Sendable {
    case text, json, github, sarif

    var renderer: any DiagnosticRenderer {
        switch self {
        case .text: TextRenderer()
        case .json: JSONRenderer()
        case .github: GitHubRenderer()
        case .sarif: SARIFRenderer()
        }
    }
}
