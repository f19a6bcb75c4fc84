// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Testing

@testable import IdentitySupport

/// The authority rule the validator and `AuthorityHost` share (issue 9 item 13).
@Suite struct AuthorityURLTests {
    func normalized(_ text: String, allowLoopback: Bool = false) -> String? {
        try? AuthorityURL.check(text, allowLoopback: allowLoopback).get().url.normalized
    }

    func problem(_ text: String, allowLoopback: Bool = false) -> AuthorityURL.Problem? {
        if case .failure(let problem) = AuthorityURL.check(text, allowLoopback: allowLoopback) { problem } else { nil }
    }

    @Test func acceptedForms() {
        #expect(normalized("https://login.microsoftonline.com") == "https://login.microsoftonline.com")
        #expect(normalized("https://login.microsoftonline.com/") == "https://login.microsoftonline.com")
        #expect(normalized("login.microsoftonline.us") == "https://login.microsoftonline.us")
        #expect(normalized("  https://Login.Contoso.Example:8443/adfs/ ") == "https://login.contoso.example:8443/adfs")
        #expect(normalized("https://[2001:db8::1]:443") == "https://[2001:db8::1]:443")
    }

    @Test func httpIsAllowedForAnAllowedLoopbackHostOnly() {
        #expect(normalized("http://127.0.0.1:8400", allowLoopback: true) == "http://127.0.0.1:8400")
        #expect(normalized("http://localhost", allowLoopback: true) == "http://localhost")
        #expect(
            problem("http://127.0.0.1:8400") == .loopbackNotAllowed(try! ParsedURL.parse("http://127.0.0.1:8400").get())
        )
        guard case .insecureScheme? = problem("http://login.contoso.example", allowLoopback: true) else {
            Issue.record("http to a remote host must be refused")
            return
        }
        guard case .insecureScheme? = problem("ftp://localhost", allowLoopback: true) else {
            Issue.record("only https and http")
            return
        }
    }

    @Test(arguments: [
        "https://2130706433", "https://0x7f000001", "https://0.0.0.0", "https://127.1:8443",
        "https://[::ffff:127.0.0.1]", "https://[::]", "https://0177.0.0.1",
    ])
    func numericLoopbackNeedsAllowLoopback(_ text: String) {
        guard case .loopbackNotAllowed? = problem(text) else {
            Issue.record("\(text) reaches the local machine and must need allowLoopback")
            return
        }
        #expect(normalized(text, allowLoopback: true)?.hasPrefix("https://") == true)
    }

    @Test func theNormalizedURLIsTheAddressThatWasChecked() {
        #expect(normalized("https://2130706433:8443", allowLoopback: true) == "https://127.0.0.1:8443")
        #expect(normalized("https://0x7f000001", allowLoopback: true) == "https://127.0.0.1")
    }

    @Test func aNameThatStartsLikeLoopbackIsANameNeedingHTTPS() {
        guard case .insecureScheme? = problem("http://127.evil.example", allowLoopback: true) else {
            Issue.record("127.evil.example is not loopback")
            return
        }
        #expect(normalized("https://127.evil.example") == "https://127.evil.example")
    }

    @Test func userInfoQueryFragmentAndDotSegmentsAreRefused() {
        #expect(problem("https://user:p4ss@login.contoso.example") == .userInfo)
        #expect(problem("https://@login.contoso.example") == .userInfo)
        #expect(problem("https://login.contoso.example/x?y=1") == .queryOrFragment)
        #expect(problem("https://login.contoso.example#top") == .queryOrFragment)
        #expect(problem("https://login.contoso.example/a/../b") == .dotSegment)
        #expect(problem("https://login.contoso.example/%2E%2e") == .dotSegment)
        #expect(problem("https://login.contoso.example/./") == .dotSegment)
    }

    @Test func malformedURLs() {
        #expect(problem("https://") == .invalid(.invalidHost))
        #expect(problem("https://host:0") == .invalid(.invalidPort))
        #expect(problem("https://host:65536") == .invalid(.invalidPort))
        #expect(problem("https://host:99999999999999999999999") == .invalid(.invalidPort))
        #expect(problem("https://host:") == .invalid(.invalidPort))
        #expect(problem("https://ho st") == .invalid(.invalidCharacter))
        #expect(problem("https://host\u{1B}[2J") == .invalid(.invalidCharacter))
        #expect(problem("1https://host") == .invalid(.noScheme))
        #expect(problem("https://a..b") == .invalid(.invalidHost))
    }

    @Test func descriptionsNeverQuoteTheText() {
        let secret = "p4ss-w0rd~secret"
        for text in [
            "https://user:\(secret)@login.contoso.example", "https://login.contoso.example/?k=\(secret)",
            "https://\(secret)@127.0.0.1", "http\(secret)://x y",
        ] {
            let description = problem(text).map(String.init(describing:)) ?? ""
            #expect(!description.isEmpty && !description.contains(secret), "\(text): \(description)")
        }
    }
}
