// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import AuthProfiles
import IdentitySupport

/// A usage error: arguments that parsed but cannot be used, found while a command runs (an `--env` file that
/// cannot be read, a `--set` without a name, `--claims` that is not JSON), or a command name that does not exist.
///
/// It prints like argument-parser's own parse errors — the reason, then the command's usage line and where its
/// help is — so a usage error looks the same whenever it is found, and always names the command it is about
/// (not the root's usage). The exit status is ``ExitStatus/usage``.
struct UsageError: Error {
    /// The command whose usage was wrong.
    let command: any ParsableCommand.Type
    /// What was wrong, naming the option and the bad value (escaped) and why.
    let message: String

    init(_ message: String, command: any ParsableCommand.Type) {
        self.message = message
        self.command = command
    }

    /// The full text written to standard error.
    var rendered: String {
        var name = command == AuthProfileCommand.self ? "authprofile" : "authprofile \(command._commandName)"
        // A subcommand of a subcommand (`cache list`) is named with its parent.
        for parent in AuthProfileCommand.configuration.subcommands
        where parent.configuration.subcommands.contains(where: { $0 == command }) {
            name = "authprofile \(parent._commandName) \(command._commandName)"
        }
        let usage =
            command == AuthProfileCommand.self
            ? AuthProfileCommand.usageString() : AuthProfileCommand.usageString(for: command)
        return "Error: \(message)\nUsage: \(usage)\n  See '\(name) --help' for more information.\n"
    }

    /// A value from the command line as it may be shown: control characters escaped, long values cut.
    static func shown(_ value: String) -> String {
        let escaped = OutsideText.escapingControlCharacters(value)
        return escaped.count > 256 ? escaped.prefix(256) + "…" : escaped
    }

    /// The error for a first argument that is no command, with the closest command name when one is close; `nil`
    /// when `arguments` do not start with an unknown command.
    static func unknownCommand(in arguments: [String]) -> UsageError? {
        guard let first = arguments.first, !first.hasPrefix("-") else { return nil }
        let names = AuthProfileCommand.configuration.subcommands.map { $0._commandName }
        guard !names.contains(first), first != "help" else { return nil }
        let suggestion =
            Suggestion.closest(to: first, in: names).map { "; did you mean '\($0)'?" }
            ?? " (the commands are \(names.joined(separator: ", ")))"
        return UsageError("unknown command '\(shown(first))'\(suggestion)", command: AuthProfileCommand.self)
    }
}
