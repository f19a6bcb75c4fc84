import Foundation

extension TransportConfiguration {
    /// Builds a configuration from a cloud and the environment, like other Azure tooling:
    ///
    /// - the cloud's own extra CA certificates;
    /// - `SSL_CERT_FILE` and `REQUESTS_CA_BUNDLE` (extra trust roots, added to the system roots);
    /// - `HTTPS_PROXY` / `https_proxy` and `NO_PROXY` / `no_proxy`. User info in the proxy URL
    ///   (`http://user:p%40ss@proxy:3128`) is percent-decoded into ``Proxy/username`` and ``Proxy/password``
    ///   and sent to the proxy as Basic credentials.
    public static func fromEnvironment(
        _ environment: [String: String],
        cloud: AzureCloud = .publicCloud
    ) -> TransportConfiguration {
        var configuration = TransportConfiguration(additionalTrustRootsPEM: cloud.additionalTrustRootsPEM)
        for name in ["SSL_CERT_FILE", "REQUESTS_CA_BUNDLE"] {
            if let path = environment[name], !path.isEmpty, !configuration.additionalTrustRootFiles.contains(path) {
                configuration.additionalTrustRootFiles.append(path)
            }
        }
        let proxyValue = environment["HTTPS_PROXY"] ?? environment["https_proxy"]
        if let proxyValue, let proxy = parseProxy(proxyValue) {
            configuration.proxy = proxy
        }
        let noProxy = environment["NO_PROXY"] ?? environment["no_proxy"] ?? ""
        configuration.noProxy = noProxy.split(separator: ",").map { String($0) }
        return configuration
    }

    static func parseProxy(_ value: String) -> Proxy? {
        let text = value.contains("://") ? value : "http://" + value
        guard let components = URLComponents(string: text), let host = components.host, !host.isEmpty else {
            return nil
        }
        // `user` and `password` are percent-decoded. `http://@host` has no credentials; `http://:pass@host` has an
        // empty user name, as curl reads it.
        let password = components.password.map(Secret.init)
        var username = components.user
        if password == nil, username?.isEmpty == true { username = nil }
        if password != nil, username == nil { username = "" }
        return Proxy(
            host: host,
            port: components.port ?? (components.scheme == "https" ? 443 : 80),
            username: username,
            password: password
        )
    }
}
