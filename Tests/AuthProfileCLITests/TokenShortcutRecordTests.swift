// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import IdentitySupport
import Testing
import TokenCacheStore

/// The parts of ``TokenShortcut`` that decide whether a record is a run's: its name, its seal and its reads.
@Suite struct TokenShortcutRecordTests {
    static let key = [UInt8](repeating: 7, count: 32)

    func name(
        _ arguments: [String], _ environment: [String: String] = [:], cwd: String = "/w", uid: UInt32 = 1
    )
        -> String
    {
        TokenShortcut.Situation(arguments: arguments, environment: environment, workingDirectory: cwd, userID: uid)
            .fileName
    }

    @Test("every part of the situation is in the name, and no two situations run together")
    func namesSeparateSituations() {
        let base = name(["token", "p", "--scope", "s"], ["A": "1"])
        #expect(TokenShortcut.isFileName(base))
        #expect(base == name(["token", "p", "--scope", "s"], ["A": "1"]), "the same situation, the same name")
        let others = [
            name(["token", "p", "--scope", "s"], ["A": "2"]),
            name(["token", "p", "--scope", "s"], ["A": "1", "B": ""]),
            name(["token", "p", "--scope", "s"], ["A1": ""]),
            name(["token", "p", "--scope", "s"]),
            name(["token", "p", "--scope", "s2"], ["A": "1"]),
            name(["token", "p", "--scope s"], ["A": "1"]),
            name(["token", "p", "--scope", "s", ""], ["A": "1"]),
            name(["token", "p", "--scope", "s"], ["A": "1"], cwd: "/x"),
            name(["token", "p", "--scope", "s"], ["A": "1"], uid: 2),
        ]
        #expect(Set(others + [base]).count == others.count + 1)
    }

    @Test func fileNamesAreRecognisedExactly() {
        let hex = String(repeating: "0a", count: 32)
        #expect(TokenShortcut.isFileName(hex + ".shortcut"))
        #expect(!TokenShortcut.isFileName(hex.uppercased() + ".shortcut"))
        #expect(!TokenShortcut.isFileName(String(hex.dropFirst()) + ".shortcut"))
        #expect(!TokenShortcut.isFileName(hex + ".cache"))
        #expect(!TokenShortcut.isFileName(".shortcut"))
    }

    @Test("a record opens only under its key, whole and of its version")
    func sealing() throws {
        let record = TokenShortcut(validUntil: 2_000_000_000, reads: [], output: "{\"accessToken\":\"eyJ.x.y\"}\n")
        let sealed = try record.sealed(key: Self.key)
        #expect(TokenShortcut.unsealed(sealed, key: Self.key) == record)
        let text = String(decoding: sealed, as: UTF8.self)
        #expect(!text.contains("eyJ") && !text.contains("accessToken") && !text.contains("validUntil"))
        #expect(TokenShortcut.unsealed(sealed, key: [UInt8](repeating: 8, count: 32)) == nil)
        for index in [0, 30, sealed.count / 2, sealed.count - 1] {
            var damaged = sealed
            damaged[index] ^= 0x20
            #expect(TokenShortcut.unsealed(damaged, key: Self.key) == nil, "byte \(index)")
        }
        #expect(TokenShortcut.unsealed(Array(sealed.prefix(50)), key: Self.key) == nil)
        #expect(TokenShortcut.unsealed([], key: Self.key) == nil)
        #expect(record.replay(now: 2_000_000_000, keys: { _, _ in nil }) == nil, "not after its validity")
        #expect(record.replay(now: 1_999_999_999, keys: { _, _ in nil }) == record.output)
    }

    @Test("a recorded read holds while its result is the same")
    func readsReplay() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("shortcut-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "a: 1\n".write(toFile: directory + "/p.yaml", atomically: false, encoding: .utf8)
        let recorder = TokenShortcutRecorder()
        FileReads.$observer.withValue(recorder) {
            _ = try? UserFile.read(directory + "/p.yaml", limit: 1 << 20)
            _ = UserFile.status(of: directory + "/missing.yaml")
            _ = DirectoryWalk.list(directory)
        }
        let reads = try #require(recorder.reads)
        #expect(reads.map(\.operation) == ["read", "status", "list"])
        let record = TokenShortcut(validUntil: .infinity, reads: reads, output: "x")
        #expect(record.replay(now: 0, keys: { _, _ in nil }) == "x")
        // A file appearing where none was: the status read changes.
        try "".write(toFile: directory + "/missing.yaml", atomically: false, encoding: .utf8)
        #expect(record.replay(now: 0, keys: { _, _ in nil }) == nil)
        try FileManager.default.removeItem(atPath: directory + "/missing.yaml")
        #expect(record.replay(now: 0, keys: { _, _ in nil }) == "x")
        // The content changed, same size: the read changes.
        try "a: 2\n".write(toFile: directory + "/p.yaml", atomically: false, encoding: .utf8)
        #expect(record.replay(now: 0, keys: { _, _ in nil }) == nil)
    }

    @Test("a key read holds only with the same key, and not where the store cannot be asked")
    func keyReads() throws {
        let recorder = TokenShortcutRecorder()
        recorder.observeKey("cache", store: "fake", result: .success(Self.key))
        let record = TokenShortcut(validUntil: .infinity, reads: try #require(recorder.reads), output: "x")
        #expect(record.replay(now: 0, keys: { _, _ in .success(Self.key) }) == "x")
        #expect(record.replay(now: 0, keys: { _, _ in .success([UInt8](repeating: 1, count: 32)) }) == nil)
        #expect(record.replay(now: 0, keys: { _, _ in .success(nil) }) == nil)
        #expect(record.replay(now: 0, keys: { _, _ in nil }) == nil)
    }
}
