// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfileCLI
import Testing

/// The argument count is bounded before parsing (issue 9 item 18): swift-argument-parser removes every parsed
/// value from its list with a linear search, so `token --scope` × 20,000 spent 23 s (release) in the parser.
@Suite struct ArgumentBoundTests {
    @Test func twentyThousandScopesAreAUsageErrorAtOnce() async {
        let arguments =
            ["token"]
            + Array(repeating: ["--scope", "https://storage.azure.com/.default"], count: 20_000)
            .flatMap { $0 } + ["--file", "no/such/file.yaml", "app"]
        // Refused before parsing: a parse error would name an option, and this message names only the count.
        let run = await CLIHarness.run(arguments)
        #expect(run.status == ExitStatus.usage.rawValue)
        #expect(
            run.stderr == "error: too many arguments (40004); authprofile accepts at most 1000. "
                + "Give a directory instead of many files, or split the run.\n")
        #expect(run.stdout.isEmpty)
    }

    @Test func theBoundCountsEveryCommandsArguments() async {
        let files = (0..<1_001).map { "missing-\($0).yaml" }
        let run = await CLIHarness.run(["validate"] + files)
        #expect(run.status == ExitStatus.usage.rawValue)
        #expect(run.stderr.hasPrefix("error: too many arguments (1002)"))
    }

    @Test func runsUpToTheBoundAreParsedAsBefore() async {
        // 1,000 arguments: parsed, then refused for what they say (the profile file does not exist).
        let arguments =
            ["token"] + Array(repeating: ["--scope", "s"], count: 498).flatMap { $0 }
            + ["--file", "no/such/file.yaml", "app"]
        #expect(arguments.count == AuthProfileCommand.maximumArgumentCount)
        let run = await CLIHarness.run(arguments)
        #expect(run.status == ExitStatus.usage.rawValue)
        #expect(!run.stderr.contains("too many arguments"))
        #expect(run.stderr.contains("no/such/file.yaml"))
    }
}
