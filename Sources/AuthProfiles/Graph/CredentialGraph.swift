// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// A validated profile file: clouds, tenants and profiles with every reference resolved, `extends`
/// applied, defaults filled in, and each node still knowing where it was written.
///
/// A graph exists only for a file without errors; warnings may remain. It is the input of evaluation.
public struct CredentialGraph: Sendable {
    /// The file the graph was read from.
    public let file: String
    /// The file's `description`, if any.
    public let description: String?
    /// Every cloud the file can use: the built-in ones and the file's own, by name.
    public let clouds: [String: CloudDefinition]
    /// The declared tenants, by name.
    public let tenants: [String: TenantDefinition]
    /// The profiles, in file order.
    public let profiles: [Profile]
    private let index: [String: Int]

    init(
        file: String, description: String?, clouds: [String: CloudDefinition], tenants: [String: TenantDefinition],
        profiles: [Profile]
    ) {
        self.file = file
        self.description = description
        self.clouds = clouds
        self.tenants = tenants
        self.profiles = profiles
        var index: [String: Int] = [:]
        index.reserveCapacity(profiles.count)
        for position in profiles.indices { index[profiles[position].name] = position }
        self.index = index
    }

    /// The profile with this name, if the file declares it.
    public func profile(named name: String) -> Profile? { index[name].map { profiles[$0] } }

    /// The cloud a profile uses.
    public func cloud(for profile: Profile) -> CloudDefinition? { clouds[profile.cloud] }
}

/// A cloud: where its Entra ID authority lives and which extra certificate authorities to trust.
public struct CloudDefinition: Sendable, Hashable {
    /// The cloud's name (`public`, `usgov`, `china` or a declared name).
    public let name: String
    /// The authority host URL.
    public let authorityHost: ProfileValue<String>
    /// Whether a loopback authority host is allowed.
    public let allowsLoopback: Bool
    /// Extra certificate authorities to trust, as a PEM file.
    public let caBundle: ProfileValue<String>?
    /// Where it was declared; `nil` for built-in clouds.
    public let location: SourceLocation?

    /// The clouds every file knows.
    public static let builtIn: [String: CloudDefinition] = [
        "public": CloudDefinition(builtIn: "public", host: "https://login.microsoftonline.com"),
        "usgov": CloudDefinition(builtIn: "usgov", host: "https://login.microsoftonline.us"),
        "china": CloudDefinition(builtIn: "china", host: "https://login.chinacloudapi.cn"),
    ]

    private init(builtIn name: String, host: String) {
        self.init(name: name, authorityHost: .literal(host), allowsLoopback: false, caBundle: nil, location: nil)
    }

    init(
        name: String, authorityHost: ProfileValue<String>, allowsLoopback: Bool, caBundle: ProfileValue<String>?,
        location: SourceLocation?
    ) {
        self.name = name
        self.authorityHost = authorityHost
        self.allowsLoopback = allowsLoopback
        self.caBundle = caBundle
        self.location = location
    }
}

/// A declared tenant.
public struct TenantDefinition: Sendable, Hashable {
    /// The name profiles use for it.
    public let name: String
    /// The tenant id.
    public let id: ProfileValue<String>
    /// The cloud it lives in.
    public let cloud: String
    /// Other tenants requests may name (`*` for any).
    public let additionallyAllowed: [String]
    /// Where it was declared.
    public let location: SourceLocation
    /// Whether its declaration names the cloud (`cloud:`); without it the tenant is in `public` by default, and a
    /// profile using it names no cloud (so `environment` and `default` links honour `AZURE_AUTHORITY_HOST`).
    package let namesCloud: Bool
}

/// The tenant a profile or link authenticates in.
public enum TenantBinding: Sendable, Hashable {
    /// A declared tenant, by name.
    case declared(TenantDefinition)
    /// A tenant id written directly.
    case literal(String)
    /// A tenant id read from the environment.
    case environment(EnvironmentBinding)

    /// The tenant id, when it is known without the environment.
    public var literalID: String? {
        switch self {
        case .declared(let tenant): tenant.id.literal
        case .literal(let id): id
        case .environment: nil
        }
    }
}
