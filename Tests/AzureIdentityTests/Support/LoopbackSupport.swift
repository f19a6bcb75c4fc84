// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A loopback port nothing listens on: bound, read, closed.
func closedLoopbackPort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
    }
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// Wraps a transport: refuses (and records) any request that is not for 127.0.0.1, `::1` or `localhost`, and
/// counts the rest. Tests use it to prove nothing goes to IMDS's real address or any outside host.
final class LoopbackOnlyTransport: HTTPTransport {
    let base: any HTTPTransport
    private let state = Mutex<(sent: [String], refused: [String])>(([], []))

    init(_ base: any HTTPTransport) {
        self.base = base
    }

    var sent: [String] { state.withLock { $0.sent } }
    var refused: [String] { state.withLock { $0.refused } }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        let host = URL(string: request.url)?.host ?? ""
        guard ["127.0.0.1", "::1", "[::1]", "localhost"].contains(host) else {
            state.withLock { $0.refused.append(request.url) }
            throw TransportError(code: .connectionFailed, message: "test transport refused non-loopback \(host)")
        }
        state.withLock { $0.sent.append(request.url) }
        return try await base.send(request)
    }
}
