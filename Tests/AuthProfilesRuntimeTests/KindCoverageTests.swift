// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

@testable import AuthProfiles
@testable import AuthProfilesRuntime

/// Walks every registered kind of credential and checks that each has everything a kind needs: a spec (fields in
/// the format and the schema), a binding and an inspection side by side (leaf kinds; composites are expanded by the
/// evaluator and the dry run), an example that uses it, a section with generated tables in
/// `docs/profile-format.md`, an explain golden, and (leaf kinds) cases in the differential matrix.
@Suite struct KindCoverageTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func read(_ relativePath: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(relativePath), encoding: .utf8)
    }

    /// Every node of every profile of every example file (`examples/` and `examples/warnings/`), by kind.
    static let exampleNodes: [CredentialKind: [CredentialNode]] = {
        var nodes: [CredentialKind: [CredentialNode]] = [:]
        var paths: [String] = []
        for folder in ["examples", "examples/warnings"] {
            let directory = root.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            paths += names.sorted().filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }.map {
                directory.appendingPathComponent($0).path
            }
        }
        for path in paths {
            let name = URL(fileURLWithPath: path).lastPathComponent
            guard let text = try? String(contentsOfFile: path, encoding: .utf8),
                let graph = ProfileValidator().validate(text: text, path: name).graph
            else { continue }
            for profile in graph.profiles {
                profile.credential.forEachNode { nodes[$0.kind, default: []].append($0) }
            }
        }
        return nodes
    }()

    @Test("The registry lists every kind once, and each name round-trips")
    func registry() {
        let names = CredentialKind.allCases.map(\.rawValue)
        #expect(names.count == Set(names).count)
        #expect(names.count == KindRegistry.definitions.count)
        for kind in CredentialKind.allCases {
            #expect(CredentialKind(rawValue: kind.rawValue) == kind)
            #expect(kind.definition.kind == kind)
        }
        #expect(CredentialKind(rawValue: "notAKind") == nil)
    }

    @Test(
        "Every kind has a spec, a binding and inspection, an example, docs and an explain golden",
        arguments: CredentialKind.allCases)
    func everyKindIsComplete(_ kind: CredentialKind) throws {
        let definition = kind.definition
        // The spec: the format's credential mapping has the common fields and the kind's own, and the schema has it.
        let spec = FormatSpec.credential(kind)
        #expect(spec.field(named: "type") != nil)
        for field in definition.fields { #expect(spec.field(named: field.name) != nil) }
        #expect((spec.field(named: "tenant") != nil) == definition.tenant.applies)
        #expect(ProfileSchema.text.contains("\"\(kind.rawValue)Credential\""))

        // An example uses it, and the node it builds has a binding and an inspection (leaf kinds) or is expanded
        // by the evaluator and the dry run (composites).
        let node = try #require(Self.exampleNodes[kind]?.first, "no example in examples/ uses \(kind)")
        #expect(node.kind == kind)
        if definition.isComposite {
            #expect(node.leaf == nil)
            #expect(
                node.settings is ChainSettings || node.settings is ProfileReferenceSettings
                    || node.settings is DefaultCredentialSettings,
                "a composite kind the evaluator does not expand")
        } else {
            #expect(node.leaf != nil, "\(kind) has no binding/inspection (Kinds/<Kind>Link.swift)")
        }

        // The docs: a section with the generated tables.
        let docs = try Self.read("docs/profile-format.md")
        #expect(docs.contains("\n### `\(kind.rawValue)`\n"))
        #expect(docs.contains("<!-- BEGIN generated: \(kind.rawValue) -->"))

        // An explain golden shows a link of this kind.
        let goldens = Self.root.appendingPathComponent("Tests/AuthProfileCLITests/Fixtures/golden/explain")
        let files = try FileManager.default.contentsOfDirectory(atPath: goldens.path).filter { $0.hasSuffix(".json") }
        let shown = try files.contains { name in
            try String(contentsOf: goldens.appendingPathComponent(name), encoding: .utf8)
                .contains("\"kind\": \"\(kind.rawValue)\"")
        }
        #expect(shown, "no explain golden (ExplainGoldenTests) shows a \(kind) link")
    }

    @Test("Every leaf kind is in the differential matrix of explain against the run")
    func everyLeafKindIsInTheMatrix() async throws {
        try await DifferentialMatrixTests.withWorld { world in
            let leaves = MatrixLeaves.all(world)
            for definition in KindRegistry.definitions where !definition.isComposite {
                #expect(
                    leaves.contains { $0.fields.contains("type: \(definition.kind.rawValue)") },
                    "the differential matrix has no \(definition.kind) case")
            }
        }
    }
}
