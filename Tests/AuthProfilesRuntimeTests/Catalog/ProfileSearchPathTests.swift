// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AuthProfilesRuntime
import Foundation
import Testing

@Suite struct ProfileSearchPathTests {
    /// A scratch tree: `repo/` (with `.git`), `repo/app/src/` as the working directory, and a config home.
    struct Tree {
        let root: String
        var repository: String { root + "/repo" }
        var workingDirectory: String { root + "/repo/app/src" }
        var configHome: String { root + "/config" }

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("authprofile-path-\(UUID())").path
            for directory in [workingDirectory, repository + "/.git", configHome + "/authprofile"] {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
        }

        func write(_ relative: String, profiles names: [String]) throws {
            let body = names.map { "  \($0): { credential: { type: azureCli } }" }.joined(separator: "\n")
            // A `.json` file is strict JSON (issue 11 item 1).
            let json = names.map { "\"\($0)\": {\"credential\": {\"type\": \"azureCli\"}}" }.joined(separator: ", ")
            let path = root + "/" + relative
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            let text =
                relative.hasSuffix(".json")
                ? "{\"version\": 1, \"profiles\": {\(json)}}\n" : "version: 1\nprofiles:\n\(body)\n"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }

        func remove() { try? FileManager.default.removeItem(atPath: root) }

        func catalog(_ environment: [String: String] = [:], files: [String] = []) -> ProfileCatalog {
            AuthProfile.catalog(
                files: files,
                options: ProfileRuntimeOptions(
                    environment: ["XDG_CONFIG_HOME": configHome].merging(environment) { $1 },
                    workingDirectory: workingDirectory))
        }
    }

    @Test func findsTheProjectFileAboveTheWorkingDirectoryAndTheUserDirectory() throws {
        let tree = try Tree()
        defer { tree.remove() }
        try tree.write("repo/authprofiles.yaml", profiles: ["ci"])
        try tree.write("config/authprofile/mine.yaml", profiles: ["personal"])
        let catalog = tree.catalog()
        #expect(catalog.problems.isEmpty)
        #expect(catalog.entries.map(\.profile.name) == ["ci", "personal", "default"])
        #expect(catalog.entries.map(\.origin) == [.project, .user, nil])
        #expect(catalog.entry(named: "default")?.isBuiltIn == true)
    }

    @Test func aProjectDirectoryOfFilesCountsAndTheSearchStopsAtTheRepositoryRoot() throws {
        let tree = try Tree()
        defer { tree.remove() }
        try tree.write("repo/app/.authprofiles/a.yaml", profiles: ["a"])
        try tree.write("repo/app/.authprofiles/nested/b.yml", profiles: ["b"])
        try tree.write("authprofiles.yaml", profiles: ["outside"])  // above the repository: never read
        #expect(tree.catalog().entries.map(\.profile.name) == ["a", "b", "default"])
        try FileManager.default.removeItem(atPath: tree.repository + "/app/.authprofiles")
        #expect(tree.catalog().entries.map(\.profile.name) == ["default"])
    }

    @Test func environmentVariablesReplaceTheDefaultLocations() throws {
        let tree = try Tree()
        defer { tree.remove() }
        try tree.write("repo/authprofiles.yaml", profiles: ["project"])
        try tree.write("one.yaml", profiles: ["one"])
        try tree.write("dir/two.json", profiles: ["two"])
        let file = tree.catalog(["AUTHPROFILE_FILE": tree.root + "/one.yaml"])
        #expect(file.entries.map(\.profile.name) == ["one", "default"])
        let path = tree.catalog(["AUTHPROFILE_PATH": "\(tree.root)/dir:\(tree.root)/one.yaml"])
        #expect(path.entries.map(\.profile.name) == ["two", "one", "default"])
        let explicit = tree.catalog(["AUTHPROFILE_FILE": tree.root + "/one.yaml"], files: [tree.root + "/dir"])
        #expect(explicit.entries.map(\.profile.name) == ["two", "default"], "--file wins over the environment")
    }

    @Test func aMissingExplicitLocationIsAProblem() throws {
        let tree = try Tree()
        defer { tree.remove() }
        let catalog = tree.catalog(["AUTHPROFILE_FILE": tree.root + "/nope.yaml"])
        #expect(catalog.problems.map(\.code) == [.missingLocation])
        #expect(catalog.problems.first?.message.contains("(from AUTHPROFILE_FILE) does not exist") == true)
        #expect(throws: AuthProfileError.self) { try catalog.require() }
    }

    @Test func duplicateNamesAcrossFilesNameBothPlaces() throws {
        let tree = try Tree()
        defer { tree.remove() }
        try tree.write("repo/authprofiles.yaml", profiles: ["ci"])
        try tree.write("config/authprofile/mine.yaml", profiles: ["other", "ci"])
        let catalog = tree.catalog()
        let problem = try #require(catalog.problems.first)
        #expect(problem.code == .duplicateProfile)
        #expect(problem.message.contains("\(tree.repository)/authprofiles.yaml:3:3"))
        #expect(problem.message.contains("\(tree.configHome)/authprofile/mine.yaml:4:3"))
        #expect(throws: AuthProfileError.self) { try AuthProfile.credential(named: "other", in: catalog) }
    }

    @Test func aFileNamedDefaultReplacesTheBuiltInProfile() throws {
        let tree = try Tree()
        defer { tree.remove() }
        try tree.write("repo/authprofiles.yaml", profiles: ["default"])
        let catalog = tree.catalog()
        #expect(catalog.entries.count == 1)
        #expect(catalog.entry(named: "default")?.isBuiltIn == false)
    }

    @Test func invalidFilesBlockTheCatalogWithTheirDiagnostics() throws {
        let tree = try Tree()
        defer { tree.remove() }
        try "version: 1\nprofiles:\n  bad: { credential: { type: nope } }\n"
            .write(toFile: tree.repository + "/authprofiles.yaml", atomically: true, encoding: .utf8)
        let catalog = tree.catalog()
        let problem = try #require(catalog.problems.first)
        #expect(problem.code == .invalidProfileFile)
        #expect(problem.diagnostics.map(\.code) == [.unknownCredentialType])
        #expect(problem.description.contains("authprofiles.yaml:3:"))
    }
}
