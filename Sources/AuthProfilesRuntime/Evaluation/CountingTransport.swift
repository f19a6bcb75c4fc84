// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import Synchronization

/// Counts the requests each link sends, so a live trace can say whether a token came from a cache.
///
/// The counter travels as a task-local value: a link's requests are counted however deep in the credential they
/// are sent, and concurrent evaluations do not mix their counts.
struct CountingTransport: HTTPTransport {
    final class Counter: Sendable {
        private let count = Mutex(0)
        var value: Int { count.withLock { $0 } }
        func increment() { count.withLock { $0 += 1 } }
    }

    @TaskLocal static var counter: Counter?

    let base: any HTTPTransport

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        Self.counter?.increment()
        return try await base.send(request)
    }
}
