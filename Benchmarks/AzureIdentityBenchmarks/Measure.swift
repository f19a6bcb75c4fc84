// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation

/// Runs `body` `iterations` times (after `warmup` runs) and returns per-iteration durations, sorted.
func measure(
    iterations: Int,
    warmup: Int = 10,
    _ body: @Sendable () async throws -> Void
) async rethrows -> [Duration] {
    for _ in 0..<warmup { try await body() }
    let clock = ContinuousClock()
    var samples: [Duration] = []
    samples.reserveCapacity(iterations)
    for _ in 0..<iterations {
        let start = clock.now
        try await body()
        samples.append(clock.now - start)
    }
    return samples.sorted()
}

/// Like ``measure(iterations:warmup:_:)`` but times batches of `batch` calls and reports per call, for
/// operations too fast to time one by one.
func measureBatched(
    batches: Int,
    batch: Int,
    _ body: @Sendable () async throws -> Void
) async rethrows -> [Duration] {
    for _ in 0..<batch { try await body() }
    let clock = ContinuousClock()
    var samples: [Duration] = []
    for _ in 0..<batches {
        let start = clock.now
        for _ in 0..<batch { try await body() }
        samples.append((clock.now - start) / batch)
    }
    return samples.sorted()
}

/// The same as ``measureBatched(batches:batch:_:)`` for a closure isolated to the main actor: `getToken` is
/// `nonisolated(nonsending)`, so a caller on an actor should pay no executor hop.
@MainActor
func measureBatchedOnMainActor(
    batches: Int,
    batch: Int,
    _ body: @MainActor () async throws -> Void
) async rethrows -> [Duration] {
    for _ in 0..<batch { try await body() }
    let clock = ContinuousClock()
    var samples: [Duration] = []
    for _ in 0..<batches {
        let start = clock.now
        for _ in 0..<batch { try await body() }
        samples.append((clock.now - start) / batch)
    }
    return samples.sorted()
}

func report(_ name: String, _ samples: [Duration]) {
    func micros(_ duration: Duration) -> String {
        let parts = duration.components
        let value = Double(parts.seconds) * 1e6 + Double(parts.attoseconds) / 1e12
        return value < 10 ? String(format: "%.3f µs", value) : String(format: "%.1f µs", value)
    }
    let median = samples[samples.count / 2]
    let p90 = samples[min(samples.count - 1, samples.count * 9 / 10)]
    let padded = name.padding(toLength: 46, withPad: " ", startingAt: 0)
    print("\(padded) median \(micros(median))  p90 \(micros(p90))  min \(micros(samples[0]))  n=\(samples.count)")
}
