// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentityTesting
import Foundation
import IdentitySupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Issue 9 items 4, 5, 20 and 22: only regular files are read, whatever else is at a path is named, nothing blocks,
/// and the size limit is applied before reading without arithmetic that can overflow.
@Suite struct UserFileTests {
    @Test func readsARegularFileAndReportsItsMode() throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.write("secret.txt", "hunter2\n", permissions: 0o640)
        let contents = try UserFile.read(path, limit: 100)
        #expect(contents.bytes == Array("hunter2\n".utf8))
        #expect(contents.status.kind == .regular)
        #expect(contents.status.modeText == "0640")
        #expect(contents.status.size == 8)
    }

    @Test func aFIFOIsRefusedAtOnceWithoutAWriter() throws {
        let scratch = try ScratchDirectory()
        let fifo = scratch.path("secret.fifo")
        try SpecialFiles.makeFIFO(at: fifo)
        let started = ContinuousClock.now
        let problem = readProblem(fifo)
        #expect(problem?.reason == .fifo)
        #expect(problem?.description == "is a FIFO (named pipe), not a regular file")
        // A hang used to last forever; this bound only catches its return.
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test func devicesSocketsAndDirectoriesAreNamed() throws {
        let scratch = try ScratchDirectory()
        let socket = scratch.path("agent.sock")
        try SpecialFiles.makeSocket(at: socket)
        #expect(readProblem("/dev/zero")?.description == "is a character device, not a regular file")
        #expect(readProblem("/dev/null")?.reason == .characterDevice)
        #expect(readProblem(socket)?.description == "is a socket, not a regular file")
        #expect(readProblem(scratch.path)?.description == "is a directory, not a file")
        #expect(readProblem(scratch.path("absent"))?.description == "does not exist")
        #expect(readProblem(scratch.path("absent/below"))?.isMissing == true)
    }

    @Test func aLinkToADeviceIsTheDevice() throws {
        let scratch = try ScratchDirectory()
        let link = scratch.path("cert.pem")
        try SpecialFiles.makeLink(at: link, to: "/dev/zero")
        #expect(readProblem(link)?.reason == .characterDevice)
        let loop = scratch.path("loop.pem")
        try SpecialFiles.makeLink(at: loop, to: loop)
        #expect(readProblem(loop)?.reason == .symbolicLinkLoop)
    }

    @Test func aPathWithANULCharacterIsRefusedNotTruncated() throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.write("real")
        // Passed to C as is, the path would end at the NUL and open `real`.
        #expect(readProblem(path + "\u{0}.ignored")?.reason == .invalidPath)
        #expect(UserFile.kind(of: path + "\u{0}") == nil)
    }

    @Test(arguments: [Int.max, Int.max - 1, Int(Int32.max), 0, -1, Int.min])
    func anyLimitIsSafe(_ limit: Int) throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.write("profile.yaml", "version: 1\n")
        let result = Result { () throws(FileProblem) in try UserFile.read(path, limit: limit) }
        if limit >= 11 {
            #expect(try result.get().bytes.count == 11)
        } else {
            #expect(throws: FileProblem.self) { try result.get() }
        }
    }

    @Test func theLimitIsInclusiveAndCheckedBeforeReading() throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.write("ten", "0123456789")
        #expect(try UserFile.read(path, limit: 10).bytes.count == 10)
        let problem = readProblem(path, limit: 9)
        #expect(problem?.reason == .tooLarge)
        // Refused from the size alone: the message gives it.
        #expect(problem?.description == "is 10 bytes, more than the limit of 9 bytes")
    }

    @Test func aSparseHugeFileIsRefusedWithoutReadingIt() throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.write("huge.yaml", "")
        let size = 1 << 42  // 4 TiB, sparse: reading it would take hours, allocating it would trap
        guard truncate(path, off_t(size)) == 0, UserFile.physicalMemory < size else { return }
        let started = ContinuousClock.now
        #expect(
            readProblem(path, limit: 32 << 20)?.description
                == "is \(size) bytes, more than the limit of 33554432 bytes")
        // With no limit at all, the machine's memory is the limit.
        let unlimited = readProblem(path, limit: Int.max)
        #expect(unlimited?.reason == .tooLarge)
        #expect(unlimited?.limitIsMemory == true)
        #expect(unlimited?.description.contains("more than this machine's memory") == true)
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test func aFileWithoutASizeIsReadToTheEndAndBounded() throws {
        #if os(Linux)
        // Kernel files report size 0 and hold text; they are regular files.
        let status = try UserFile.read("/proc/self/status", limit: 1 << 20)
        #expect(status.status.size == 0)
        #expect(String(decoding: status.bytes, as: UTF8.self).contains("Name:"))
        #expect(readProblem("/proc/self/status", limit: 10)?.reason == .tooLarge)
        #endif
    }

    @Test func anEmptyFileIsEmpty() throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.write("empty", "")
        #expect(try UserFile.read(path, limit: 0).bytes.isEmpty)
    }

    @Test(.enabled(if: UnprivilegedUser.isAvailable))
    func permissionDeniedIsNamed() async throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.write("locked.pem", "key", permissions: 0o000)
        let problem = await UnprivilegedUser.run { readProblem(path) }
        #expect(problem?.reason == .permissionDenied)
        #expect(problem?.description == "cannot be opened: permission denied")
        // The same thread as root (or the owner after chmod) reads it: the refusal came from the bits.
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        #expect(await UnprivilegedUser.run { readProblem(path) }?.reason == (geteuid() == 0 ? .permissionDenied : nil))
    }

    @Test func exposureFollowsSSH() {
        func exposure(_ permissions: UInt16) -> String? {
            FileStatus(kind: .regular, permissions: permissions).exposure
        }
        #expect(exposure(0o600) == nil)
        #expect(exposure(0o400) == nil)
        #expect(exposure(0o700) == nil)
        #expect(exposure(0o644) == "is readable by its group and all users (mode 0644)")
        #expect(exposure(0o640) == "is readable by its group (mode 0640)")
        #expect(exposure(0o604) == "is readable by all users (mode 0604)")
        #expect(exposure(0o620) == "gives its group or other users access (mode 0620)")
        #expect(FileStatus(kind: .regular, permissions: 0o4755).modeText == "4755")
    }
}

/// The problem reading `path` gives, or `nil` when it reads.
func readProblem(_ path: String, limit: Int = 1 << 20) -> FileProblem? {
    do {
        _ = try UserFile.read(path, limit: limit)
        return nil
    } catch {
        return error
    }
}
