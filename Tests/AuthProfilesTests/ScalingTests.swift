// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Testing

@testable import AuthProfiles

/// Generated files that were super-linear before issue 9 item 7: each now validates in time linear in its size.
/// The wall-time bounds are loose (debug builds, a shared machine); they catch a return of the old behaviour,
/// which took minutes or was killed. Speed itself is measured in Benchmarks/ProfileBenchmarks.
@Suite struct ScalingTests {
    static func timed(_ text: String) -> (ValidationResult, Duration) {
        let clock = ContinuousClock()
        var result: ValidationResult?
        let elapsed = clock.measure { result = validate(text) }
        return (result!, elapsed)
    }

    @Test func aLongExtendsChainInheritsInLinearTime() throws {
        // 30,000 profiles, 0.9 MB: each extends the one before (10,000 took 24 s in a release build before).
        var text =
            "version: 1\nprofiles:\n  p0:\n    tenant: contoso.onmicrosoft.com\n"
            + "    credential: { type: managedIdentity }\n"
        for index in 1..<30_000 {
            text += "  p\(index):\n    extends: p\(index - 1)\n"
            if index == 15_000 { text += "    environment: test\n" }
        }
        let (result, elapsed) = Self.timed(text)
        #expect(result.diagnostics.isEmpty)
        let graph = try #require(result.graph)
        #expect(graph.profiles.count == 30_000)
        let last = try #require(graph.profile(named: "p29999"))
        #expect(last.credential.kind == .managedIdentity)
        #expect(last.tenant == .literal("contoso.onmicrosoft.com"))
        #expect(last.environment == .test)
        guard case .inherited(profile: "p0", _)? = last.origins[.credential],
            case .inherited(profile: "p15000", _)? = last.origins[.environment],
            case .declared? = graph.profile(named: "p15000")?.origins[.environment]
        else {
            Issue.record("origins: \(last.origins)")
            return
        }
        #expect(graph.profile(named: "p14999")?.environment == nil)
        #expect(elapsed < .seconds(60))
    }

    @Test func aLongExtendsCycleIsReportedOnceInLinearTime() {
        var text = "version: 1\nprofiles:\n"
        for index in 0..<20_000 { text += "  p\(index):\n    extends: p\((index + 1) % 20_000)\n" }
        let (result, elapsed) = Self.timed(text)
        #expect(result.diagnostics.map(\.code) == [.extendsCycle])
        #expect(result.diagnostics.first?.location.line == 4, "reported at the first member in the file")
        #expect(elapsed < .seconds(60))
    }

    @Test func productionProfilesReferringToEachOtherAreWalkedOnce() {
        // 5,000 production profiles, each a reference to the next; the last is azureCli. 1,000 took 4.8 s before.
        var text = "version: 1\nprofiles:\n"
        for index in 0..<5_000 {
            text += "  p\(index):\n    environment: production\n"
            text +=
                index == 4_999
                ? "    credential: { type: azureCli }\n"
                : "    credential: { type: profile, name: p\(index + 1) }\n"
        }
        let (result, elapsed) = Self.timed(text)
        let developer = result.diagnostics.filter { $0.code == .developerCredentialInProduction }
        #expect(developer.count == 1, "the node is reported once, by the nearest production profile")
        #expect(developer.first?.message == "azureCli cannot run in production profile 'p4999'")
        #expect(elapsed < .seconds(60))
    }

