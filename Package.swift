// swift-tools-version: 6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "authprofile",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "AuthProfiles", targets: ["AuthProfiles"]),
        .library(name: "AuthProfileCLI", targets: ["AuthProfileCLI"]),
        .executable(name: "authprofile", targets: ["authprofile"]),
        // A release's `authprofile` (scripts/build-release.sh); it starts the full one for all but shortcut hits.
        .executable(name: "authprofile-shortcut", targets: ["authprofile-shortcut"]),
        .library(name: "AzureIdentity", targets: ["AzureIdentity"]),
        .library(name: "AzureIdentityTesting", targets: ["AzureIdentityTesting"]),
        .library(name: "AuthProfilesRuntime", targets: ["AuthProfilesRuntime"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-system.git", from: "1.5.0"),
        // `swift package generate-documentation` (DocC); a command plugin, linked into nothing.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // Small, dependency-free definitions that the profile language and the runtime must share so that they
        // cannot disagree: reading only regular files, visiting directories once, parsing authority URLs, tenant
        // syntax, escaping outside text. `package` access only; AuthProfiles stays Yams-only otherwise.
        .target(
            name: "IdentitySupport",
            swiftSettings: swiftSettings + [.enableUpcomingFeature("InternalImportsByDefault")]
        ),
        // add_key(2) and keyctl(2) for the persistent token cache's key: Swift cannot call the variadic syscall(2),
        // and libkeyutils is not a dependency. Five one-line C functions; see CKernelKeyring.h.
        .target(name: "CKernelKeyring"),
        // The persistent token cache's files, keys and the token shortcut (issue 12): what the small `authprofile`
        // of a release (`authprofile-shortcut`) needs to answer `token` from disk without Foundation's ICU, NIO or
        // the profile language. AzureIdentity's persistent cache and the CLI build on it, so there is one definition.
        .target(
            name: "TokenCacheStore",
            dependencies: [
                "IdentitySupport",
                "CKernelKeyring",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings + [.enableUpcomingFeature("InternalImportsByDefault")]
        ),
        .target(
            name: "AuthProfiles",
            // Also imports `CYaml`, the libyaml C target inside Yams that Yams does not export as a product
            // (`internal import`, so it is no part of this module's interface): see YAMLComposer.swift.
            dependencies: ["IdentitySupport", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings + [.enableUpcomingFeature("InternalImportsByDefault")]
        ),
        // The commit a release binary was built from (scripts/build-release.sh passes it as a C define: Swift
        // cannot take a string from the build command line).
        .target(name: "CBuildInfo"),
        .target(
            name: "AuthProfileCLI",
            dependencies: [
                "CBuildInfo",
                "IdentitySupport",
                "TokenCacheStore",
                "AuthProfiles",
                "AuthProfilesRuntime",
                "AzureIdentity",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings + [.enableUpcomingFeature("InternalImportsByDefault")]
        ),
        .executableTarget(
            name: "authprofile",
            dependencies: ["AuthProfileCLI"],
            swiftSettings: swiftSettings + [.enableUpcomingFeature("InternalImportsByDefault")]
        ),
        .executableTarget(
            name: "authprofile-shortcut",
            dependencies: ["TokenCacheStore"],
            swiftSettings: swiftSettings + [.enableUpcomingFeature("InternalImportsByDefault")]
        ),
        .target(
            name: "AzureIdentity",
            dependencies: [
                "IdentitySupport",
                "TokenCacheStore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: swiftSettings + [.enableUpcomingFeature("InternalImportsByDefault")]
        ),
        .target(
            name: "AuthProfilesRuntime",
            dependencies: [
                "IdentitySupport",
                "AuthProfiles",
                "AzureIdentity",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "X509", package: "swift-certificates"),
            ],
            swiftSettings: swiftSettings + [.enableUpcomingFeature("InternalImportsByDefault")]
        ),
        .target(
            name: "AzureIdentityTesting",
            dependencies: [
                "AzureIdentity",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings + [.enableUpcomingFeature("InternalImportsByDefault")]
        ),
        .executableTarget(
            name: "AzureIdentityBenchmarks",
            dependencies: [
                "AzureIdentity",
                "AzureIdentityTesting",
                "AuthProfilesRuntime",
            ],
            path: "Benchmarks/AzureIdentityBenchmarks",
            swiftSettings: swiftSettings
        ),
        // Times processes for the process benchmarks (a small C parent, so peak RSS is the child's own).
        .executableTarget(name: "ProcessTimer", path: "Benchmarks/ProcessTimer"),
        // One process of PersistentCacheProcessTests (8 run at once against a FakeEntraID); not shipped.
        .executableTarget(
            name: "CacheStressTool",
            dependencies: ["AzureIdentity"],
            path: "Tests/CacheStressTool",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AzureIdentityTests",
            dependencies: [
                "AzureIdentity",
                "AzureIdentityTesting",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "IdentitySupportTests",
            dependencies: ["IdentitySupport", "AzureIdentityTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AuthProfilesTests",
            dependencies: ["AuthProfiles", "AzureIdentityTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AuthProfilesRuntimeTests",
            dependencies: ["AuthProfilesRuntime", "AuthProfiles", "AzureIdentity", "AzureIdentityTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AuthProfileCLITests",
            dependencies: [
                "AuthProfileCLI", "AuthProfiles", "AuthProfilesRuntime", "AzureIdentity", "AzureIdentityTesting",
                "IdentitySupport", "TokenCacheStore",
            ],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
    ]
)
