// swift-tools-version: 6.1
// A libFuzzer target over parse + validate. Kept out of the root package so that the root `swift build`
// never tries to link an executable without a `main`. Build and run it with `scripts/fuzz.sh`.
import PackageDescription

let package = Package(
    name: "ProfileFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "authprofile", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "ProfileFuzzer",
            dependencies: [.product(name: "AuthProfiles", package: "authprofile")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ]
)
