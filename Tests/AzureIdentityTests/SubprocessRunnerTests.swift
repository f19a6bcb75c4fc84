// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

@Suite("SubprocessRunner")
struct SubprocessRunnerTests {
    let runner = SubprocessRunner()

    /// The timeout of runs that are not about timeouts: a hang guard only. The default (10 s) was seen to fire on a
    /// script that echoes one line, when the suite ran in parallel on 2 cores and no cooperative thread was free to
    /// collect its output.
    static let generous = HangGuard.limit

    @Test("arguments reach the program unchanged, with no shell in between")
    func argvIsPassedVerbatim() async throws {
        let tools = try FakeTools()
        defer { tools.remove() }
        try tools.install("echoargs", recordArguments("echoargs") + "\necho done")
        let tricky = ["a b", "$(touch \(tools.file("pwned").path))", "'q'", "; rm -rf /", "*", ""]
        let output = try await runner.run(
            ProcessInvocation(
                executable: "echoargs", arguments: tricky, environment: tools.environment(), timeout: Self.generous)
        )
        #expect(output.exitCode == 0)
        #expect(output.standardOutput == "done\n")
        #expect(tools.recordedArguments("echoargs") == tricky)
        #expect(!FileManager.default.fileExists(atPath: tools.file("pwned").path))
    }

    @Test("the executable is looked up on the injected PATH only")
    func lookupUsesInjectedPath() async throws {
        let tools = try FakeTools()
        defer { tools.remove() }
        try tools.install("only-here", "echo found")
        let found = try await runner.run(
            ProcessInvocation(
                executable: "only-here", arguments: [], environment: tools.environment(), timeout: Self.generous)
        )
        #expect(found.standardOutput == "found\n")
        let error = await caught {
            try await runner.run(
                ProcessInvocation(
                    executable: "only-here", arguments: [], environment: ["PATH": "/bin"], timeout: Self.generous)
            )
        }
        #expect((error as? ProcessError)?.code == .executableNotFound)
        #expect(ExecutableLookup.resolve("only-here", path: "::\(tools.directory.path)") != nil)
        #expect(ExecutableLookup.resolve("only-here", path: "") == nil)
    }

    @Test("non-zero exits and standard error are returned, not thrown; the environment is exactly the injected one")
    func exitStatusAndEnvironment() async throws {
        let tools = try FakeTools()
        defer { tools.remove() }
        try tools.install("fail", #"echo "v=$ONLY_VAR home=$HOME" ; echo oops >&2; exit 7"#)
        let output = try await runner.run(
            ProcessInvocation(
                executable: "fail", arguments: [], environment: tools.environment(["ONLY_VAR": "x"]),
                timeout: Self.generous)
        )
        #expect(output.exitCode == 7)
        #expect(output.standardOutput == "v=x home=\(tools.directory.path)\n")
        #expect(output.standardError == "oops\n")
    }

    @Test("output beyond the limit is an error")
    func outputLimit() async throws {
        let tools = try FakeTools()
        defer { tools.remove() }
        try tools.install("chatty", "head -c 100000 /dev/zero | tr '\\\\0' 'x'")
        let error = await caught {
            try await runner.run(
                ProcessInvocation(
                    executable: "chatty",
                    arguments: [],
                    environment: tools.environment(),
                    timeout: .seconds(120),
                    outputLimit: 1000
                )
            )
        }
        #expect((error as? ProcessError)?.code == .outputTooLarge)
    }

    @Test("a timeout kills the whole process group, grandchildren included", .timeLimit(.minutes(2)))
    func timeoutKillsProcessGroup() async throws {
        let tools = try FakeTools()
        defer { tools.remove() }
        // The grandchild keeps the output pipe open; only killing the group ends the run.
        try tools.install(
            "hang",
            #"sleep 600 & echo $! > "$FAKE_DIR/grandchild.pid"; echo $$ > "$FAKE_DIR/child.pid"; wait"#
        )
        let started = ContinuousClock.now
        let error = await caught {
            try await runner.run(
                ProcessInvocation(
                    executable: "hang",
                    arguments: [],
                    environment: tools.environment(),
                    // Time for the script to start and write its pids even on a loaded machine (its children run on
                    // their own; only starting it needs a cooperative thread). In a parallel run this costs nothing.
                    timeout: .seconds(10)
                )
            )
        }
        let elapsed = ContinuousClock.now - started
        #expect((error as? ProcessError)?.code == .timedOut)
        #expect(elapsed < HangGuard.limit, "a hang guard only: the script would run for 600 s")
        let pids = try ["child.pid", "grandchild.pid"].map {
            try #require(
                Int32(
                    String(contentsOf: tools.file($0), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
                )
            )
        }
        #expect(try await HangGuard.eventually { pids.allSatisfy(processIsGone) })
    }

    @Test("cancelling the caller tears the process group down", .timeLimit(.minutes(2)))
    func cancellationKillsProcessGroup() async throws {
        let tools = try FakeTools()
        defer { tools.remove() }
        try tools.install("hang", #"sleep 600 & echo $! > "$FAKE_DIR/grandchild.pid"; wait"#)
        let task = Task {
            try await runner.run(
                ProcessInvocation(
                    executable: "hang",
                    arguments: [],
                    environment: tools.environment(),
                    timeout: .seconds(600)
                )
            )
        }
        let pidFile = tools.file("grandchild.pid")
        func grandchild() -> Int32? {
            (try? String(contentsOf: pidFile, encoding: .utf8))
                .flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
        // Cancel once the script is running (its grandchild started), however long a loaded machine takes to get there.
        #expect(try await HangGuard.eventually { grandchild() != nil })
        task.cancel()
        let error = await caught { try await task.value }
        #expect(error != nil)
        let pid = try #require(grandchild())
        #expect(try await HangGuard.eventually { processIsGone(pid) })
    }
}
