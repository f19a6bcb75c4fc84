// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import IdentitySupport

extension TransportConfiguration {
    /// The variables the proxy is read from, in order: the first that is set and not blank is used. `HTTP_PROXY`
    /// and `ALL_PROXY` are not read (every request this package sends to Entra ID is https).
    public static let proxyVariables = ["HTTPS_PROXY", "https_proxy"]

    /// Builds a configuration from a cloud and the environment, like other Azure tooling:
    ///
    /// - the cloud's own extra CA certificates;
    /// - `SSL_CERT_FILE` and `REQUESTS_CA_BUNDLE` (extra trust roots, added to the system roots);
    /// - `HTTPS_PROXY` / `https_proxy` and `NO_PROXY` / `no_proxy`. User info in the proxy URL
    ///   (`http://user:p%40ss@proxy:3128`) is percent-decoded into ``Proxy/username`` and ``Proxy/password``
    ///   and sent to the proxy as Basic credentials.
    ///
    /// The proxy URL is `http://[user:password@]host[:port][/]` (the scheme may be left out; the port defaults to
    /// 80). Surrounding whitespace is removed, and an empty value means no proxy, as with curl. A value that is set
    /// but cannot be used — not a URL, another scheme (`https://`, a TLS connection to the proxy, and `socks5://`
    /// are not supported), no host, a port outside 1–65535, a path, query or fragment — is an error rather than
    /// being ignored: ignoring it would send every request around the proxy without a word.
    /// - Throws: ``AzureIdentityError/Code/invalidConfiguration`` naming the variable and what is wrong with it;
    ///   the message never contains the proxy password.
    public static func fromEnvironment(
        _ environment: [String: String],
        cloud: AzureCloud = .publicCloud
    ) throws -> TransportConfiguration {
        let variables = EnvironmentVariables(environment)
        var configuration = TransportConfiguration(additionalTrustRootsPEM: cloud.additionalTrustRootsPEM)
        for name in ["SSL_CERT_FILE", "REQUESTS_CA_BUNDLE"] {
            if let path = variables[name], !configuration.additionalTrustRootFiles.contains(path) {
                configuration.additionalTrustRootFiles.append(path)
            }
        }
        for variable in proxyVariables {
            let value = variables[variable]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            guard !value.isEmpty else { continue }
            configuration.proxy = try parseProxy(value, variable: variable)
            break
        }
        let noProxy = variables.first(of: ["NO_PROXY", "no_proxy"])?.value ?? ""
        configuration.noProxy = noProxy.split(separator: ",").map { String($0) }
        return configuration
    }

    /// Reads a proxy URL (already trimmed and not empty) from `variable`.
    static func parseProxy(_ value: String, variable: String) throws -> Proxy {
        func unusable(_ problem: String) -> AzureIdentityError {
            AzureIdentityError(
                code: .invalidConfiguration,
                message: "\(variable) (\(shownProxy(value))) is set but cannot be used: \(problem). Expected "
                    + "http://[user:password@]host[:port], or unset it to connect directly."
            )
        }
        let text = value.contains("://") ? value : "http://" + value
        guard let components = URLComponents(string: text) else { throw unusable("it is not a URL") }
        let scheme = components.scheme?.lowercased() ?? ""
        guard scheme == "http" else {
            throw unusable(
                scheme == "https"
                    ? "https:// asks for a TLS connection to the proxy, which is not supported; use http:// (requests "
                        + "through the proxy stay TLS end to end)"
                    : "the scheme '\(OutsideText.escaped(scheme, limit: 20))' is not supported"
            )
        }
        guard var host = components.host, !host.isEmpty else { throw unusable("it has no host") }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let port = components.port ?? 80
        guard (1...65_535).contains(port) else { throw unusable("the port \(port) is not between 1 and 65535") }
        guard components.path.isEmpty || components.path == "/", components.query == nil,
            components.fragment == nil
        else { throw unusable("a proxy URL has no path, query or fragment") }
        // `user` and `password` are percent-decoded. `http://@host` has no credentials; `http://:pass@host` has an
        // empty user name, as curl reads it.
        let password = components.password.map(Secret.init)
        var username = components.user
        if password == nil, username?.isEmpty == true { username = nil }
        if password != nil, username == nil { username = "" }
        return Proxy(host: host, port: port, username: username, password: password)
    }

    /// A proxy value as an error may show it: user info replaced by `***`, escaped and shortened.
    static func shownProxy(_ value: String) -> String {
        var shown = value
        if let at = value.lastIndex(of: "@") {
            let start = value.range(of: "://").map(\.upperBound).flatMap { $0 <= at ? $0 : nil } ?? value.startIndex
            shown = String(value[..<start]) + "***" + String(value[at...])
        }
        return OutsideText.escaped(shown, limit: 120)
    }
}
