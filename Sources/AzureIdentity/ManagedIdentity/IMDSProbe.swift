// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Synchronization

/// A short availability check of IMDS, remembered by the credential that owns it.
///
/// The probe is a `GET` of the token URL without query or `Metadata` header, with no retries. Any HTTP answer
/// means IMDS is there (it answers 400), except 403 containing "unreachable" (Docker Desktop's proxy). A network
/// error or timeout means it is not. Both results are remembered, so a chain on a developer machine pays for the
/// probe once.
final class IMDSProbe: Sendable {
    enum Outcome: Sendable {
        case available
        case unavailable(String)
    }

    let timeout: Duration
    private let outcome = Mutex<Outcome?>(nil)

    init(timeout: Duration) {
        self.timeout = timeout
    }

    /// The remembered outcome, if the probe ran.
    var remembered: Outcome? { outcome.withLock { $0 } }

    /// Returns when IMDS is available; throws ``AzureIdentityError/Code/credentialUnavailable`` otherwise.
    func ensureAvailable(endpoint: String, transport: any HTTPTransport) async throws {
        let known = outcome.withLock { $0 }
        let result: Outcome
        if let known {
            result = known
        } else {
            result = try await run(endpoint: endpoint, transport: transport)
            outcome.withLock { $0 = result }
        }
        if case .unavailable(let reason) = result {
            throw ManagedIdentityCredential.unavailable(
                "ManagedIdentityCredential: IMDS at \(endpoint) is not available (\(reason))."
            )
        }
    }

    /// A cancelled probe is not remembered.
    private func run(endpoint: String, transport: any HTTPTransport) async throws -> Outcome {
        let request = TransportRequest(
            method: "GET",
            url: endpoint,
            headers: [(name: "Accept", value: "application/json")],
            timeout: timeout
        )
        do {
            let response = try await transport.send(request)
            if response.status == 403, String(decoding: response.body, as: UTF8.self).contains("unreachable") {
                return .unavailable("403 unreachable")
            }
            return .available
        } catch let error as CancellationError {
            throw error
        } catch let error as TransportError {
            return .unavailable("probe with a \(timeout) timeout failed: \(error.code)")
        } catch {
            return .unavailable("probe failed: \(error)")
        }
    }
}
