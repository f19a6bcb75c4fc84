// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfileCLI
import AzureIdentityTesting
import Foundation
import Testing

/// Every command example in README.md runs as printed, from the repository root: the lines of its `sh` blocks,
/// the `$ ` lines of its `text` blocks and the `run:` lines of its `yaml` blocks. A `text` block's output is
/// compared too: exactly, or, in a block marked `# abridged`, line by line (a line ending in `…` as a prefix).
///
/// The commands run in-process. `token` and `list` find the README's `prod` and `aks-admin` through the search
/// path (`AUTHPROFILE_FILE`), here a file whose profiles get tokens from a local fake Entra ID: nothing is sent
/// to any other host.
@Suite struct ReadmeCommandTests {
    /// A command found in the README.
    struct Example: Sendable, CustomStringConvertible {
        /// The line as printed (without a trailing comment).
        let line: String
        /// The `authprofile` arguments it runs.
        let arguments: [String]
        /// The output shown under a `$ ` line, and whether the block is abridged.
        let output: (lines: [String], abridged: Bool)?
        var description: String { line }
    }

    /// Commands the README shows that are not `authprofile`, each with why this test does not run it.
    /// README commands this test does not run, each with the script that runs it as printed (checked below).
    static let notRun = [
        "bash scripts/test.sh": "the test suite itself, which includes this test",
        "bash scripts/build-release.sh": "scripts/check-release.sh",
        "bash scripts/install.sh": "scripts/check-release.sh",
        "authprofile --generate-completion-script bash > ~/.local/share/bash-completion/completions/authprofile":
            "scripts/check-completion.sh",
        "authprofile --generate-completion-script zsh > ~/.zfunc/_authprofile": "scripts/check-completion.sh",
        "authprofile --generate-completion-script fish > ~/.config/fish/completions/authprofile.fish":
            "scripts/check-completion.sh",
        "kubectl get pods": "Tests/AuthProfileCLITests/KubectlEndToEndTests.swift",
    ]

    /// A command left to a script (or another test) is really in that file, word for word.
    @Test func commandsLeftToScriptsAreInThem() throws {
        for (line, script) in Self.notRun where script.hasPrefix("scripts/") || script.hasPrefix("Tests/") {
            let text = try String(contentsOfFile: "\(CLIHarness.packageRoot)/\(script)", encoding: .utf8)
            #expect(text.contains(line), "\(script) does not run the README's \(line)")
        }
        let commands = try Self.commandLines()
        for line in Self.notRun.keys {
            #expect(commands.contains(line), "notRun names a line the README lacks: \(line)")
        }
    }

    /// The exit status each example is expected to end with when it is not 0: examples that show a failure.
    static let expectedStatus: [String: Int32] = [
        "authprofile validate Tests/AuthProfileCLITests/Fixtures/invalid/AP200-unknown-key.yaml": 1,
        "authprofile explain prod --file examples/team.yaml --env examples/aks-pod.env": 1,
    ]

    static let tenant = "11111111-2222-3333-4444-555555555555"
    static let clientID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
    static let secret = "readme~Secret.0123456789abcdef"

    @Test func theReadmeHasRunnableExamples() throws {
        let examples = try Self.examples()
        #expect(examples.count >= 8, "\(examples)")
        // The README's first two commands: run the main job on an embedded example, then the tests.
        let first = try #require(examples.first)
        #expect(first.line == "swift run authprofile explain --file examples/quickstart.yaml local")
        #expect(try Self.commandLines().prefix(2).last == "bash scripts/test.sh")
    }

