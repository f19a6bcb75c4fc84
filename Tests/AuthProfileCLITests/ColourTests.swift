// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfileCLI
import Foundation
import Testing

/// `--color auto|always|never` and the one rule behind it: a terminal, `NO_COLOR` unset or empty, `TERM` not
/// `dumb`; only text for people is ever coloured.
@Suite struct ColourTests {
    static let escape = "\u{1B}["
    static let invalid = "\(CLIHarness.fixturesDirectory)/invalid/AP200-unknown-key.yaml"
    static let warning = "\(CLIHarness.fixturesDirectory)/invalid/AP409-unused-definition.yaml"

    static func context(terminal: Bool, error: Bool = false, _ environment: [String: String]) -> CLIContext {
        CLIContext(
            standardOutput: { _ in }, standardError: { _ in }, workingDirectory: "/", environment: environment,
            isTerminal: terminal, isErrorTerminal: error)
    }

    @Test(arguments: [
        // (choice, stdout is a TTY, environment, coloured)
        (ColourChoice.auto, true, [String: String](), true),
        (.auto, false, [:], false),
        (.auto, true, ["NO_COLOR": "1"], false),
        (.auto, true, ["NO_COLOR": "yes please"], false),
        (.auto, true, ["NO_COLOR": ""], true),
        (.auto, true, ["TERM": "dumb"], false),
        (.auto, true, ["TERM": "xterm-256color"], true),
        (.always, false, ["NO_COLOR": "1", "TERM": "dumb"], true),
        (.never, true, [:], false),
    ])
    func theRule(choice: ColourChoice, terminal: Bool, environment: [String: String], coloured: Bool) {
        let context = Self.context(terminal: terminal, environment)
        #expect(Colouring.enabled(choice, stream: .standardOutput, context: context) == coloured)
    }

    @Test func eachStreamIsAskedAboutItself() {
        let errorOnly = Self.context(terminal: false, error: true, [:])
        #expect(!Colouring.enabled(.auto, stream: .standardOutput, context: errorOnly))
        #expect(Colouring.enabled(.auto, stream: .standardError, context: errorOnly))
    }

    @Test func explainHonoursNoColourAndDumbTerminals() async {
        let arguments = ["explain", "--file", "examples/quickstart.yaml", "local"]
        let terminal = await CLIHarness.run(arguments, terminal: (true, true))
        #expect(terminal.stdout.contains(Self.escape))
        for environment in [["NO_COLOR": "1"], ["TERM": "dumb"]] {
            let plain = await CLIHarness.run(arguments, environment: environment, terminal: (true, true))
            #expect(!plain.stdout.contains(Self.escape), "\(environment)")
            #expect(plain.stdout == (await CLIHarness.run(arguments)).stdout)
        }
        let never = await CLIHarness.run(arguments + ["--color", "never"], terminal: (true, true))
        #expect(!never.stdout.contains(Self.escape))
        let always = await CLIHarness.run(arguments + ["--color", "always"], environment: ["NO_COLOR": "1"])
        #expect(always.stdout.contains(Self.escape))
    }

    @Test func validateColoursLikeACompilerOnATerminal() async {
        let run = await CLIHarness.run(["validate", Self.invalid], terminal: (true, false))
        let plain = await CLIHarness.run(["validate", Self.invalid])
        #expect(run.status == plain.status)
        #expect(!plain.stdout.contains(Self.escape))
        // Bold location, bold red `error`, cyan `help:`; removing the escapes gives the plain text back.
        #expect(run.stdout.hasPrefix("\u{1B}[1m\(Self.invalid):"))
        #expect(run.stdout.contains("\u{1B}[1;31merror\u{1B}[0m[AP200]"))
        #expect(run.stdout.contains("\u{1B}[1;36mhelp:\u{1B}[0m"))
        #expect(Self.strippingEscapes(run.stdout) == plain.stdout)
        let warning = await CLIHarness.run(["validate", Self.warning], terminal: (true, false))
        #expect(warning.stdout.contains("\u{1B}[1;33mwarning\u{1B}[0m[AP409]"))
    }

    @Test(arguments: ["json", "sarif", "github", "gitlab"])
    func machineFormatsAreNeverColoured(format: String) async {
        let run = await CLIHarness.run(
            ["validate", "--format", format, "--color", "always", Self.invalid], terminal: (true, true))
        #expect(run.status == 1)
        #expect(!run.stdout.contains(Self.escape) && !run.stderr.contains(Self.escape))
    }

    @Test func everyCommandTakesTheOption() async {
        for arguments in [
            ["schema"], ["list", "--file", "examples/quickstart.yaml"], ["list", "--format", "json"],
        ] {
            let run = await CLIHarness.run(arguments + ["--color", "always"], terminal: (true, true))
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
            #expect(!run.stdout.contains(Self.escape), "\(arguments)")
        }
        let token = await CLIHarness.run(["token", "--scope", "s/.default", "--color", "sometimes"])
        #expect(token.status == 2)
        #expect(token.stderr.contains("sometimes"))
    }

    static func strippingEscapes(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    }
}
