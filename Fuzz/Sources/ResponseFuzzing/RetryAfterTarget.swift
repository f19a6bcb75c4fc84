// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation

@testable import AzureIdentity

extension FuzzTarget {
    /// `Retry-After` (seconds or an HTTP date), `retry-after-ms` and `x-ms-retry-after-ms`: parsed directly, and
    /// honoured by the token path's `RetryingTransport` on three `429`s carrying the same headers.
    ///
    /// Input: header lines (`Name: value`); the first line is a header too (there is no setup line).
    static let retryAfter = FuzzTarget(
        name: "retry-after",
        summary: "Retry-After / retry-after-ms / x-ms-retry-after-ms headers to the retry policy"
    ) { input in
        let headers = input.bytes.split(separator: newline).compactMap { line in
            ScriptedResponse.header(
                String(
                    decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line,
                    as: UTF8.self
                )
            )
        }
        let context = "retry-after"
        if let delay = InternalDecoders.serverDelay(headers: headers, now: FakeClock.start), delay < .zero {
            throw HarnessViolation("\(context): a server delay of \(delay)")
        }
        var busy = ScriptedResponse([])
        busy.status = 429
        busy.headers = headers
        var ok = ScriptedResponse([])
        ok.status = 200
        let clock = FakeClock()
        let transport = ScriptedTransport([busy, busy, busy, ok])
        let retrying = RetryingTransport(base: transport, policy: RetryPolicy(jitter: false), timeSource: clock)
        do {
            _ = try await retrying.send(
                TransportRequest(method: "POST", url: Fixtures.authority + "/t/oauth2/v2.0/token")
            )
        } catch {
            try Check.error(error, context: context)
        }
        try clock.check(context)
        try transport.check(context)
    }
}
