// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import IdentitySupport
import Testing

/// Issue 9 item 22: a profile file is read straight into a string when it is UTF-8, so its text is held once.
@Suite struct FileTextTests {
    @Test func utf8IsReadAsText() throws {
        let scratch = try ScratchDirectory()
        let text = "version: 1\n# café — ✓ 𝄞\n"
        let path = try scratch.write("p.yaml", text)
        guard case .text(let read, let status) = try UserFile.readText(path, limit: 1 << 20) else {
            Issue.record("expected text")
            return
        }
        #expect(read == text)
        #expect(status.size == text.utf8.count)
    }

    @Test func bytesThatAreNotUTF8AreGivenBackAsBytes() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path("bad.yaml")
        let bytes: [UInt8] = Array("version: 1\n".utf8) + [0xC3, 0x28]
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        guard case .bytes(let read, _) = try UserFile.readText(path, limit: 1 << 20) else {
            Issue.record("expected bytes")
            return
        }
        #expect(read == bytes)
    }

    @Test func theLimitHoldsForText() throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.write("p.yaml", "0123456789")
        #expect(throws: FileProblem.self) { try UserFile.readText(path, limit: 9) }
        guard case .text(let read, _) = try UserFile.readText(path, limit: 10) else {
            Issue.record("expected text")
            return
        }
        #expect(read == "0123456789")
    }

    @Test func aFileWithoutASizeIsReadWhole() throws {
        #if os(Linux)
        guard case .text(let read, _) = try UserFile.readText("/proc/self/status", limit: 1 << 20) else {
            Issue.record("expected text")
            return
        }
        #expect(read.contains("Name:"))
        #expect(throws: FileProblem.self) { try UserFile.readText("/proc/self/status", limit: 10) }
        #endif
    }

    @Test func nonRegularFilesAreRefusedAsByRead() throws {
        #expect(throws: FileProblem.self) { try UserFile.readText("/dev/zero", limit: .max) }
    }

    static let samples: [[UInt8]] = [
        [], Array("plain ascii, more than eight bytes long".utf8), Array("é ✓ 𝄞 – mixed".utf8),
        [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xED, 0x9F, 0xBF],
        [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],
        [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0x80], [0xBF], [0xFE], [0xFF], [0xC3, 0x28], [0xE2, 0x28, 0xA1],
        [0xE2, 0x82, 0x28], [0xF0, 0x28, 0x8C, 0xBC], [0xF0, 0x90, 0x28, 0xBC], [0xF0, 0x90, 0x8C, 0x28],
        Array("12345678".utf8) + [0xC3] + Array("12345678".utf8),
        Array("1234567".utf8) + [0xE2, 0x82, 0xAC] + Array("12345678".utf8), [0],
    ]

    @Test(arguments: samples)
    func validationAgreesWithTheStandardLibrary(_ bytes: [UInt8]) {
        let ours = bytes.withUnsafeBufferPointer(UTF8Validation.isValid)
        #expect(ours == (String(validating: bytes, as: UTF8.self) != nil))
    }

    @Test func validationAgreesOnRandomBytes() {
        // A fixed linear congruential generator: the same 20,000 inputs on every run.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt8 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        let alphabet: [UInt8] = [
            0x41, 0x7F, 0x80, 0xBF, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xA0, 0x9F, 0x90,
        ]
        for _ in 0..<20_000 {
            let length = Int(next() % 24)
            let bytes = (0..<length).map { _ in next() & 1 == 0 ? alphabet[Int(next()) % alphabet.count] : next() }
            let ours = bytes.withUnsafeBufferPointer(UTF8Validation.isValid)
            #expect(ours == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
        }
    }
}