    @Test func everyExampleRunsAsPrinted() async throws {
        let fake = try await FakeEntraID.started()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("authprofile-readme-\(UUID())")
            .path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            fake.addTenant(Self.tenant)
            fake.register(FakeApplication(clientID: Self.clientID, tenantID: Self.tenant, secrets: [Self.secret]))
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try fake.caCertificatePEM.write(toFile: directory + "/ca.pem", atomically: true, encoding: .utf8)
            let credential = "{ type: clientSecret, clientId: \(Self.clientID), clientSecret: { env: README_SECRET } }"
            let profiles = """
                version: 1
                clouds:
                  fake: { authorityHost: \(fake.authorityURL), allowLoopback: true, caBundle: \(directory)/ca.pem }
                tenants:
                  test: { id: \(Self.tenant), cloud: fake }
                profiles:
                  prod: { tenant: test, credential: \(credential) }
                  aks-admin: { tenant: test, credential: \(credential) }

                """
            try profiles.write(toFile: directory + "/profiles.yaml", atomically: true, encoding: .utf8)
            let environment = [
                "AUTHPROFILE_FILE": directory + "/profiles.yaml", "README_SECRET": Self.secret, "PATH": "",
                // `cache list` and `cache clear` look here, never at the user's own cache.
                "XDG_CACHE_HOME": directory + "/cache",
            ]
            for example in try Self.examples() {
                let run = await CLIHarness.run(example.arguments, environment: environment)
                let status = Self.expectedStatus[example.line.replacingOccurrences(of: "swift run ", with: "")] ?? 0
                #expect(run.status == status, "README: \(example.line)\n\(run.transcript)")
                if let output = example.output {
                    Self.check(run.stdout, against: output, example: example)
                }
            }
            try await fake.shutdown()
        } catch {
            try? await fake.shutdown()
            throw error
        }
    }

    /// The shown output: all of it, or for an abridged block each line (blank lines aside) in order.
    static func check(_ actual: String, against shown: (lines: [String], abridged: Bool), example: Example) {
        guard shown.abridged else {
            #expect(actual == shown.lines.map { $0 + "\n" }.joined(), "README output of \(example.line)")
            return
        }
        var remaining = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...]
        for line in shown.lines where !line.isEmpty {
            let prefix = line.hasSuffix("…") ? String(line.dropLast()) : nil
            guard let index = remaining.firstIndex(where: { prefix.map($0.hasPrefix) ?? ($0 == line) }) else {
                Issue.record("README output of \(example.line): no line \(line.debugDescription) in\n\(actual)")
                return
            }
            remaining = remaining[(index + 1)...]
        }
    }

    // MARK: Reading the README

    static func readme() throws -> String {
        try String(contentsOfFile: "\(CLIHarness.packageRoot)/README.md", encoding: .utf8)
    }

    /// Every command line of the README's sh, text (`$ `) and yaml (`run:`) blocks, comments removed.
    static func commandLines() throws -> [String] {
        try blocks().flatMap { block in block.commands.map(\.line) }
    }

    static func examples() throws -> [Example] {
        var examples: [Example] = []
        for block in try blocks() {
            for command in block.commands {
                if notRun[command.line] != nil { continue }
                var words = try words(of: command.line)
                if words.starts(with: ["swift", "run"]) { words.removeFirst(2) }
                guard words.first == "authprofile" else {
                    Issue.record("README command is neither authprofile nor listed in notRun: \(command.line)")
                    continue
                }
                examples.append(
                    Example(
                        line: command.line, arguments: try expandingGlobs(Array(words.dropFirst())),
                        output: command.output.map { ($0, block.abridged(command.line)) }))
            }
        }
        return examples
    }

    struct Block {
        let language: String
        let lines: [String]

        /// The commands of the block, with the output shown under each in a text block.
        var commands: [(line: String, output: [String]?)] {
            var result: [(line: String, output: [String]?)] = []
            for line in lines {
                switch language {
                case "sh":
                    let command = ReadmeCommandTests.removingComment(line)
                    if !command.isEmpty { result.append((command, nil)) }
                case "text":
                    if line.hasPrefix("$ ") {
                        result.append((ReadmeCommandTests.removingComment(String(line.dropFirst(2))), []))
                    } else if !result.isEmpty {
                        result[result.count - 1].output?.append(line)
                    }
                case "yaml":
                    let trimmed = line.trimmingCharacters(in: .whitespaces)
                    if trimmed.hasPrefix("- run: ") {
                        result.append((ReadmeCommandTests.removingComment(String(trimmed.dropFirst(7))), nil))
                    }
                default:
                    break
                }
            }
            return result
        }

        func abridged(_ command: String) -> Bool {
            lines.contains { $0.hasPrefix("$ \(command)") && $0.hasSuffix("# abridged") }
        }
    }

    static func blocks() throws -> [Block] {
        var blocks: [Block] = []
        var current: (language: String, lines: [String])?
        for line in try readme().split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("```") {
                if let open = current {
                    blocks.append(Block(language: open.language, lines: open.lines))
                    current = nil
                } else {
                    current = (String(line.dropFirst(3)), [])
                }
            } else {
                current?.lines.append(line)
            }
        }
        return blocks
    }

    /// The line without a `#` comment (a `#` after whitespace, outside quotes) and surrounding space.
    static func removingComment(_ line: String) -> String {
        var quote: Character?
        var previous: Character = " "
        for index in line.indices {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "#" && previous.isWhitespace {
                return String(line[..<index]).trimmingCharacters(in: .whitespaces)
            }
            previous = character
        }
        return line.trimmingCharacters(in: .whitespaces)
    }

    /// The words a POSIX shell would pass, for the little the README uses: quotes, and `eval "$(…)"`, whose
    /// inner command is the one run.
    static func words(of line: String) throws -> [String] {
        if line.hasPrefix("eval \"$("), line.hasSuffix(")\"") {
            return try words(of: String(line.dropFirst(8).dropLast(2)))
        }
        var words: [String] = []
        var word: String?
        var quote: Character?
        for character in line {
            if let open = quote {
                if character == open { quote = nil } else { word = (word ?? "") + String(character) }
            } else if character == "'" || character == "\"" {
                quote = character
                word = word ?? ""
            } else if character.isWhitespace {
                if let finished = word { words.append(finished) }
                word = nil
            } else if "$`|;&<>()".contains(character) {
                throw ReadmeError(message: "README command uses shell syntax this test does not run: \(line)")
            } else {
                word = (word ?? "") + String(character)
            }
        }
        if let word { words.append(word) }
        return words
    }

    /// `dir/*.ext` expanded as a shell would (sorted); other words as they are.
    static func expandingGlobs(_ words: [String]) throws -> [String] {
        try words.flatMap { word -> [String] in
            guard word.contains("*") else { return [word] }
            let directory = (word as NSString).deletingLastPathComponent
            let pattern = (word as NSString).lastPathComponent
            let names = try FileManager.default.contentsOfDirectory(atPath: "\(CLIHarness.packageRoot)/\(directory)")
            let matches = names.filter { fnmatch(pattern, $0, 0) == 0 }.sorted()
            return matches.isEmpty ? [word] : matches.map { "\(directory)/\($0)" }
        }
    }

    struct ReadmeError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}
