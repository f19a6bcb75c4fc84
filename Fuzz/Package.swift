// swift-tools-version: 6.1
// libFuzzer targets. Kept out of the root package so that the root `swift build` never tries to link an
// executable without a `main`. Build and run them with `scripts/fuzz.sh`.
//
// - `ProfileFuzzer`: parse + validate of profile files (what users write).
// - `ResponseFuzzer`: what servers and developer tools send, one entry point per area, selected by
//   `--target NAME` (see `ResponseFuzzing/FuzzTarget.swift`). One executable serves every area so that one
//   release + sanitizer build (several minutes) covers them all.
//
// The response side calls internal decoders with `@testable import`, so the whole package is built with
// `-enable-testing` (scripts/fuzz.sh passes it).
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
        // The harnesses. The same files are compiled into the root package's AuthProfilesRuntimeTests (through
        // a symbolic link) so that the normal test suite replays the regressions through the same entry points.
        .target(
            name: "ResponseFuzzing",
            dependencies: [
                .product(name: "AzureIdentity", package: "authprofile"),
                .product(name: "AuthProfilesRuntime", package: "authprofile"),
                .product(name: "AuthProfileCLI", package: "authprofile"),
            ]
        ),
        .executableTarget(
            name: "ResponseFuzzer",
            dependencies: ["ResponseFuzzing"],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ]
)
