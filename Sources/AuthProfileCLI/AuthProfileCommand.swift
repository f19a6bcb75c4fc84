// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

public import ArgumentParser
import AuthProfiles
import Foundation

/// The `authprofile` command tree.
public struct AuthProfileCommand: AsyncParsableCommand {
    /// The command tree: `validate`, `explain`, `token`, `list`, `cache`, `schema`.
    public static let configuration = CommandConfiguration(
        commandName: "authprofile",
        abstract: "Validate, explain and use Microsoft Entra ID credential profiles.",
        discussion: """
            Exit status: 0 clean, 1 problems found, 2 usage error or unreadable input.
            """,
        version: AuthProfileVersion.full,
        subcommands: [
            ValidateCommand.self, ExplainCommand.self, TokenCommand.self, ListCommand.self, CacheCommand.self,
            SchemaCommand.self,
        ])

    /// Creates the root command (argument-parser fills it in).
    public init() {}

    /// The most arguments one run accepts. swift-argument-parser removes each parsed value from its argument list
    /// with a linear search, so parsing is quadratic in the number of arguments (`token --scope` × 20,000 took
    /// 23 s before any request). A thousand is far more than any real run needs — a directory stands for any
    /// number of files — and parses in milliseconds.
    public static let maximumArgumentCount = 1_000
}

/// Runs `authprofile` with arguments in a context and returns its exit status; the executable and the
/// tests both go through here.
public enum CommandRunner {
    /// The process's entry point: answers `token` from the persistent cache at once when it can — before the
    /// concurrency runtime starts a thread — and otherwise runs the arguments in a task; exits with the status.
    public static func main(_ arguments: [String]) -> Never {
        var context = CLIContext.process
        if let status = runFromPersistentCache(arguments, context: context) { exit(status) }
        context.usesPersistentCacheFastPath = false
        Task { exit(await run(arguments, context: context)) }
        dispatchMain()
    }

    /// Answers `authprofile token …` from the persistent token cache when the run would print the token the cache
    /// holds (``TokenCommand``'s fast path: no HTTP client, no event loop, no TLS); `nil` when the arguments are
    /// not such a run. Writes nothing unless it answers.
    package static func runFromPersistentCache(_ arguments: [String], context: CLIContext) -> Int32? {
        guard arguments.first == TokenCommand.configuration.commandName,
            arguments.count <= AuthProfileCommand.maximumArgumentCount
        else { return nil }
        var context = context
        context.arguments = arguments
        // A record of this very run's earlier answer, checked read by read (what a release's small `authprofile`
        // does before it starts this binary); else the fast path, which writes such a record when it answers.
        if let output = TokenShortcuts.lookup(context: context) {
            context.write(output)
            return ExitStatus.success.rawValue
        }
        guard let invocation = TokenInvocation(fastPathArguments: arguments.dropFirst()),
            invocation.runFromPersistentCache(context: context)
        else { return nil }
        return ExitStatus.success.rawValue
    }

    /// Parses and runs the arguments (without the program name).
    public static func run(_ arguments: [String], context: CLIContext = .process) async -> Int32 {
        var context = context
        context.arguments = arguments
        return await CLIContext.$current.withValue(context) {
            // Bounded before parsing: the parser's cost grows with the square of the argument count.
            guard arguments.count <= AuthProfileCommand.maximumArgumentCount else {
                context.writeError(
                    "error: too many arguments (\(arguments.count)); authprofile accepts at most "
                        + "\(AuthProfileCommand.maximumArgumentCount). Give a directory instead of many files, "
                        + "or split the run.\n")
                return ExitStatus.usage.rawValue
            }
            // `token` with a fresh token in the persistent cache: printed before the parser of the whole tree, the
            // runtime or the HTTP client are made (issue 12).
            if context.usesPersistentCacheFastPath, let status = runFromPersistentCache(arguments, context: context) {
                return status
            }
            do {
                var command = try AuthProfileCommand.parseAsRoot(arguments)
                if var asyncCommand = command as? any AsyncParsableCommand {
                    try await asyncCommand.run()
                } else {
                    try command.run()
                }
                return ExitStatus.success.rawValue
            } catch let exit as ExitWith {
                return exit.status.rawValue
            } catch let usage as UsageError {
                context.writeError(usage.rendered)
                return ExitStatus.usage.rawValue
            } catch {
                let code = AuthProfileCommand.exitCode(for: error)
                let message = AuthProfileCommand.fullMessage(for: error)
                if code == .success {
                    if !message.isEmpty { context.write(message + "\n") }
                    return ExitStatus.success.rawValue
                }
                // `authprofile explian`: argument-parser's "unexpected argument" becomes a did-you-mean.
                if let unknown = UsageError.unknownCommand(in: arguments) {
                    context.writeError(unknown.rendered)
                    return ExitStatus.usage.rawValue
                }
                if !message.isEmpty { context.writeError(message + "\n") }
                return ExitStatus.usage.rawValue
            }
        }
    }
}
