// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Eight processes (CacheStressTool, built with the tests) share one cache against one FakeEntraID on 127.0.0.1.
@Suite("PersistentTokenCache across processes", .serialized)
struct PersistentCacheProcessTests {
    /// The tool next to the test runner (`.build/<triple>/debug/`).
    static let tool: String = {
        let runner = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
        var directory = URL(fileURLWithPath: runner).deletingLastPathComponent()
        // On Linux the runner is `<products>/authprofilePackageTests.xctest`; elsewhere it sits inside a bundle.
        while !directory.path.isEmpty, directory.path != "/",
            !FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("CacheStressTool").path)
        {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("CacheStressTool").path
    }()

    private func run(
        _ arguments: [[String]], start: String, name: String
    ) async throws -> [(status: Int32, output: String)] {
        defer { try? KernelKeyring().removeKey(named: name) }
        #expect(
            FileManager.default.isExecutableFile(atPath: Self.tool),
            "CacheStressTool is built with the tests (swift build --build-tests builds it); not found at \(Self.tool)"
        )
        var processes: [(Process, Pipe)] = []
        for list in arguments {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.tool)
            process.arguments = list
            // No backtrace on a crash: it takes seconds per process and the test reports the status anyway.
            process.environment = ["PATH": "/usr/bin:/bin", "CACHE_NAME": name, "SWIFT_BACKTRACE": "enable=no"]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            processes.append((process, pipe))
        }
        // Let every process reach its start line, then release them together.
        try await Task.sleep(for: .milliseconds(500))
        #expect(FileManager.default.createFile(atPath: start, contents: Data()))
        var results: [(Int32, String)] = []
        for (process, pipe) in processes {
            let data = await BlockingWork.run { pipe.fileHandleForReading.readDataToEndOfFile() }
            _ = try await HangGuard.eventually { !process.isRunning }
            results.append((process.terminationStatus, String(decoding: data, as: UTF8.self)))
        }
        return results
    }

    @Test("8 processes on a cold cache send one token request and print the same token")
    func coldCacheOneRequest() async throws {
        let fixture = try CacheFixture()
        try await withFake { env in
            let ca = fixture.root + "/ca.pem"
            try env.fake.caCertificatePEM.write(toFile: ca, atomically: true, encoding: .utf8)
            let start = fixture.root + "/start"
            let common = [env.fake.authorityHost.url, ca, fixture.directory, start]
            let name = "stress-\(UUID().uuidString.prefix(8))"
            let results = try await run(Array(repeating: ["cold"] + common, count: 8), start: start, name: name)
            #expect(results.allSatisfy { $0.status == 0 }, "\(results.map(\.status))")
            let tokens = Set(results.map { $0.output.trimmingCharacters(in: .whitespacesAndNewlines) })
            #expect(tokens.count == 1 && tokens.first?.isEmpty == false, "all 8 printed the same token")
            #expect(env.fake.tokenRequests.count == 1, "one token request for 8 processes")
            #expect(permissions(fixture.directory + "/\(name).cache") == 0o600)
        }
    }

    @Test("8 processes × 1,000 mixed reads and writes over 50 keys: every token is its key's, files whole and 0600")
    func mixedLoad() async throws {
        let fixture = try CacheFixture()
        try await withFake { env in
            let ca = fixture.root + "/ca.pem"
            try env.fake.caCertificatePEM.write(toFile: ca, atomically: true, encoding: .utf8)
            let start = fixture.root + "/start"
            let arguments = (0..<8).map { index in
                ["mixed", env.fake.authorityHost.url, ca, fixture.directory, start, "1000", "50", "\(index + 1)"]
            }
            let results = try await run(arguments, start: start, name: "stress-\(UUID().uuidString.prefix(8))")
            for (status, output) in results {
                #expect(status == 0, "\(output)")
                let report = try #require(
                    try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any], "\(output)"
                )
                #expect((report["problems"] as? [String]) == [], "\(output)")
                let counts = try #require(report["counts"] as? [String: Int])
                #expect(counts.values.reduce(0, +) == 1000)
                #expect(counts["writes", default: 0] > 0 && counts["diskReads", default: 0] > 0, "\(counts)")
            }
            let names = try FileManager.default.contentsOfDirectory(atPath: fixture.directory)
            #expect(!names.contains { $0.hasSuffix(".tmp") })
            for name in names { #expect(permissions(fixture.directory + "/" + name) == 0o600, "\(name)") }
        }
    }
}
