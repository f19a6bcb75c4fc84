// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

public import AzureIdentity
import Foundation

/// Checks any `AzureIdentity/TokenCredential` that gets its tokens from a ``FakeEntraID`` for the behaviour every
/// credential in this package promises: caching, single flight, cancellation and redaction.
///
/// ```swift
/// try await TokenCredentialConformance(fake: fake, scopes: ["https://x/.default"], secrets: ["s3cret"]) {
///     try ClientSecretCredential(tenantID: t, clientID: c, secret: Secret("s3cret"), options: options)
/// }.run()
/// ```
///
/// Each check builds a fresh credential with `makeCredential`, so caches do not leak between checks. Failures
/// throw ``TokenCredentialConformance/Failure``.
public struct TokenCredentialConformance: Sendable {
    /// A failed check.
    public struct Failure: Error, CustomStringConvertible {
        /// The check's name.
        public var check: String
        /// What went wrong.
        public var detail: String

        /// `<check>: <detail>`.
        public var description: String { "\(check): \(detail)" }
    }

    /// The fake the credential talks to.
    public let fake: FakeEntraID
    /// Scopes to request (must succeed against the fake).
    public let scopes: [String]
    /// Values that must never appear in descriptions, dumps or errors (secrets, passwords, assertions).
    public let secrets: [String]
    /// Builds a new credential.
    public let makeCredential: @Sendable () throws -> any TokenCredential

    /// Creates the suite.
    public init(
        fake: FakeEntraID,
        scopes: [String],
        secrets: [String],
        makeCredential: @escaping @Sendable () throws -> any TokenCredential
    ) {
        self.fake = fake
        self.scopes = scopes
        self.secrets = secrets
        self.makeCredential = makeCredential
    }

    /// Runs every check in turn.
    public func run() async throws {
        try await checkCaching()
        try await checkSingleFlight()
        try await checkCancellation()
        try await checkRedaction()
    }

    /// A second call for the same scopes is served from the cache.
    public func checkCaching() async throws {
        let credential = try makeCredential()
        let before = fake.tokenRequests.count
        let first = try await credential.getToken(scopes: scopes)
        let second = try await credential.getToken(scopes: scopes)
        let sent = fake.tokenRequests.count - before
        guard sent == 1, first.token == second.token else {
            throw Failure(check: "caching", detail: "two calls sent \(sent) token requests")
        }
    }

    /// Concurrent callers share one request.
    public func checkSingleFlight(callers: Int = 50) async throws {
        let credential = try makeCredential()
        fake.inject(FakeFault(.delay(.milliseconds(200)), pathContains: "/token"))
        let before = fake.tokenRequests.count
        let distinct = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<callers {
                group.addTask { try await credential.getToken(scopes: scopes).token.revealedValue() }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        let sent = fake.tokenRequests.count - before
        guard sent == 1, distinct.count == 1 else {
            throw Failure(check: "singleFlight", detail: "\(callers) callers sent \(sent) requests")
        }
    }

    /// A cancelled caller returns promptly with `CancellationError`.
    public func checkCancellation() async throws {
        let credential = try makeCredential()
        // An answer 10 minutes away, far beyond the hang guard, so that returning within it shows the cancellation.
        fake.inject(FakeFault(.delay(.seconds(600)), pathContains: "/token"))
        let scopes = self.scopes
        let fake = self.fake
        func tokenPathRequests() -> Int { fake.requests.filter { $0.path.contains("/token") }.count }
        let before = tokenPathRequests()
        let started = ContinuousClock.now
        let task = Task { try await credential.getToken(scopes: scopes) }
        // Cancel once the request is waiting on the delayed answer (which consumes the fault): cancelling after a
        // fixed pause raced a loaded machine, and an unconsumed fault then delayed the next check's request.
        _ = try await HangGuard.eventually { tokenPathRequests() > before }
        task.cancel()
        let result = await task.result
        let elapsed = ContinuousClock.now - started
        guard case .failure(let error) = result, error is CancellationError, elapsed < HangGuard.limit else {
            throw Failure(check: "cancellation", detail: "got \(result) after \(elapsed)")
        }
    }

    /// Neither the credential, its token, nor an error it throws prints a secret.
    public func checkRedaction() async throws {
        let credential = try makeCredential()
        let token = try await credential.getToken(scopes: scopes)
        fake.inject(FakeFault(.status(400), pathContains: "/token"))
        let error = await {
            do {
                _ = try await credential.getToken(for: TokenRequest(scopes: scopes, claims: #"{"access_token":{}}"#))
                return nil as (any Error)?
            } catch {
                return error
            }
        }()
        var texts: [String] = []
        for value in [credential as Any, token as Any, error as Any] {
            var dumped = ""
            dump(value, to: &dumped)
            texts += ["\(value)", String(reflecting: value), dumped]
        }
        let forbidden = secrets + [token.token.revealedValue()]
        for secret in forbidden where !secret.isEmpty {
            if let text = texts.first(where: { $0.contains(secret) }) {
                throw Failure(check: "redaction", detail: "a secret appears in: \(text.prefix(120))…")
            }
        }
    }
}
