// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

@testable import AzureIdentity

/// `HTTPS_PROXY` that is set but cannot be used is a configuration error naming the variable, never a silent
/// direct connection around the proxy (issue 9 item 23).
@Suite struct ProxyEnvironmentTests {
    static let password = "pr0xy-Pass-4711"

    /// Surrounding whitespace (a value pasted with a trailing space or newline) is removed, as curl-like tools read
    /// such a value, and the proxy is used.
    @Test(arguments: [
        "http://proxy.example:3128 ", " http://proxy.example:3128", "proxy.example:3128\n",
        "\thttp://proxy.example:3128/",
    ])
    func surroundingWhitespaceIsTrimmed(value: String) throws {
        let proxy = try #require(try TransportConfiguration.fromEnvironment(["HTTPS_PROXY": value]).proxy)
        #expect(proxy == TransportConfiguration.Proxy(host: "proxy.example", port: 3128))
    }

    @Test(arguments: [
        ("http://proxy example:3128", "not a URL"), ("http://proxy.example:99999", "port 99999"),
        ("http://proxy.example:0", "port 0"), ("socks5://proxy.example:1080", "'socks5'"),
        ("https://proxy.example:443", "TLS connection to the proxy"), ("http://:3128", "no host"),
        ("http://proxy.example:3128/proxy.pac", "path"), ("http://proxy.example:3128?x=1", "query"),
        ("http://proxy.example:abc", "not a URL"), ("ftp://proxy.example", "'ftp'"),
    ])
    func unusableValuesAreErrorsNamingTheVariable(value: String, problem: String) {
        for variable in TransportConfiguration.proxyVariables {
            let error = #expect(throws: AzureIdentityError.self, "\(variable)=\(value)") {
                try TransportConfiguration.fromEnvironment([variable: value])
            }
            #expect(error?.code == .invalidConfiguration)
            #expect(error?.message.hasPrefix("\(variable) (") == true, "\(error?.message ?? "")")
            #expect(error?.message.contains(problem) == true, "\(error?.message ?? "")")
        }
    }

    @Test func thePasswordIsNeverInTheError() {
        for value in [
            "http://alice:\(Self.password)@proxy.example:99999", "socks5://alice:\(Self.password)@proxy.example",
            "http://alice:\(Self.password)@proxy example", "alice:\(Self.password)@:3128",
            "http://alice:p@\(Self.password)@proxy.example:0",
        ] {
            let error = #expect(throws: AzureIdentityError.self, "\(value)") {
                try TransportConfiguration.fromEnvironment(["HTTPS_PROXY": value])
            }
            let text = "\(error.map { "\($0)" } ?? "")"
            #expect(!text.contains(Self.password) && !text.contains("alice"), "\(text)")
            #expect(text.contains("***@"), "\(text)")
        }
    }

    @Test func anEmptyValueMeansNoProxyAndTheLowerCaseFormIsRead() throws {
        #expect(try TransportConfiguration.fromEnvironment(["HTTPS_PROXY": ""]).proxy == nil)
        #expect(try TransportConfiguration.fromEnvironment(["HTTPS_PROXY": "  "]).proxy == nil)
        let lower = try TransportConfiguration.fromEnvironment(["HTTPS_PROXY": "", "https_proxy": "proxy.example:8080"])
        #expect(lower.proxy == TransportConfiguration.Proxy(host: "proxy.example", port: 8080))
        let both = try TransportConfiguration.fromEnvironment([
            "HTTPS_PROXY": "upper.example:1", "https_proxy": "lower.example:2",
        ])
        #expect(both.proxy?.host == "upper.example")
        let ipv6 = try TransportConfiguration.fromEnvironment(["HTTPS_PROXY": "http://[::1]:3128"])
        #expect(ipv6.proxy == TransportConfiguration.Proxy(host: "::1", port: 3128))
    }
}
