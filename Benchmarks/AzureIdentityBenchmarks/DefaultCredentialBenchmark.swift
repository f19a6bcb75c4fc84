// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentity
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// DefaultAzureCredential on a machine with nothing configured: no environment credential, no workload identity,
/// no managed identity endpoint (IMDS pointed at a closed 127.0.0.1 port, never 169.254.169.254), and none of
/// az, pwsh, azd on PATH. Measures the time until the aggregate error, for a new credential (which probes IMDS)
/// and for a second call on the same credential (probe result remembered).
func benchmarkDefaultCredentialNothingConfigured(transport: any HTTPTransport) async throws {
    let emptyPath = FileManager.default.temporaryDirectory.appendingPathComponent("empty-path-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: emptyPath, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: emptyPath) }
    let options = CredentialOptions(transport: transport, environment: ["PATH": emptyPath.path])
    var configured = DefaultAzureCredentialOptions()
    configured.managedIdentity.imdsBaseURL = "http://127.0.0.1:\(closedLoopbackPort())"
    let settings = configured
    let scopes = ["https://management.azure.com/.default"]

    report(
        "DefaultAzureCredential, nothing set, new",
        try await measure(iterations: 200) {
            let credential = try DefaultAzureCredential(settings, options: options)
            do {
                _ = try await credential.getToken(scopes: scopes)
                fatalError("expected the chain to fail")
            } catch is ChainError {}
        }
    )
    let reused = try DefaultAzureCredential(settings, options: options)
    _ = try? await reused.getToken(scopes: scopes)
    report(
        "DefaultAzureCredential, nothing set, reused",
        try await measure(iterations: 200) {
            do {
                _ = try await reused.getToken(scopes: scopes)
                fatalError("expected the chain to fail")
            } catch is ChainError {}
        }
    )
}

/// A 127.0.0.1 port nothing listens on (bound, read back, closed).
func closedLoopbackPort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
    }
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    return Int(UInt16(bigEndian: address.sin_port))
}