    @Test func aNonProductionProfileReachedFromProductionNamesTheReferences() throws {
        let text = """
            version: 1
            profiles:
              prod: { environment: production, credential: { type: profile, name: middle } }
              other: { environment: production, credential: { type: profile, name: middle } }
              middle: { credential: { type: profile, name: dev } }
              dev: { credential: { type: chain, links: [{ type: azureCli }, { type: deviceCode }] } }
            """
        let diagnostics = validate(text).diagnostics
        #expect(diagnostics.map(\.code) == [.developerCredentialInProduction, .interactiveCredentialInProduction])
        let first = try #require(diagnostics.first)
        #expect(first.message == "azureCli cannot run in production profile 'prod'")
        #expect(
            first.related.map(\.message) == [
                "reached from production profile 'prod' through a reference to 'middle'",
                "reached from production profile 'prod' through a reference to 'dev'",
            ])
    }

    @Test func manyDeprecatedCredentialsAreEachReportedOnce() {
        // `reportOnce` scanned every earlier diagnostic: quadratic in their number.
        var text = "version: 1\nprofiles:\n"
        for index in 0..<20_000 {
            text += "  p\(index):\n    credential: { type: usernamePassword, username: u, password: { env: P } }\n"
        }
        text += "  q:\n    extends: p0\n"
        let (result, elapsed) = Self.timed(text)
        #expect(result.diagnostics.count == 20_000)
        #expect(result.diagnostics.allSatisfy { $0.code == .deprecatedCredential })
        #expect(elapsed < .seconds(60))
    }

    @Test func didYouMeanWorkIsBoundedPerDocument() throws {
        // 40,000 diagnostics that each ask for a suggestion, with words of every length.
        var text = "version: 1\nprofiles:\n"
        for index in 0..<10_000 {
            let long = String(repeating: "y", count: index % 400)
            text += "  p\(index):\n    descripton\(long): x\n    environment: prodution\(long)\n"
            text += "    credential: { type: chain, polcy\(long): x, links: [{ type: managedIdentiy\(long) }] }\n"
        }
        let (result, elapsed) = Self.timed(text)
        #expect(result.diagnostics.count == 40_000)
        #expect(result.diagnostics.contains { $0.hint?.hasPrefix("did you mean") == true })
        // The first misspellings still get their suggestion.
        #expect(result.diagnostics.first?.hint == "did you mean 'description'?")
        #expect(elapsed < .seconds(60))
    }

    @Test func hintsNeverListAWholeFile() throws {
        var text = "version: 1\ntenants:\n"
        for index in 0..<2_000 { text += "  t\(index): { id: t\(index).example.com }\n" }
        text += "profiles:\n"
        for index in 0..<2_000 { text += "  p\(index): { tenant: zz\(index), credential: { type: azureCli } }\n" }
        let (result, elapsed) = Self.timed(text)
        let unknown = result.diagnostics.filter { $0.code == .unknownTenant }
        #expect(unknown.count == 2_000)
        #expect(unknown.allSatisfy { ($0.hint?.count ?? 0) < 200 })
        #expect(unknown.last?.hint?.hasSuffix("and 1990 more") == true)
        #expect(elapsed < .seconds(60))
    }

    @Test func boundedEditDistance() {
        func distance(_ a: String, _ b: String, _ limit: Int) -> Int? {
            Suggestion.editDistance(Array(a.unicodeScalars), Array(b.unicodeScalars), atMost: limit)
        }
        #expect(distance("kitten", "sitting", 3) == 3)
        #expect(distance("kitten", "sitting", 2) == nil)
        #expect(distance("clientID", "clientid", 0) == nil)
        #expect(distance("abcdef", "abcdef", 0) == 0)
        #expect(distance("ab", "ba", 1) == 1)
        #expect(distance("", "abc", 3) == 3)
        #expect(distance(String(repeating: "a", count: 10_000), String(repeating: "b", count: 10_000), 3) == nil)
        #expect(Suggestion.closest(to: String(repeating: "x", count: 1_000_000), in: ["x"]) == nil)
        #expect(
            Suggestion.closest(to: "managedIdentiy", in: CredentialKind.allCases.map(\.rawValue)) == "managedIdentity")
    }

    @Test func theSuggestionBudgetCountsCandidates() {
        var budget = Suggestion.Budget()
        let names = (0..<60_000).map { "profile-\($0)" }
        var searches = 0
        while budget.closest(to: "profile-1x", in: names) != nil { searches += 1 }
        #expect(searches == Suggestion.Budget.comparisons / names.count)
        #expect(budget.closest(to: "clientld", in: ["clientId"]) == "clientId", "small searches still fit")
    }

    @Test func profileSettingIndexMatchesAllCases() {
        #expect(ProfileSetting.allCases.enumerated().allSatisfy { $0.offset == $0.element.index })
    }
}
