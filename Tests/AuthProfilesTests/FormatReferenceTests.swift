// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

@testable import AuthProfiles

/// The credential tables of `docs/profile-format.md` are generated from the kind registry (``FormatReference``):
/// every generated region of the page must equal what the registry generates today, byte for byte. With
/// `RECORD_GOLDENS=1` the test rewrites the regions instead (then review the diff).
@Suite struct FormatReferenceTests {
    static let docPath = ExamplesTests.packageRoot.appendingPathComponent("docs/profile-format.md").path

    static func begin(_ name: String) -> String { "<!-- BEGIN generated: \(name) -->\n" }
    static func end(_ name: String) -> String { "<!-- END generated: \(name) -->" }

    /// The page with every region replaced by what the registry generates, and the names of regions it lacks.
    static func regenerated(_ page: String) -> (page: String, missing: [String]) {
        var page = page
        var missing: [String] = []
        for (name, text) in FormatReference.regions {
            guard let start = page.range(of: begin(name)), let stop = page.range(of: end(name)),
                start.upperBound <= stop.lowerBound
            else {
                missing.append(name)
                continue
            }
            page.replaceSubrange(start.upperBound..<stop.lowerBound, with: text)
        }
        return (page, missing)
    }

    @Test("docs/profile-format.md's credential tables are exactly what the kind registry generates")
    func tablesMatchTheRegistry() throws {
        let page = try String(contentsOfFile: Self.docPath, encoding: .utf8)
        let (expected, missing) = Self.regenerated(page)
        #expect(missing.isEmpty, "regions without markers in docs/profile-format.md: \(missing)")
        if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1", expected != page {
            try expected.write(toFile: Self.docPath, atomically: true, encoding: .utf8)
            return
        }
        #expect(
            expected == page,
            "docs/profile-format.md differs from the registry; run RECORD_GOLDENS=1 swift test --filter FormatReference"
        )
    }

    @Test("No generated region in the page names something the registry does not generate")
    func noStaleRegions() throws {
        let page = try String(contentsOfFile: Self.docPath, encoding: .utf8)
        let known = Set(FormatReference.regions.map(\.name))
        let named = page.components(separatedBy: "<!-- BEGIN generated: ").dropFirst().compactMap {
            $0.components(separatedBy: " -->").first
        }
        #expect(!named.isEmpty)
        #expect(named.filter { !known.contains($0) } == [])
        #expect(named.count == Set(named).count, "a region appears twice")
    }

    @Test("A field's default is the value the graph builder applies")
    func defaultsAreValues() throws {
        let yaml = """
            version: 1
            profiles:
              p:
                tenant: 72f988bf-86f1-41af-91ab-2d7cd011db47
                credential: { type: deviceCode }
            """
        let graph = try #require(validate(yaml).graph)
        let node = try #require(graph.profile(named: "p")?.credential)
        let settings = try #require(node.settings as? DeviceCodeSettings)
        #expect(node.defaultedFields == [SharedField.publicClientID.name])
        #expect(settings.clientID == SharedField.publicClientID.defaultValue?.text)
        #expect(settings.clientID == .literal(SharedField.azureCLIClientID))
    }
}
