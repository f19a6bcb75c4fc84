// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import AuthProfiles

/// `authprofile schema`: prints the JSON Schema of the profile format.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema", abstract: "Print the JSON Schema (2020-12) of the profile format, version 1.")

    /// Accepted like every command's; this command's output is for tools and never coloured.
    @OptionGroup var colour: ColourOptions

    func run() throws {
        CLIContext.current.write(ProfileSchema.text)
    }
}
