// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfiles
import AuthProfilesRuntime
import AzureIdentity
import AzureIdentityTesting
import Foundation
import Synchronization
import Testing

/// Issue 9 item 9, profile layer: a profile that sets no `timeout` or `deadline` is still bounded (a default link
/// timeout and a default chain deadline, overridable in the options and by the profile), interactive links wait for
/// the person, and every link cut short says which bound fired. Every evaluation runs on virtual time
/// (``SuspendingTimeSource/run(_:)``): the clock jumps to each bound as soon as something waits for it, so the
/// bounds fire in their exact order, latencies are exact, and nothing waits in real time; `defaults()` checks the
/// real values.
@Suite("Default link and chain bounds", .timeLimit(.minutes(1)))
struct DefaultBoundsTests {
    private static let clientID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"

    private static func document(_ profiles: String) -> String {
        """
        version: 1
        clouds:
          loop: { authorityHost: "https://127.0.0.1:1", allowLoopback: true }
        tenants:
          test: { id: 11111111-2222-3333-4444-555555555555, cloud: loop }
        profiles:
        \(profiles)
        """
    }

    private static let secretLink = "{ type: clientSecret, clientId: \(clientID), clientSecret: { env: S } }"

    private func evaluate(
        _ name: String, _ profiles: String, transport: any HTTPTransport = HangingTransport(),
        environment: [String: String] = ["S": "secret"], linkTimeout: Duration?, chainDeadline: Duration?
    ) async throws -> ProfileCredential.Evaluation {
        let clock = SuspendingTimeSource()
        let credential = try AuthProfile.credential(
            named: name, document: Self.document(profiles),
            options: ProfileRuntimeOptions(
                environment: environment, workingDirectory: "/", transport: transport, timeSource: clock,
                deviceCodePrompt: { _ in }, defaultLinkTimeout: linkTimeout, defaultChainDeadline: chainDeadline))
        return try await clock.run {
            try await credential.evaluate(for: TokenRequest(scopes: ["https://management.azure.com/.default"]))
        }
    }

    @Test("the defaults: 30 s per link, 60 s per chain; AzureIdentity's own bound on one request is shorter")
    func defaults() {
        let options = ProfileRuntimeOptions(environment: [:], workingDirectory: "/")
        #expect(options.defaultLinkTimeout == .seconds(30))
        #expect(options.defaultChainDeadline == .seconds(60))
        #expect(ProfileRuntimeOptions.standardLinkTimeout > RetryPolicy.defaultTotalTimeout)
    }

