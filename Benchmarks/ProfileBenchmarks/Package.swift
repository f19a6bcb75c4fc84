// swift-tools-version: 6.1
// Parse + validate benchmarks for AuthProfiles on generated 100- and 10,000-profile files (YAML and JSON).
// A separate package so the root build never builds it. See docs/benchmarks-profiles.md.
import PackageDescription

let package = Package(
    name: "ProfileBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "authprofile", path: "../.."),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
    ],
    targets: [
        .executableTarget(
            name: "ProfileBenchmarks",
            dependencies: [
                .product(name: "AuthProfiles", package: "authprofile"),
                .product(name: "Yams", package: "Yams"),
            ]
        )
    ]
)
