// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

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

    /// Accepted like every command's; this command's output is for tools and never coloured.
    @OptionGroup var colour: ColourOptions

    func run() throws {
        let context = CLIContext.current
        let catalog = selection.catalog(context: context)
        switch format {
        case .text:
            let rows = catalog.entries.map { entry in
                (
                    entry.profile.name, entry.leafKinds.joined(separator: ", "),
                    entry.profile.location.description, entry.profile.description ?? ""
                )
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
                    ("kinds", .array(entry.leafKinds.map(JSONValue.string))),
                ])
            }
            context.write(JSONValue.object([("version", 1), ("profiles", .array(profiles))]).rendered() + "\n")
        }
        if !catalog.problems.isEmpty {
            for problem in catalog.problems { context.writeError("error: \(problem)\n") }
            throw ExitWith(status: .usage)
        }
    }
}
