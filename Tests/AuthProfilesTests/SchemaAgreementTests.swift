// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AzureIdentityTesting
import Foundation
import Testing

/// The published JSON Schema agrees with the Swift validator: it is the generator's output byte for byte,
/// it accepts every example, it rejects every structural fixture, and it is not stricter than the validator
/// on fixtures whose problems are semantic.
///
/// The checks against the schema run `scripts/check-schema.py`, which needs `python3` with `jsonschema` and
/// `PyYAML`. Without them those tests are skipped, unless `AUTHPROFILE_REQUIRE_SCHEMA_CHECK=1` is set, in which
/// case they run and fail.
@Suite("Schema agreement")
struct SchemaAgreementTests {
    static let packageRoot = ExamplesTests.packageRoot
    static let schemaPath = "schemas/authprofile.v1.schema.json"
    static let fixturesPath = "Tests/AuthProfileCLITests/Fixtures/invalid"

    /// Codes whose fixtures the schema must reject: the document does not have the format's shape.
    static let structuralCodes: Set<String> = [
        "AP200", "AP201", "AP202", "AP203", "AP204", "AP205", "AP206", "AP207", "AP208", "AP209", "AP210",
        "AP300", "AP301", "AP305", "AP306", "AP307", "AP309",
    ]

    /// Whether fixtures with this code must pass the schema: references and policy (AP4xx, AP5xx) are beyond
    /// what a JSON Schema checks, so the schema must accept those documents.
    static func isSemantic(_ code: String) -> Bool { code.hasPrefix("AP4") || code.hasPrefix("AP5") }

    static let requiresSchemaCheck = ProcessInfo.processInfo.environment["AUTHPROFILE_REQUIRE_SCHEMA_CHECK"] == "1"

    /// Whether `python3` can import `jsonschema` and `yaml`.
    static let pythonIsAvailable: Bool = {
        guard let run = try? runPython(["-c", "import jsonschema, yaml"]) else { return false }
        return run.status == 0
    }()

    // MARK: The schema file

