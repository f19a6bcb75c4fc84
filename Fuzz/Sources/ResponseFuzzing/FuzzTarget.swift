// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Dispatch

/// One fuzz entry point over what a server or a developer tool sends, and the input format it reads.
///
/// A target never lets a library error escape: every input must end in a token that passes ``Check`` or in a
/// typed error that passes ``Check``. It throws only ``HarnessViolation``. A trap inside the library is a crash of
/// the fuzzer (libFuzzer saves the input) or of the replaying test's child process.
///
/// The same files are compiled into the fuzzer (`Fuzz/`, release, libFuzzer + ASan) and into the root package's
/// tests (`Tests/AuthProfileCLITests/ResponseFuzzing` is a link to this directory), which replay every seed and
/// regression through ``run(_:)``.
public struct FuzzTarget: Sendable {
    /// The name given to `scripts/fuzz.sh --target`, and the suffix of the target's `Fuzz/corpus-<name>/` and
    /// `Fuzz/regressions-<name>/` directories.
    public let name: String
    /// What the target feeds and how its input is laid out.
    public let summary: String
    let body: @Sendable (FuzzInput) async throws -> Void

    /// Runs the target on one input.
    /// - Throws: ``HarnessViolation`` when the library answered with something a caller must never get.
    public func run(_ bytes: [UInt8]) async throws {
        try await body(FuzzInput(bytes))
    }

    /// ``run(_:)`` for libFuzzer's synchronous callback: the async work runs on the global executor while the
    /// calling thread waits.
    public func runBlocking(_ bytes: [UInt8]) throws {
        let outcome = Locked<Result<Void, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let target = self
        Task.detached {
            let result: Result<Void, any Error>
            do {
                try await target.run(bytes)
                result = .success(())
            } catch {
                result = .failure(error)
            }
            outcome.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        try outcome.withLock { $0 }?.get()
    }

    /// Every response-side target.
    public static let all: [FuzzTarget] = [
        tokenEndpoint, managedIdentity, retryAfter, jwtClaims, developerTools, azurePipelines, deviceCode,
        dbusMessage,
    ]

    /// The target called `name`.
    public static func named(_ name: String) -> FuzzTarget? {
        all.first { $0.name == name }
    }
}

/// Something the library did that no caller may ever see: an accepted token that cannot be real, an untyped or
/// unescaped error, an unbounded wait. Carries a description of what, never a token.
public struct HarnessViolation: Error, CustomStringConvertible {
    /// What was wrong.
    public var description: String

    init(_ description: String) {
        self.description = description
    }
}
