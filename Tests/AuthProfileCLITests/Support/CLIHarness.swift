// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfileCLI
import AzureIdentity
import Foundation
import Synchronization

/// Runs `authprofile` in-process with captured streams, relative to the package root.
struct CLIRun: Sendable {
    let status: Int32
    let stdout: String
    let stderr: String

    /// The golden form: exit status, then both streams.
    var transcript: String {
        "exit: \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)"
    }
}

enum CLIHarness {
    /// The package root, found from this file's path.
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let fixturesDirectory = "Tests/AuthProfileCLITests/Fixtures"

    /// Runs `arguments`; `terminal` says which streams are terminals, `standardInput` is what `-` reads.
    static func run(
        _ arguments: [String], environment: [String: String] = [:], timeSource: any TimeSource = SystemTimeSource(),
        terminal: (output: Bool, error: Bool) = (false, false), standardInput: [UInt8] = [],
        keyStore: (any TokenCacheKeyStore)? = nil,
        fastPath: Bool = true
    ) async -> CLIRun {
        let out = Mutex("")
        let err = Mutex("")
        var context = CLIContext(
            standardOutput: { text in out.withLock { $0 += text } },
            standardError: { text in err.withLock { $0 += text } },
            workingDirectory: packageRoot, environment: environment, isTerminal: terminal.output,
            isErrorTerminal: terminal.error,
            readStandardInput: { limit in standardInput.count > limit ? nil : standardInput },
            timeSource: timeSource)
        context.tokenCacheKeyStore = keyStore
        context.usesPersistentCacheFastPath = fastPath
        let status = await CommandRunner.run(arguments, context: context)
        return CLIRun(status: status, stdout: out.withLock { $0 }, stderr: err.withLock { $0 })
    }

    /// Runs `arguments` through `token`'s persistent-cache fast path alone; `nil` when it declined.
    static func runFromPersistentCache(
        _ arguments: [String], environment: [String: String], keyStore: (any TokenCacheKeyStore)? = nil
    ) -> CLIRun? {
        let out = Mutex("")
        let err = Mutex("")
        var context = CLIContext(
            standardOutput: { text in out.withLock { $0 += text } },
            standardError: { text in err.withLock { $0 += text } },
            workingDirectory: packageRoot, environment: environment)
        context.tokenCacheKeyStore = keyStore
        guard let status = CommandRunner.runFromPersistentCache(arguments, context: context) else { return nil }
        return CLIRun(status: status, stdout: out.withLock { $0 }, stderr: err.withLock { $0 })
    }

    /// Compares `actual` with the golden file, or records it when `RECORD_GOLDENS=1`.
    static func matchGolden(_ actual: String, named name: String) throws -> (matches: Bool, expected: String) {
        let path = "\(packageRoot)/\(fixturesDirectory)/golden/\(name)"
        if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
            return (true, actual)
        }
        let expected = (try? String(contentsOfFile: path, encoding: .utf8)) ?? "<missing golden file \(name)>"
        return (expected == actual, expected)
    }

    /// The invalid fixtures, sorted, as paths relative to the package root.
    static func invalidFixtures() -> [String] {
        let directory = "\(packageRoot)/\(fixturesDirectory)/invalid"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { "\(fixturesDirectory)/invalid/\($0)" }
    }

    /// Extra arguments a fixture asks for on its first line (`# args: --max-depth 4`).
    static func arguments(for fixture: String) -> [String] {
        guard let data = FileManager.default.contents(atPath: "\(packageRoot)/\(fixture)"),
            let firstLine = String(decoding: data.prefix(200), as: UTF8.self).split(separator: "\n").first,
            firstLine.hasPrefix("# args:")
        else { return [] }
        return firstLine.dropFirst("# args:".count).split(separator: " ").map(String.init)
    }
}
