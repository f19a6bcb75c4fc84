// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentityTesting
import Foundation
import Synchronization
import Testing

@testable import AzureIdentity

/// The one clock (issue 10 item 3): time limits and chain deadlines fire on the injected ``TimeSource``, and a
/// clock that implements only the wall clock keeps its deadlines on it.
@Suite(.timeLimit(.minutes(1))) struct TimeSourceTests {
    @Test("a time limit fires on the injected clock, and cancels the operation it cut short")
    func timeLimitFiresOnTheInjectedClock() async throws {
        let clock = SuspendingTimeSource()
        let limited = Task {
            try await TimeLimit.run(until: clock.instant() + .seconds(10), on: clock) {
                try await clock.sleep(for: .seconds(20))
                return 1
            }
        }
        await clock.waitForSleepers(2)
        clock.advance(by: .seconds(9))
        #expect(clock.sleeperCount == 2, "nine seconds in, neither the limit nor the operation is due")
        clock.advance(by: .seconds(1))
        #expect(try await limited.value == nil)
        #expect(clock.sleeperCount == 0, "the operation was cancelled, not left asleep")
    }

    @Test("an operation that ends first on the injected clock gives its value; the limit's wait is cancelled")
    func operationEndsFirst() async throws {
        let clock = SuspendingTimeSource()
        let limited = Task {
            try await TimeLimit.run(until: clock.instant() + .seconds(30), on: clock) {
                try await clock.sleep(for: .seconds(20))
                return 1
            }
        }
        await clock.waitForSleepers(2)
        clock.advance(by: .seconds(20))
        #expect(try await limited.value == 1)
        #expect(clock.sleeperCount == 0)
    }

    @Test("a chain skips a link whose deadline passed on the injected clock, and reports latency on it")
    func chainDeadlineOnTheInjectedClock() async throws {
        let clock = SteppingTimeSource()
        let deadline = ChainDeadline(instant: clock.instant() + .seconds(5), bound: "the deadline of 5s")
        let conclusion = try await ChainEngine.run(
            [
                ChainEngine.Link(policy: .alwaysContinue, deadline: deadline),
                ChainEngine.Link(policy: .standard, deadline: deadline),
            ],
            timeSource: clock,
            attempt: { _ in
                // The first link takes a minute of the clock's time, and no real time.
                try await clock.sleep(for: .seconds(60))
                return .unavailable("slow")
            })
        guard case .noToken(_, let reports) = conclusion else {
            Issue.record("expected no token, got \(conclusion)")
            return
        }
        #expect(reports.map(\.outcome) == [.unavailable, .notTried])
        #expect(reports[0].latency == .seconds(60))
        #expect(reports[1].reason == "the deadline of 5s passed")
    }

    /// A clock written before ``TimeSource/instant()`` existed: a wall clock and a sleep, nothing more.
    final class WallClockOnly: TimeSource {
        let date = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
        func now() -> Date { date.withLock { $0 } }
        func sleep(for duration: Duration) async throws {
            date.withLock { $0 += Double(duration.components.seconds) }
        }
    }

    @Test("a clock that implements only now() and sleep(for:) keeps its monotonic reading and deadlines on them")
    func derivedInstantFollowsTheWallClock() async throws {
        let clock = WallClockOnly()
        let start = clock.instant()
        try await clock.sleep(until: start + .seconds(90))
        #expect(clock.now() == Date(timeIntervalSince1970: 1_800_000_090))
        #expect(clock.instant() - start == .seconds(90))
        // A date far outside any real clock saturates instead of trapping.
        clock.date.withLock { $0 = .distantPast }
        #expect(clock.instant() < start)
    }

    @Test("the system clock's sleep(until:) returns at once for a moment already passed")
    func systemSleepUntilThePast() async throws {
        let clock = SystemTimeSource()
        let before = ContinuousClock.now
        try await clock.sleep(until: clock.instant() - .seconds(1))
        #expect(clock.instant() >= before)
    }
}
