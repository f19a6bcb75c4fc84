// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfileCLI
import Foundation
import Testing

/// Shell completion of profile names (issue 14). The shells call `authprofile ---completion <command> -- positional@0
/// <word index> <cursor> <words…>`; scripts/check-completion.sh drives the same through a real bash.
@Suite struct CompletionTests {
    /// What the shell gets for `words`, the last word being completed.
    static func complete(_ command: String, _ words: [String], environment: [String: String] = [:]) async -> CLIRun {
        let index = words.count - 1
        return await CLIHarness.run(
            ["---completion", command, "--", "positional@0", String(index), String(words[index].count)] + words,
            environment: environment)
    }

    /// The offered names. argument-parser keeps the requesting shell in a process-wide variable that generating a
    /// script sets (here: the zsh script of another test) and then appends zsh's " " pseudo-completion; in a real
    /// shell every request is a process of its own.
    static func names(_ run: CLIRun) -> [String] {
        run.stdout.split(separator: "\n").map(String.init).filter { $0 != " " }
    }

    @Test func profileNamesComeFromTheFileOnTheCommandLine() async {
        let file = "examples/team.yaml"
        let run = await Self.complete("explain", ["authprofile", "explain", "--file", file, "pr"])
        #expect(run.status == 0, "\(run.transcript)")
        #expect(Self.names(run) == ["prod", "prod-sovereign"], "\(run.transcript)")
        let all = await Self.complete("token", ["authprofile", "token", "--file=\(file)", ""])
        let names = Set(Self.names(all))
        #expect(names.contains("prod") && names.contains("default"), "\(all.transcript)")
    }

    @Test func profileNamesComeFromTheSearchPath() async {
        let run = await Self.complete(
            "token", ["authprofile", "token", "dev-"], environment: ["AUTHPROFILE_FILE": "examples/team.yaml"])
        #expect(Self.names(run) == ["dev-sovereign"], "\(run.transcript)")
    }

    /// A broken or missing file completes what it can and never prints an error into the user's command line.
    @Test func aBrokenFileCompletesNothingQuietly() async {
        let run = await Self.complete("explain", ["authprofile", "explain", "--file", "/nonexistent.yaml", "x"])
        #expect(run.status == 0)
        #expect(Self.names(run).isEmpty && run.stderr.isEmpty, "\(run.transcript)")
    }

    @Test func everyShellScriptHooksTheProfileArgument() async {
        for shell in ["bash", "zsh", "fish"] {
            let run = await CLIHarness.run(["--generate-completion-script", shell])
            #expect(run.status == 0)
            #expect(run.stdout.contains("---completion explain"), "\(shell)")
            #expect(run.stdout.contains("---completion token"), "\(shell)")
        }
    }
}
