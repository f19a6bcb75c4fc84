// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import ResponseFuzzing

// libFuzzer's driver over one response-side target, chosen with FUZZ_TARGET (an environment variable, so that
// libFuzzer's -fork/-jobs children, which get the same argv, run the same target). `scripts/fuzz.sh --target NAME`
// sets it.

nonisolated(unsafe) var selected: FuzzTarget?

/// libFuzzer entry point: a target either returns, or reports what it found and aborts so that libFuzzer keeps
/// the input. A trap inside the library crashes here on its own.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let target = selected else { return -1 }
    do {
        try target.runBlocking(Array(UnsafeBufferPointer(start: data, count: size)))
    } catch {
        FileHandle.standardError.write(Data("\n==\(target.name)== VIOLATION: \(error)\n".utf8))
        abort()
    }
    return 0
}

// SwiftPM links every executable target with `--defsym main=<Target>_main`; hand control to libFuzzer's driver
// exactly as libFuzzer's own `main` does (see ProfileFuzzer).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// The executable's `main`: checks `FUZZ_TARGET`, then runs libFuzzer's driver with the process's arguments.
@_cdecl("ResponseFuzzer_main")
public func responseFuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    let name = ProcessInfo.processInfo.environment["FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget.named(name) else {
        let names = FuzzTarget.all.map { "  \($0.name): \($0.summary)" }.joined(separator: "\n")
        FileHandle.standardError.write(Data("ResponseFuzzer: set FUZZ_TARGET to one of:\n\(names)\n".utf8))
        return 2
    }
    selected = target
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, fuzz)
}
