// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import Synchronization

/// The process-wide transports: one per configuration, made on first use and kept for the life of the process,
/// so credentials that share a configuration share connection pools and nobody has to shut them down.
package enum SharedTransport {
    private static let transports = Mutex<[TransportConfiguration: AsyncHTTPClientTransport]>([:])

    static func get() throws -> AsyncHTTPClientTransport {
        try get(for: .fromEnvironment(ProcessInfo.processInfo.environment))
    }

    /// The transport for the process environment, made on the first request (``LazySharedTransport``).
    static func lazy() throws -> LazySharedTransport {
        try LazySharedTransport(configuration: .fromEnvironment(ProcessInfo.processInfo.environment))
    }

    /// Whether the transport for `configuration` has been made (for tests of what a cache hit builds).
    package static func isMade(for configuration: TransportConfiguration) -> Bool {
        transports.withLock { $0[configuration] != nil }
    }

    static func get(for configuration: TransportConfiguration) throws -> AsyncHTTPClientTransport {
        try transports.withLock { transports in
            if let existing = transports[configuration] { return existing }
            let made = try AsyncHTTPClientTransport(configuration: configuration)
            transports[configuration] = made
            return made
        }
    }
}

extension AsyncHTTPClientTransport {
    /// The process-wide transport for a configuration: made on first use, then reused, never shut down.
    ///
    /// Credentials given no transport use the one for the process environment
    /// (``TransportConfiguration/fromEnvironment(_:cloud:)``).
    /// - Throws: ``AzureIdentityError/Code/invalidConfiguration`` when a trust root cannot be loaded.
    public static func shared(for configuration: TransportConfiguration) throws -> AsyncHTTPClientTransport {
        try SharedTransport.get(for: configuration)
    }
}
