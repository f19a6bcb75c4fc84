import ArgumentParser
import AuthProfiles
import AuthProfilesRuntime

/// `authprofile list`: the profiles on the search path, where each is defined, its description and link kinds.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the profiles on the search path.",
        discussion: """
            Search path: --file, else AUTHPROFILE_FILE, else AUTHPROFILE_PATH, else the project's \
            authprofiles.yaml or .authprofiles/ and $XDG_CONFIG_HOME/authprofile/. `default` is built in.
            Exit status: 0, or 2 when a file on the path is invalid or two files define the same profile.
            """)

    @OptionGroup var selection: ProfileSelectionOptions

    @Option(help: "Output format: text or json.")
    var format: ExplainFormat = .text

    func run() throws {
        let context = CLIContext.current
        let catalog = selection.catalog(context: context)
        switch format {
        case .text:
            let rows = catalog.entries.map { entry in
                (entry.profile.name, kinds(entry.profile.credential).joined(separator: ", "),
                 entry.profile.location.description, entry.profile.description ?? "")
            }
            let nameWidth = rows.map(\.0.count).max() ?? 0
            let kindWidth = rows.map(\.1.count).max() ?? 0
            func pad(_ text: String, _ width: Int) -> String {
                text + String(repeating: " ", count: max(0, width - text.count))
            }
            let lines = rows.map { name, kinds, location, description in
                "\(pad(name, nameWidth))  \(pad(kinds, kindWidth))  \(location)"
                    + (description.isEmpty ? "" : "  \(description)")
            }
            context.write(lines.joined(separator: "\n") + "\n")
        case .json:
            let profiles: [JSONValue] = catalog.entries.map { entry in
                .object([
                    ("name", .string(entry.profile.name)),
                    ("location", .string(entry.profile.location.description)),
                    ("builtIn", .bool(entry.isBuiltIn)),
                    ("description", entry.profile.description.map(JSONValue.string) ?? .null),
                    ("kinds", .array(kinds(entry.profile.credential).map(JSONValue.string))),
                ])
            }
            context.write(JSONValue.object([("version", 1), ("profiles", .array(profiles))]).rendered() + "\n")
        }
        if !catalog.problems.isEmpty {
            for problem in catalog.problems { context.writeError("error: \(problem)\n") }
            throw ExitWith(status: .usage)
        }
    }

    /// The kinds of a credential's leaves, in order, without repeats (`chain` itself is not a leaf).
    private func kinds(_ node: CredentialNode) -> [String] {
        var kinds: [String] = []
        var stack = [node]
        while let current = stack.popLast() {
            if case .chain(let links, _) = current.settings {
                stack.append(contentsOf: links.reversed())
            } else if case .profile(let name) = current.settings {
                if !kinds.contains("profile:\(name)") { kinds.append("profile:\(name)") }
            } else if !kinds.contains(current.kind.rawValue) {
                kinds.append(current.kind.rawValue)
            }
        }
        return kinds
    }
}