    @Test("a link with no timeout is cut off by the default link timeout, which the reason names")
    func defaultLinkTimeout() async throws {
        let profiles = "  p:\n    tenant: test\n    credential: \(Self.secretLink)"
        let evaluation = try await evaluate("p", profiles, linkTimeout: .milliseconds(300), chainDeadline: nil)
        #expect(evaluation.token == nil)
        #expect(evaluation.attempts.map(\.outcome) == [.unavailable])
        #expect(
            evaluation.attempts[0].reason
                == "no answer within the default link timeout of 300ms (set `timeout` to change it)")
        #expect(evaluation.attempts[0].latency == .milliseconds(300), "the transport never answers")
    }

    @Test("a chain with no deadline is cut off by the default chain deadline; the links it leaves no time for say so")
    func defaultChainDeadline() async throws {
        let links = (0..<5).map { _ in "        - \(Self.secretLink)" }.joined(separator: "\n")
        let profiles = "  p:\n    tenant: test\n    credential:\n      type: chain\n      links:\n\(links)"
        let evaluation = try await evaluate("p", profiles, linkTimeout: .milliseconds(400), chainDeadline: .seconds(1))
        let bound = "the default chain deadline of 1s for p/credential (set `deadline` to change it)"
        #expect(evaluation.token == nil)
        #expect(
            evaluation.attempts[1].reason
                == "no answer within the default link timeout of 400ms (set `timeout` to change it)")
        #expect(evaluation.attempts.last?.outcome == .notTried)
        #expect(evaluation.attempts.last?.reason == "\(bound) passed")
        // The chain's own reason lists every link, those it left no time for included.
        #expect(evaluation.attempts[0].reason?.hasSuffix("links[4]:clientSecret: not tried: \(bound) passed") == true)
        // Links 1 and 2 take their 400 ms each; link 3 is cut short by the deadline at 1 s.
        #expect(
            evaluation.attempts.map(\.latency)[1...3] == [.milliseconds(400), .milliseconds(400), .milliseconds(200)])
        #expect(evaluation.attempts[0].latency == .seconds(1))
    }

    @Test("written settings win: a link's own timeout is not cut short by a default chain deadline")
    func writtenTimeoutWins() async throws {
        let profiles = """
              p:
                tenant: test
                credential:
                  type: chain
                  links:
                    - { type: clientSecret, clientId: \(Self.clientID), clientSecret: { env: S }, timeout: 800ms }
            """
        let evaluation = try await evaluate(
            "p", profiles, linkTimeout: .milliseconds(100),
            chainDeadline: .milliseconds(200))
        #expect(evaluation.attempts[1].reason == "no answer within its timeout of 800ms")
        #expect(evaluation.attempts[1].latency == .milliseconds(800))
    }

    @Test("a written deadline binds every link, and names the chain that set it")
    func writtenDeadlineNamesItsChain() async throws {
        let profiles = """
              p:
                tenant: test
                credential:
                  type: chain
                  deadline: 300ms
                  links:
                    - { type: clientSecret, clientId: \(Self.clientID), clientSecret: { env: S }, timeout: 5s }
            """
        let evaluation = try await evaluate("p", profiles, linkTimeout: nil, chainDeadline: nil)
        #expect(evaluation.attempts[1].reason == "no answer within the deadline of 300ms set on p/credential")
    }

    @Test("a timeout written on a nested chain bounds the links inside it (it used to be ignored)")
    func timeoutOnANestedChain() async throws {
        let profiles = """
              p:
                tenant: test
                credential:
                  type: chain
                  links:
                    - type: chain
                      timeout: 300ms
                      links:
                        - \(Self.secretLink)
            """
        let evaluation = try await evaluate("p", profiles, linkTimeout: nil, chainDeadline: nil)
        #expect(
            evaluation.attempts.map(\.path) == [
                "p/credential", "p/credential/links[0]",
                "p/credential/links[0]/links[0]",
            ])
        #expect(
            evaluation.attempts[2].reason
                == "no answer within the timeout of 300ms set on p/credential/links[0]")
    }

    @Test("a chain with a timeout of its own gets no default deadline on top")
    func chainTimeoutReplacesTheDefaultDeadline() async throws {
        let profiles = """
              p:
                tenant: test
                credential:
                  type: chain
                  timeout: 800ms
                  links:
                    - \(Self.secretLink)
            """
        let evaluation = try await evaluate("p", profiles, linkTimeout: nil, chainDeadline: .milliseconds(200))
        #expect(evaluation.attempts[1].reason == "no answer within the timeout of 800ms set on p/credential")
        #expect(evaluation.attempts[1].latency == .milliseconds(800))
    }

    @Test("an interactive link waits on a person: the defaults do not cut it short")
    func interactiveLinksAreNotBoundByDefaults() async throws {
        // A device code that expires after 2 s while the user never signs in: the link ends by itself, with its
        // own reason, long after the 200 ms defaults.
        let transport = DeviceCodeTransport()
        let profiles = """
              p:
                tenant: test
                credential:
                  type: chain
                  links:
                    - { type: deviceCode, clientId: \(Self.clientID) }
            """
        let evaluation = try await evaluate(
            "p", profiles, transport: transport, linkTimeout: .milliseconds(200),
            chainDeadline: .milliseconds(200))
        #expect(evaluation.attempts[1].outcome == .failed)
        #expect(evaluation.attempts[1].reason?.contains("the device code expired") == true)
        #expect(evaluation.attempts[1].latency >= .seconds(2), "the device code lives 2 s")
        #expect(transport.polls >= 1)
    }

    @Test("issue 9 item 16: a misconfigured managed identity is a failure that stops the chain, not 'unavailable'")
    func misconfiguredManagedIdentityStopsTheChain() async throws {
        let profiles = """
              p:
                tenant: test
                credential:
                  type: chain
                  links:
                    - { type: managedIdentity }
                    - \(Self.secretLink)
            """
        let transport = HangingTransport()
        let evaluation = try await evaluate(
            "p", profiles, transport: transport,
            environment: ["S": "secret", "IDENTITY_ENDPOINT": "http://127.0.0.1:1/msi", "IDENTITY_HEADER": "a\r\nb"],
            linkTimeout: .seconds(5), chainDeadline: nil)
        #expect(evaluation.attempts.map(\.outcome) == [.failed, .failed, .notTried])
        #expect(evaluation.attempts[1].reason?.contains("IDENTITY_HEADER contains a control character") == true)
        #expect(evaluation.attempts[2].reason == "link 1 stopped the chain")
        #expect(transport.sent == 0)
    }
}

/// Accepts every request and never answers (until cancelled), whatever the request's own timeout.
final class HangingTransport: HTTPTransport, Sendable {
    private let count = Mutex(0)

    var sent: Int { count.withLock { $0 } }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        count.withLock { $0 += 1 }
        try await Task.sleep(for: .seconds(3600))
        throw CancellationError()
    }
}

/// A device code endpoint whose code lives 2 s, and a token endpoint where the user never finishes signing in.
final class DeviceCodeTransport: HTTPTransport, Sendable {
    private let count = Mutex(0)

    var polls: Int { count.withLock { $0 } }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        if request.url.hasSuffix("/devicecode") {
            let body =
                #"{"device_code":"d","user_code":"U","verification_uri":"https://127.0.0.1/device","#
                + #""expires_in":2,"interval":1}"#
            return TransportResponse(status: 200, body: Array(body.utf8))
        }
        count.withLock { $0 += 1 }
        let body =
            #"{"error":"authorization_pending","error_description":"AADSTS70016: pending","#
            + #""error_codes":[70016]}"#
        return TransportResponse(status: 400, body: Array(body.utf8))
    }
}
