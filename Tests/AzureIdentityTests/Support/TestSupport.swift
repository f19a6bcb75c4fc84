// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import AzureIdentityTesting
import Foundation
import Logging
import Synchronization

/// A clock tests move by hand; `sleep` returns at once and records the requested durations.
final class ManualTimeSource: TimeSource {
    private let state: Mutex<(now: Date, sleeps: [Duration])>

    init(now: Date = Date()) {
        state = Mutex((now, []))
    }

    func now() -> Date { state.withLock { $0.now } }

    func advance(by seconds: TimeInterval) {
        state.withLock { $0.now = $0.now.addingTimeInterval(seconds) }
    }

    func sleep(for duration: Duration) async throws {
        state.withLock { $0.sleeps.append(duration) }
        try Task.checkCancellation()
        await Task.yield()
    }

    var sleeps: [Duration] { state.withLock { $0.sleeps } }
}

/// A running fake plus a transport that trusts its CA.
struct FakeEnvironment: Sendable {
    static let tenant = "11111111-2222-3333-4444-555555555555"
    static let otherTenant = "99999999-8888-7777-6666-555555555555"
    static let clientID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
    static let secret = "s3cr3t~Value.0123456789abcdef"

    let fake: FakeEntraID
    let transport: AsyncHTTPClientTransport
    let time: ManualTimeSource

    static func start(
        configuration: FakeEntraID.Configuration = .init(),
        maxResponseBytes: Int = 1 << 20
    ) async throws -> FakeEnvironment {
        let fake = try await FakeEntraID.started(configuration: configuration)
        fake.addTenant(tenant)
        fake.addTenant(otherTenant)
        fake.register(FakeApplication(clientID: clientID, tenantID: tenant, secrets: [secret]))
        let transport = try AsyncHTTPClientTransport(
            configuration: TransportConfiguration(
                additionalTrustRootsPEM: [fake.caCertificatePEM],
                maxResponseBytes: maxResponseBytes
            )
        )
        return FakeEnvironment(fake: fake, transport: transport, time: ManualTimeSource())
    }

    /// Options against the fake. The request bounds are hang guards only (``HangGuard/limit``): the fake answers a
    /// loopback request at once, and a tighter real-time bound (it was 10 s) failed tests for the wrong reason while
    /// other builds loaded the 2 cores. Tests about the bounds pass their own.
    func options(
        logger: Logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
        environment: [String: String] = [:],
        allowedTenants: [String] = [],
        timeSource: (any TimeSource)? = nil,
        retry: RetryPolicy = RetryPolicy(
            maxRetries: 3, baseDelay: .milliseconds(10), jitter: false, totalTimeout: HangGuard.limit),
        timeout: Duration = HangGuard.limit
    ) -> CredentialOptions {
        CredentialOptions(
            authorityHost: fake.authorityHost,
            additionallyAllowedTenants: allowedTenants,
            transport: transport,
            retryPolicy: retry,
            requestTimeout: timeout,
            timeSource: timeSource ?? SystemTimeSource(),
            environment: environment,
            logger: logger
        )
    }

    func shutdown() async throws {
        // The fake first: closing its connections lets the client's TLS shutdown finish at once.
        try await fake.shutdown()
        try await transport.shutdown()
    }
}

/// Runs `body` with a started fake and always shuts it down.
func withFake<T>(
    configuration: FakeEntraID.Configuration = .init(),
    maxResponseBytes: Int = 1 << 20,
    _ body: (FakeEnvironment) async throws -> T
) async throws -> T {
    let environment = try await FakeEnvironment.start(configuration: configuration, maxResponseBytes: maxResponseBytes)
    do {
        let result = try await body(environment)
        try await environment.shutdown()
        return result
    } catch {
        try? await environment.shutdown()
        throw error
    }
}

/// Catches the error `body` throws, or `nil`.
func caught<T>(_ body: () async throws -> T) async -> (any Error)? {
    do {
        _ = try await body()
        return nil
    } catch {
        return error
    }
}

let managementScope = ["https://management.azure.com/.default"]
