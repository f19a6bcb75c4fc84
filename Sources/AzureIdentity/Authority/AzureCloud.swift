// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// A Microsoft cloud: its authority host and, for private clouds, extra CA certificates to trust.
public struct AzureCloud: Sendable, Hashable {
    /// A short name, for logs.
    public var name: String
    /// Where tokens come from.
    public var authorityHost: AuthorityHost
    /// PEM-encoded CA certificates to trust in addition to the system roots when talking to this cloud.
    public var additionalTrustRootsPEM: [String]

    /// Creates a cloud description.
    public init(name: String, authorityHost: AuthorityHost, additionalTrustRootsPEM: [String] = []) {
        self.name = name
        self.authorityHost = authorityHost
        self.additionalTrustRootsPEM = additionalTrustRootsPEM
    }

    /// Azure public cloud.
    public static let publicCloud = AzureCloud(name: "AzurePublicCloud", authorityHost: .publicCloud)
    /// Azure US Government.
    public static let usGovernment = AzureCloud(name: "AzureUSGovernment", authorityHost: .usGovernment)
    /// Azure China.
    public static let china = AzureCloud(name: "AzureChinaCloud", authorityHost: .china)

    /// A private or test cloud.
    public static func custom(
        authorityHost: AuthorityHost,
        additionalTrustRootsPEM: [String] = [],
        name: String = "Custom"
    ) -> AzureCloud {
        AzureCloud(name: name, authorityHost: authorityHost, additionalTrustRootsPEM: additionalTrustRootsPEM)
    }
}
