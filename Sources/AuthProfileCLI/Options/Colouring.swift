// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import IdentitySupport

/// `--color auto|always|never`: the one rule that decides whether a command colours what it writes.
///
/// `auto` (the default) colours only when the stream written is a terminal, `NO_COLOR` is unset or empty
/// (<https://no-color.org>) and `TERM` is not `dumb`; `always` and `never` decide alone, so a flag given on the
/// command line wins over the environment, as `NO_COLOR` asks. The environment is the context's (the injected
/// host), never the process's, and never the one `--env`/`--set` make for the evaluation.
///
/// Only text meant for a person is coloured: JSON, SARIF, GitHub annotations and `token` output never are,
/// whatever the choice.
package enum ColourChoice: String, CaseIterable, ExpressibleByArgument, Sendable {
    /// Colour a terminal, unless `NO_COLOR` is set (non-empty) or `TERM` is `dumb`.
    case auto
    /// Always colour.
    case always
    /// Never colour.
    case never
}

/// Which stream a command writes coloured text to.
package enum OutputStream: Sendable {
    /// Standard output.
    case standardOutput
    /// Standard error.
    case standardError
}

/// The `--color` option, shared by every command.
struct ColourOptions: ParsableArguments {
    @Option(name: .customLong("color"), help: "Colour the text output: auto (on a terminal), always or never.")
    var choice: ColourChoice = .auto

    /// Whether text written to `stream` in `context` is coloured.
    func colours(_ stream: OutputStream, in context: CLIContext) -> Bool {
        Colouring.enabled(choice, stream: stream, context: context)
    }
}

/// The rule itself, separate from the option so that every caller decides the same way.
package enum Colouring {
    /// Whether text written to `stream` is coloured under `choice` in `context`.
    package static func enabled(_ choice: ColourChoice, stream: OutputStream, context: CLIContext) -> Bool {
        switch choice {
        case .always: return true
        case .never: return false
        case .auto:
            let terminal =
                switch stream {
                case .standardOutput: context.isTerminal
                case .standardError: context.isErrorTerminal
                }
            guard terminal else { return false }
            // An empty NO_COLOR counts as unset, as no-color.org says and as EnvironmentVariables reads every variable.
            let variables = EnvironmentVariables(context.environment)
            return !variables.isSet("NO_COLOR") && variables["TERM"] != "dumb"
        }
    }
}

/// ANSI styles (SGR sequences), applied only when colour is on.
struct TextStyle: Sendable {
    /// Whether styles are applied at all.
    var enabled: Bool

    func bold(_ text: String) -> String { apply("1", text) }
    func red(_ text: String) -> String { apply("1;31", text) }
    func yellow(_ text: String) -> String { apply("1;33", text) }
    func cyan(_ text: String) -> String { apply("1;36", text) }
    func green(_ text: String) -> String { apply("32", text) }

    /// `text` in the SGR style `code`, reset afterwards.
    func apply(_ code: String, _ text: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
