// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation

/// A temporary directory removed when the value is released by the test.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("azid-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Array(text.utf8))
    }

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = url.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// Encrypts a PEM private key with `openssl pkcs8 -topk8` (AES-256-CBC, PBKDF2). Returns `nil` without openssl.
func encryptWithOpenSSL(privateKeyPEM: String, password: String, in directory: TemporaryDirectory) throws -> String? {
    let input = try directory.write("plain.key", privateKeyPEM)
    let output = directory.url.appendingPathComponent("encrypted.key").path
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
        "openssl", "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", input, "-out", output, "-passout",
        "pass:\(password)",
    ]
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0, let data = FileManager.default.contents(atPath: output) else { return nil }
    return String(decoding: data, as: UTF8.self)
}
