// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Testing

@testable import AuthProfiles

/// A profile's `cache:`: read, inherited through `extends` as a whole, validated like every other field.
@Suite struct TokenCacheSettingTests {
    static let file = """
        version: 1
        profiles:
          base:
            tenant: contoso.onmicrosoft.com
            cache: { persistent: true, name: build-agents }
            credential: { type: clientSecret, clientId: \(clientA), clientSecret: { env: SECRET } }
          child:
            extends: base
          own:
            extends: base
            cache: { persistent: true, allowUnencryptedStorage: true }
          plain:
            tenant: contoso.onmicrosoft.com
            credential: { type: clientSecret, clientId: \(clientA), clientSecret: { env: SECRET } }
        """

    @Test func readAndInherited() throws {
        let result = validate(Self.file)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let graph = try #require(result.graph)
        #expect(graph.profile(named: "base")?.cache == ProfileTokenCache(persistent: true, name: "build-agents"))
        let child = try #require(graph.profile(named: "child"))
        #expect(child.cache == ProfileTokenCache(persistent: true, name: "build-agents"))
        guard case .inherited(let parent, _)? = child.origins[.cache] else {
            Issue.record("child's cache is inherited: \(String(describing: child.origins[.cache]))")
            return
        }
        #expect(parent == "base")
        #expect(
            graph.profile(named: "own")?.cache
                == ProfileTokenCache(persistent: true, name: nil, allowUnencryptedStorage: true),
            "an own cache: replaces the inherited one as a whole (no name from base)")
        #expect(graph.profile(named: "plain")?.cache == nil)
    }

    @Test(
        "bad cache settings get stable codes",
        arguments: [
            ("{ persistant: true }", "AP200", "persistent"),
            ("{ persistent: yes }", "AP202", nil),
            ("{ persistent: true, name: ../elsewhere }", "AP210", nil),
            ("{ persistent: true, name: { env: CACHE } }", "AP202", nil),
            ("true", "AP202", nil),
        ] as [(String, String, String?)]
    )
    func diagnostics(cache: String, code: String, suggestion: String?) throws {
        let text = """
            version: 1
            profiles:
              p:
                tenant: contoso.onmicrosoft.com
                cache: \(cache)
                credential: { type: clientSecret, clientId: \(clientA), clientSecret: { env: SECRET } }
            """
        let diagnostics = validate(text).diagnostics
        let found = try #require(diagnostics.first, "\(cache)")
        #expect(found.code.rawValue == code, "\(diagnostics)")
        #expect(found.location.line == 5)
        if let suggestion { #expect(found.hint?.contains(suggestion) == true, "\(found.hint ?? "no hint")") }
    }
}
