// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Testing

@testable import AuthProfiles

/// The validator's authority and tenant rules (issue 9 items 13 and 14); the runtime agreement is tested in
/// AuthProfilesRuntimeTests.
@Suite struct AuthorityAndTenantTests {
    func cloud(_ host: String, allowLoopback: Bool = false) -> String {
        """
        version: 1
        clouds:
          c: { authorityHost: "\(host)", allowLoopback: \(allowLoopback) }
        tenants:
          t: { id: contoso.onmicrosoft.com, cloud: c }
        profiles:
          p: { tenant: t, credential: { type: azureCli } }
        """
    }

    @Test func loopbackIsDecidedOnTheParsedAddress() {
        #expect(codes(cloud("https://2130706433")) == ["AP303"])
        #expect(codes(cloud("https://0x7f000001:8443")) == ["AP303"])
        #expect(codes(cloud("https://0.0.0.0")) == ["AP303"])
        #expect(codes(cloud("https://[::ffff:127.0.0.1]")) == ["AP303"])
        #expect(codes(cloud("http://127.evil.example", allowLoopback: true)) == ["AP302"])
        #expect(codes(cloud("https://127.evil.example")) == [])
        #expect(codes(cloud("http://127.0.0.1:8400", allowLoopback: true)) == [])
        let message = validate(cloud("https://2130706433")).diagnostics.first?.message
        #expect(message == "authority host 'https://127.0.0.1' is a loopback address")
    }

    @Test func userInfoQueryAndFragmentAreRefusedWithoutQuotingThem() {
        for host in [
            "https://admin:Hunter2-Pass@login.contoso.example", "https://login.contoso.example/t?k=Hunter2-Pass",
            "https://login.contoso.example/#Hunter2-Pass",
        ] {
            let result = validate(cloud(host))
            #expect(result.diagnostics.map(\.code) == [.invalidURL], "\(host)")
            #expect(result.diagnostics.allSatisfy { !"\($0.message) \($0.hint ?? "")".contains("Hunter2") })
        }
    }

    @Test func theDefaultOfAnEnvironmentBoundAuthorityIsCheckedToo() {
        let text = cloud("x").replacing(
            "authorityHost: \"x\"",
            with: "authorityHost: { env: AUTH, default: \"http://login.contoso.example\" }")
        #expect(codes(text) == ["AP302"])
    }

    @Test func dotSegmentTenantsAreRefusedEverywhere() {
        for tenant in [".", "..", "a..b", ".contoso.com"] {
            let literal = "version: 1\nprofiles:\n  p: { tenant: \"\(tenant)\", credential: { type: azureCli } }\n"
            #expect(codes(literal) == ["AP300"], "literal \(tenant)")
            let declared =
                "version: 1\ntenants:\n  t: { id: \"\(tenant)\" }\nprofiles:\n  p: { tenant: t, credential: { type: azureCli } }\n"
            #expect(codes(declared) == ["AP300"], "declared \(tenant)")
            let allowed =
                "version: 1\nprofiles:\n  p: { tenant: common, additionallyAllowedTenants: [\"\(tenant)\"], credential: { type: azureCli } }\n"
            #expect(codes(allowed) == ["AP300"], "allowed \(tenant)")
            let defaulted =
                "version: 1\nprofiles:\n  p: { tenant: { env: T, default: \"\(tenant)\" }, credential: { type: azureCli } }\n"
            #expect(codes(defaulted) == ["AP300"], "default \(tenant)")
        }
    }
}
