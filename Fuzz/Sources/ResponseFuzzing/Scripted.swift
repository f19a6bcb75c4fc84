// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import Foundation
import Synchronization

/// A server that answers from the fuzz input, in order, whatever is asked; once the script is used up it acts
/// like a server that closed the connection. Sends nothing anywhere.
final class ScriptedTransport: HTTPTransport {
    /// More requests than this for one call is a retry loop that does not end.
    static let requestLimit = 64

    private let script: [ScriptedResponse]
    private let sent = Mutex<[TransportRequest]>([])

    init(_ script: [ScriptedResponse]) {
        self.script = script
    }

    /// The requests received, in order.
    var requests: [TransportRequest] { sent.withLock { $0 } }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        let index = sent.withLock { sent in
            sent.append(request)
            return sent.count - 1
        }
        guard index < script.count else {
            throw TransportError(code: .connectionFailed, message: "the scripted server has no more answers")
        }
        let answer = script[index]
        if let failure = answer.failure {
            throw TransportError(code: failure, message: "the scripted server: \(failure)")
        }
        return TransportResponse(status: answer.status, headers: answer.headers, body: answer.body)
    }

    /// Throws when the credential asked too often.
    func check(_ context: String) throws {
        let count = requests.count
        guard count <= Self.requestLimit else {
            throw HarnessViolation("\(context): \(count) requests for one token (a retry loop that does not end)")
        }
    }
}

/// A clock that starts at ``start`` and moves only when someone sleeps; every sleep is checked.
final class FakeClock: TimeSource {
    /// 2026-12-01T00:00:00Z. Seeds with absolute expiry times are written against it.
    static let start = Date(timeIntervalSince1970: 1_796_083_200)
    /// The longest single wait a credential may ask for. Retry-After and back-off are capped (issue 9 item 8:
    /// one cap, everywhere); this is that cap with room for jitter and for the 410 back-off, not a tighter rule.
    static let longestSleep: Duration = .seconds(120)

    private let state = Mutex<(now: Date, problems: [String])>((start, []))

    func now() -> Date { state.withLock { $0.now } }

    func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        state.withLock { state in
            if duration < .zero || duration > Self.longestSleep {
                state.problems.append("a wait of \(duration) (allowed: 0 s … \(Self.longestSleep))")
            }
            let clamped = min(max(duration, .zero), Self.longestSleep)
            let parts = clamped.components
            state.now = state.now.addingTimeInterval(Double(parts.seconds) + Double(parts.attoseconds) / 1e18)
        }
    }

    /// Throws when any wait was out of bounds.
    func check(_ context: String) throws {
        let problems = state.withLock { $0.problems }
        if let first = problems.first {
            throw HarnessViolation("\(context): \(first)")
        }
    }
}

/// A developer tool that prints what the fuzz input says and exits with its status. Starts nothing.
struct ScriptedRunner: ProcessRunner {
    let output: ProcessOutput

    func run(_ invocation: ProcessInvocation) async throws -> ProcessOutput {
        output
    }
}

/// A value behind a lock that escaping closures can share.
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) {
        mutex = Mutex(value)
    }

    func withLock<Result>(_ body: (inout Value) -> Result) -> Result {
        mutex.withLock { body(&$0) }
    }
}
