// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Testing

@testable import IdentitySupport

/// Hosts are parsed the way a connection reads them, and loopback is decided on the parsed address.
@Suite struct URLHostTests {
    @Test(arguments: [
        ("127.0.0.1", "127.0.0.1"), ("127.1", "127.0.0.1"), ("2130706433", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"), ("0X7F000001", "127.0.0.1"), ("0177.0.0.1", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"), ("127.0.0.1.", "127.0.0.1"), ("0.0.0.0", "0.0.0.0"), ("0", "0.0.0.0"),
        ("127.255.255.254", "127.255.255.254"),
    ])
    func numericLoopbackFormsAreOneAddress(_ text: String, _ canonical: String) throws {
        let host = try #require(URLHost(text))
        #expect(host.canonical == canonical)
        #expect(host.isLoopback, "\(text) dials \(canonical)")
    }

    @Test(arguments: [
        "[::1]", "[0:0:0:0:0:0:0:1]", "[::]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[::127.0.0.1]",
        "[::ffff:0.0.0.0]", "localhost", "LOCALHOST", "localhost.", "api.localhost", "localhost.localdomain",
        "ip6-localhost",
    ])
    func loopbackHosts(_ text: String) throws {
        #expect(try #require(URLHost(text)).isLoopback)
    }

    @Test(arguments: [
        "127.evil.example", "localhost.evil.example", "login.microsoftonline.com", "10.0.0.1", "8.8.8.8",
        "[2001:db8::1]", "[::ffff:10.0.0.1]", "[fe80::1]", "1.0.0.127", "notlocalhost",
    ])
    func remoteHosts(_ text: String) throws {
        #expect(try !#require(URLHost(text)).isLoopback)
    }

    @Test(arguments: [
        "", ".", "a..b", "host%2ename", "exa mple.com", "caf\u{E9}.example", "back\\slash", "1.2.3.4.5", "256.0.0.1.",
        "example.123", "4294967296", "0x1ffffffff", "08.0.0.1", "1.2.3.256", "[::1", "[]", "[::1::2]", "[:::1]",
        "[1:2:3:4:5:6:7:8:9]", "[fe80::1%25eth0]", "[::ffff:127.1]", "[12345::]", "[::\u{FF11}]", "[g::]",
        String(repeating: "a", count: 254), "[" + String(repeating: "0", count: 60) + "]",
    ])
    func malformedHostsAreRefused(_ text: String) {
        #expect(URLHost(text) == nil, "\(text)")
    }

    @Test func ipv6IsWrittenInItsCompressedForm() throws {
        #expect(try #require(URLHost("[0:0:0:0:0:0:0:1]")).canonical == "[::1]")
        #expect(try #require(URLHost("[2001:DB8:0:0:1:0:0:1]")).canonical == "[2001:db8::1:0:0:1]")
        #expect(try #require(URLHost("[::ffff:127.0.0.1]")).bare == "::ffff:7f00:1")
        #expect(try #require(URLHost("Login.MicrosoftOnline.com.")).canonical == "login.microsoftonline.com")
    }
}
