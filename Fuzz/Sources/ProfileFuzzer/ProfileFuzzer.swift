// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles

/// libFuzzer entry point: parse and validate arbitrary bytes as a profile file, twice: as YAML (`fuzz.yaml`,
/// libyaml) and as strict JSON (`fuzz.json`, the JSON scanner; issue 11 item 1).
///
/// Every diagnostic is rendered and the graph is walked so that the optimiser cannot drop the work.
/// A crash, a hang (libFuzzer `-timeout`) or an allocation storm (`-rss_limit_mb`) is a bug: `validate`
/// must turn any input into diagnostics.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    check(ProfileValidator().validate(bytes: bytes, path: "fuzz.yaml"))
    check(ProfileValidator().validate(bytes: bytes, path: "fuzz.json"))
    return 0
}

/// Uses every diagnostic, its source line (whole or as a window) and the graph.
func check(_ result: ValidationResult) {
    var checksum = 0
    for diagnostic in result.diagnostics {
        checksum &+= diagnostic.description.utf8.count
        checksum &+= diagnostic.hint?.utf8.count ?? 0
        checksum &+= diagnostic.path.utf8.count
        // Source lines are what renderers print under a diagnostic.
        checksum &+= result.source.line(diagnostic.location.line)?.utf8.count ?? 0
        let shown = result.source.displayedLine(diagnostic.location.line, around: diagnostic.location.column)
        checksum &+= shown?.column(for: diagnostic.location.column) ?? 0
        for related in diagnostic.related { checksum &+= related.location.line }
    }
    if let graph = result.graph {
        precondition(!result.diagnostics.containsErrors, "a graph was returned alongside errors")
        for profile in graph.profiles {
            profile.credential.forEachNode { node in checksum &+= node.path.utf8.count }
        }
    }
    blackHole(checksum)
}

@inline(never)
func blackHole(_ value: Int) {
    withExtendedLifetime(value) {}
}

// SwiftPM links every executable target with `--defsym main=<Target>_main` (so tests can import
// executables), which would leave libFuzzer's own `main` unused and the link failing. Provide that
// symbol and hand control to libFuzzer's driver, exactly as libFuzzer's `main` does.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// The executable's entry point: SwiftPM links it as `main` and it hands the target to libFuzzer's driver.
@_cdecl("ProfileFuzzer_main")
public func profileFuzzerMain(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, fuzz)
}