    @Test("schemas/authprofile.v1.schema.json is exactly ProfileSchema.text")
    func schemaFileMatchesGenerator() throws {
        let url = Self.packageRoot.appendingPathComponent(Self.schemaPath)
        let bytes = try #require(
            FileManager.default.contents(atPath: url.path),
            "\(Self.schemaPath) is missing; write it with `authprofile schema > \(Self.schemaPath)`")
        #expect(
            bytes == Data(ProfileSchema.text.utf8),
            "\(Self.schemaPath) differs from ProfileSchema.text; regenerate it with `authprofile schema`")
    }

    // MARK: Files against the schema

    @Test(
        "Every example is valid under the JSON Schema",
        .enabled(if: pythonIsAvailable || requiresSchemaCheck, "python3 with jsonschema and PyYAML is not available"))
    func examplesAreSchemaValid() async throws {
        try Self.requirePython()
        let examples = ExamplesTests.allExamples
        try #require(!examples.isEmpty, "no examples found")
        let verdicts = try await Self.checkSchema(examples)
        for path in examples {
            let verdict = verdicts[path]
            #expect(verdict == .valid, "\(path): \(verdict?.description ?? "no output")")
        }
    }

    @Test(
        "Structural fixtures are invalid and semantic fixtures valid under the JSON Schema",
        .enabled(if: pythonIsAvailable || requiresSchemaCheck, "python3 with jsonschema and PyYAML is not available"))
    func fixturesAgreeWithValidator() async throws {
        try Self.requirePython()
        let fixtures = Self.fixtures()
        try #require(!fixtures.isEmpty, "no fixtures found in \(Self.fixturesPath)")
        let structural = fixtures.filter { Self.structuralCodes.contains($0.code) }
        let semantic = fixtures.filter { Self.isSemantic($0.code) }
        try #require(!(structural.isEmpty && semantic.isEmpty), "no structural or semantic fixtures to check")
        let verdicts = try await Self.checkSchema((structural + semantic).map(\.path))
        for fixture in structural {
            let verdict = verdicts[fixture.path]
            let isInvalid = verdict.map { if case .invalid = $0 { true } else { false } } ?? false
            let got = verdict?.description ?? "nothing"
            #expect(isInvalid, "\(fixture.path) (\(fixture.code)) should be INVALID under the schema, got \(got)")
        }
        for fixture in semantic {
            let verdict = verdicts[fixture.path]
            // The schema must not be stricter than the validator's structural checks.
            let got = verdict?.description ?? "nothing"
            #expect(verdict == .valid, "\(fixture.path) (\(fixture.code)) should be VALID under the schema, got \(got)")
        }
    }

    // MARK: Helpers

    /// A fixture and the code its name starts with (`AP200-unknown-key.yaml` → `AP200`).
    struct Fixture {
        let path: String
        let code: String
    }

    static func fixtures() -> [Fixture] {
        let folder = packageRoot.appendingPathComponent(fixturesPath).path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.sorted().compactMap { name in
            guard !name.hasPrefix("."), name.count > 5 else { return nil }
            let code = String(name.prefix(5))
            guard code.hasPrefix("AP"), code.dropFirst(2).allSatisfy(\.isNumber) else { return nil }
            return Fixture(path: "\(fixturesPath)/\(name)", code: code)
        }
    }

    /// What `check-schema.py` said about one file.
    enum Verdict: Equatable, CustomStringConvertible {
        case valid
        case invalid(String)

        var description: String {
            switch self {
            case .valid: "VALID"
            case .invalid(let message): "INVALID: \(message)"
            }
        }
    }

    static func requirePython() throws {
        let missing = "python3 cannot import jsonschema and yaml (pip install jsonschema PyYAML)"
        try #require(pythonIsAvailable, "AUTHPROFILE_REQUIRE_SCHEMA_CHECK=1 but \(missing)")
    }

    /// Runs `scripts/check-schema.py` over `paths` (relative to the package root) and parses its verdicts.
    static func checkSchema(_ paths: [String]) async throws -> [String: Verdict] {
        // Off the cooperative pool: the check takes seconds, and waiting for it must not stall parallel tests.
        let run = try await BlockingWork.run { try runPython(["scripts/check-schema.py"] + paths) }
        try #require(run.status == 0, "check-schema.py exited with \(run.status): \(run.standardError)")
        var verdicts: [String: Verdict] = [:]
        for line in run.standardOutput.split(separator: "\n").map(String.init) {
            if line.hasPrefix("VALID ") {
                verdicts[String(line.dropFirst("VALID ".count))] = .valid
                continue
            }
            // Paths may contain ": ", so match the known paths rather than splitting.
            guard line.hasPrefix("INVALID "),
                let path = paths.first(where: { line.hasPrefix("INVALID \($0): ") })
            else {
                Issue.record("unexpected output line from check-schema.py: \(line)")
                continue
            }
            verdicts[path] = .invalid(String(line.dropFirst("INVALID \(path): ".count)))
        }
        return verdicts
    }

    struct Run {
        let status: Int32
        let standardOutput: String
        let standardError: String
    }

    /// Runs `python3` (or `AUTHPROFILE_PYTHON`) in the package root. Standard output is read to the end before waiting, so a full
    /// pipe cannot stall the child; standard error goes to a temporary file for the same reason.
    static func runPython(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // scripts/test.sh names the python3 that has jsonschema and PyYAML (the system's or its own venv's).
        let python = ProcessInfo.processInfo.environment["AUTHPROFILE_PYTHON"].flatMap { $0.isEmpty ? nil : $0 }
        process.arguments = [python ?? "python3"] + arguments
        process.currentDirectoryURL = packageRoot
        let output = Pipe()
        let errorURL = FileManager.default.temporaryDirectory
            .appendingPathComponent("check-schema-\(UUID().uuidString).stderr")
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorURL) }
        let errorHandle = try FileHandle(forWritingTo: errorURL)
        defer { try? errorHandle.close() }
        process.standardOutput = output
        process.standardError = errorHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errorText = (try? String(contentsOf: errorURL, encoding: .utf8)) ?? ""
        return Run(
            status: process.terminationStatus, standardOutput: String(decoding: data, as: UTF8.self),
            standardError: errorText)
    }
}
