// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// A named, validated profile: where its credential authenticates and with what.
public struct Profile: Sendable {
    /// The profile's name.
    public let name: String
    /// Where the profile was declared.
    public let location: SourceLocation
    /// What it is for.
    public let description: String?
    /// The profile it extends, if any.
    public let parent: String?
    /// The deployment environment, own or inherited.
    public let environment: DeploymentEnvironment?
    /// The tenant, own or inherited.
    public let tenant: TenantBinding?
    /// The cloud's name, own, inherited, from the tenant, or `public`.
    public let cloud: String
    /// Other tenants requests may name, own, inherited or from the tenant.
    public let additionallyAllowedTenants: [String]
    /// The credential, own or inherited, with defaults applied.
    public let credential: CredentialNode
    /// The profile's `cache:` settings, own or inherited; `nil` when neither it nor a profile it extends has one.
    public let cache: ProfileTokenCache?
    /// Which layer set each profile-level setting, for `explain --blame`.
    public let origins: [ProfileSetting: SettingOrigin]

    /// Whether the production policy applies.
    public var isProduction: Bool { environment == .production }

    /// Whether the profile names its cloud (itself, through `extends`, or through its tenant's `cloud:`) rather than
    /// being in the public cloud by default.
    package var namesCloud: Bool { origins[.cloud].map { $0 != .default } ?? false }
}

/// The profile-level settings whose origin is tracked.
public enum ProfileSetting: String, Sendable, Hashable, CaseIterable, Codable {
    case environment, tenant, cloud, additionallyAllowedTenants, credential, cache

    /// The position in ``allCases``, for tables indexed by setting.
    var index: Int {
        switch self {
        case .environment: 0
        case .tenant: 1
        case .cloud: 2
        case .additionallyAllowedTenants: 3
        case .credential: 4
        case .cache: 5
        }
    }
}

/// Which layer supplied a setting.
public enum SettingOrigin: Sendable, Hashable {
    /// Written in the profile itself.
    case declared(SourceLocation)
    /// Inherited through `extends` from the named profile, where it was written.
    case inherited(profile: String, SourceLocation)
    /// Taken from the profile's tenant definition.
    case tenant(name: String, SourceLocation)
    /// The format's default.
    case `default`
}

/// A profile's `cache:` settings: whether its tokens are kept on disk too, in which cache, and whether that cache
/// may be unencrypted where no key store is usable.
public struct ProfileTokenCache: Sendable, Hashable {
    /// Whether tokens are kept in the persistent cache.
    public var persistent: Bool
    /// The cache's name; `nil` for the default.
    public var name: String?
    /// Whether the cache may be stored unencrypted where no key store is usable.
    public var allowUnencryptedStorage: Bool

    /// Creates settings.
    public init(persistent: Bool, name: String? = nil, allowUnencryptedStorage: Bool = false) {
        self.persistent = persistent
        self.name = name
        self.allowUnencryptedStorage = allowUnencryptedStorage
    }
}
