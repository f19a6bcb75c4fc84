// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Testing

@testable import IdentitySupport

/// One tenant-id rule for validator and runtime; dot segments never become path segments (issue 9 item 14).
@Suite struct TenantSyntaxTests {
    @Test(arguments: [
        "72f988bf-86f1-41af-91ab-2d7cd011db47", "contoso.onmicrosoft.com", "common", "organizations",
        "adfs", "a-b.c-d", "x",
    ])
    func valid(_ tenant: String) {
        #expect(TenantSyntax.isValid(tenant))
    }

    @Test(arguments: [
        ".", "..", "...", ".contoso.com", "contoso.com.", "a..b", "", "a b", "x/y", "tenant?",
        "t\u{E9}nant", "a_b", "%2e%2e", String(repeating: "a", count: 254), "-x", "x-", "a.-b.c",
        "a-.b", "--debug",
    ])
    func invalid(_ tenant: String) {
        #expect(!TenantSyntax.isValid(tenant))
    }

    @Test func theSchemaPatternSaysTheSame() throws {
        let pattern = try Regex(TenantSyntax.pattern)
        for tenant in [
            "contoso.onmicrosoft.com", "common", ".", "..", "a..b", ".a", "a.", "a_b", "-x", "x-", "a-b.c",
            "72f988bf-86f1-41af-91ab-2d7cd011db47", "a.-b",
        ] {
            #expect((tenant.wholeMatch(of: pattern) != nil) == TenantSyntax.isValid(tenant), "\(tenant)")
        }
    }
}
