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
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    ],
    targets: [
        .target(
            name: "AuthProfiles",
            dependencies: [.product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AuthProfileCLI",
            dependencies: [
                "AuthProfiles",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "authprofile",
            dependencies: ["AuthProfileCLI"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AuthProfilesTests",
            dependencies: ["AuthProfiles"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AuthProfileCLITests",
            dependencies: ["AuthProfileCLI", "AuthProfiles"],
            swiftSettings: swiftSettings
        ),
    ]
)
