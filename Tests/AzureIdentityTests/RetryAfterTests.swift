// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentityTesting
import Foundation
import Testing

@testable import AzureIdentity

/// Issue 9 items 1 and 17: a server's `Retry-After` (and the millisecond headers) is parsed into a checked,
/// bounded duration or ignored; nothing it says can trap or make the client retry at once.
@Suite("Retry-After parsing")
struct RetryAfterTests {
    private let now = Date(timeIntervalSince1970: 1_700_000_000)

    private func parse(ms: String? = nil, xms: String? = nil, seconds: String? = nil) -> Duration? {
        RetryAfter.delay(retryAfterMilliseconds: ms, msRetryAfterMilliseconds: xms, retryAfter: seconds, now: now)
    }

    @Test("plain numbers: seconds and milliseconds, with fractions and surrounding spaces")
    func plainNumbers() {
        #expect(parse(seconds: "7") == .seconds(7))
        #expect(parse(seconds: " 0 ") == .zero)
        #expect(parse(seconds: "\t2.5") == .milliseconds(2500))
        #expect(parse(seconds: "007") == .seconds(7))
        #expect(parse(ms: "1500") == .milliseconds(1500))
        #expect(parse(xms: "0.5") == .microseconds(500))
    }

    @Test(
        "what the attack sent, and other garbage, is ignored rather than trapping or meaning 'now'",
        arguments: [
            "1e20", "inf", "-inf", "infinity", "nan", "NaN", "-5", "+5", "1e19", "0x10", "", " ", "5s", "5.", ".5",
            "1,5", "٣", "5\u{0}", "1.2.3", "Sun, 06 Nov 1994 08:49:37 UTC", "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun, 31 Feb 2027 08:49:37 GMT", "Sun, 06 Nov 1994 25:49:37 GMT", "Xyz, 06 Nov 1994 08:49:37 GMT",
        ]
    )
    func garbageIsIgnored(value: String) {
        #expect(parse(seconds: value) == nil)
        #expect(parse(ms: value) == nil)
        #expect(parse(xms: value) == nil)
    }

    @Test("huge values are clamped to one day, however many digits")
    func hugeValuesAreClamped() {
        #expect(parse(seconds: "100000000000000000000") == RetryAfter.ceiling)
        #expect(parse(ms: "9" + String(repeating: "9", count: 10_000)) == RetryAfter.ceiling)
        #expect(parse(seconds: "86401") == RetryAfter.ceiling)
        #expect(parse(seconds: "86400") == .seconds(86_400))
        #expect(parse(seconds: "Fri, 31 Dec 9999 23:59:59 GMT") == RetryAfter.ceiling)
    }

    @Test("HTTP dates are measured from now; a date in the past means no wait")
    func httpDates() {
        // 1_700_000_000 is Tue, 14 Nov 2023 22:13:20 GMT.
        #expect(parse(seconds: "Tue, 14 Nov 2023 22:13:50 GMT") == .seconds(30))
        #expect(parse(seconds: "Sun, 06 Nov 1994 08:49:37 GMT") == .zero)
        #expect(parse(seconds: "Thu, 29 Feb 2024 00:00:00 GMT") != nil, "a leap day")
        #expect(parse(seconds: "Thu, 29 Feb 2023 00:00:00 GMT") == nil, "not a leap year")
        let nowless = RetryAfter.delay(
            retryAfterMilliseconds: nil,
            msRetryAfterMilliseconds: nil,
            retryAfter: "Tue, 14 Nov 2023 22:13:50 GMT",
            now: Date(timeIntervalSince1970: .nan)
        )
        #expect(nowless == nil, "a clock that reads NaN gives no delay rather than a trap")
    }

    @Test("retry-after-ms wins over x-ms-retry-after-ms over Retry-After; an unusable header is skipped")
    func precedence() {
        #expect(parse(ms: "100", xms: "200", seconds: "3") == .milliseconds(100))
        #expect(parse(ms: "nan", xms: "200", seconds: "3") == .milliseconds(200))
        #expect(parse(ms: "1e19", xms: "inf", seconds: "3") == .seconds(3))
        let response = TransportResponse(status: 429, headers: [("RETRY-AFTER-MS", "250"), ("Retry-After", "9")])
        #expect(RetryAfter.delay(in: response, now: now) == .milliseconds(250))
        #expect(RetryPolicy.default.serverDelay(in: response, now: now) == .milliseconds(250))
    }

    @Test("back-off never traps, whatever the policy's durations")
    func backoffIsChecked() {
        let huge = RetryPolicy(baseDelay: .seconds(Int64.max), maxDelay: .seconds(Int64.max), jitter: true)
        #expect(huge.backoff(attempt: 62) == Duration.saturationLimit)
        let negative = RetryPolicy(baseDelay: .seconds(-5), maxDelay: .seconds(-1), jitter: true)
        #expect(negative.backoff(attempt: -3) == .zero)
        #expect(Duration.saturating(seconds: .nan) == .zero)
        #expect(Duration.saturating(seconds: .infinity) == Duration.saturationLimit)
        #expect(Duration.saturating(seconds: 1e300) == Duration.saturationLimit)
    }

    /// A policy whose first retry backs off (800 ms), so that a hostile hint taken as "retry now" would show.
    private var backingOffPolicy: RetryPolicy {
        var policy = RetryPolicy(maxRetries: 3, baseDelay: .milliseconds(800), jitter: false)
        policy.promptFirstRetry = false
        return policy
    }

    @Test(
        "a token endpoint answering 429 with a hostile Retry-After: no trap, the policy's back-off instead",
        arguments: ["1e20", "inf", "nan", "-1"]
    )
    func tokenEndpointHostileRetryAfter(value: String) async throws {
        try await withFake { env in
            let clock = ManualTimeSource()
            env.fake.inject(FakeFault(.status(429, retryAfter: value)))
            let credential = try ClientSecretCredential(
                tenantID: FakeEnvironment.tenant,
                clientID: FakeEnvironment.clientID,
                secret: Secret(FakeEnvironment.secret),
                options: env.options(
                    timeSource: clock,
                    retry: backingOffPolicy
                )
            )
            _ = try await credential.getToken(scopes: managementScope)
            #expect(env.fake.tokenRequests.count == 2)
            #expect(clock.sleeps == [.milliseconds(800)], "the hint was ignored, not taken as 'retry now'")
        }
    }

    @Test(
        "a managed identity endpoint answering 429 with a hostile Retry-After: no trap, the back-off instead",
        arguments: ["1e20", "inf", "nan"]
    )
    func managedIdentityHostileRetryAfter(value: String) async throws {
        try await withFake { env in
            MIFixtures.register(env)
            env.fake.inject(FakeFault(.status(429, retryAfter: value), pathContains: "/metadata/identity"))
            let (credential, _) = try MIFixtures.credential(env)
            _ = try await credential.getToken(scopes: managementScope)
            #expect(MIFixtures.requests(env).count == 2)
            #expect(env.time.sleeps == [.milliseconds(800)])
        }
    }
}
