// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AzureIdentityTesting
import Foundation
import IdentitySupport
import Testing

/// Issue 9 items 5, 6 and 11: a walk visits each directory once, reports what it cannot search, and returns
/// non-regular files so that reading them says what they are.
@Suite struct DirectoryWalkTests {
    static func yaml(_ name: String) -> Bool { name.hasSuffix(".yaml") }

    @Test func findsFilesSortedAndSkipsHiddenEntries() throws {
        let scratch = try ScratchDirectory()
        try scratch.write("b.yaml")
        try scratch.write("a/z.yaml")
        try scratch.write("a/notes.txt")
        try scratch.write(".hidden.yaml")
        try scratch.write(".git/config.yaml")
        let found = DirectoryWalk.files(under: scratch.path, including: Self.yaml)
        #expect(found.files == ["a/z.yaml", "b.yaml"])
        #expect(found.problems.isEmpty)
    }

    @Test func aLinkToTheDirectoryItselfIsNotFollowedAgain() throws {
        let scratch = try ScratchDirectory()
        try scratch.write("team.yaml")
        try SpecialFiles.makeLink(at: scratch.path("again"), to: ".")
        try SpecialFiles.makeLink(at: scratch.path("more"), to: ".")
        let started = ContinuousClock.now
        let found = DirectoryWalk.files(under: scratch.path, including: Self.yaml)
        // One link to `.` used to read the file 41 times; two never finished.
        #expect(found.files == ["team.yaml"])
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test func linksToParentsAndSiblingsAreReadOnce() throws {
        let scratch = try ScratchDirectory()
        try scratch.write("shared/base.yaml")
        try SpecialFiles.makeLink(at: scratch.path("shared/up"), to: "..")
        try SpecialFiles.makeLink(at: scratch.path("alias"), to: "shared")
        let found = DirectoryWalk.files(under: scratch.path, including: Self.yaml)
        // `alias` sorts before `shared`, so the directory is read as `alias`, and only once.
        #expect(found.files == ["alias/base.yaml"])
        // A link into the walk from outside is followed, as before.
        let outside = try ScratchDirectory()
        try SpecialFiles.makeLink(at: outside.path("linked"), to: scratch.path("shared"))
        #expect(DirectoryWalk.files(under: outside.path, including: Self.yaml).files == ["linked/base.yaml"])
    }

    @Test func specialFilesWithAProfileNameAreReturnedForTheReaderToName() throws {
        let scratch = try ScratchDirectory()
        try SpecialFiles.makeFIFO(at: scratch.path("pipe.yaml"))
        try SpecialFiles.makeFIFO(at: scratch.path("pipe.txt"))
        try SpecialFiles.makeLink(at: scratch.path("dangling.yaml"), to: scratch.path("nowhere"))
        try SpecialFiles.makeLink(at: scratch.path("device.yaml"), to: "/dev/zero")
        let found = DirectoryWalk.files(under: scratch.path, including: Self.yaml)
        #expect(found.files == ["dangling.yaml", "device.yaml", "pipe.yaml"])
        #expect(readProblem(scratch.path("pipe.yaml"))?.reason == .fifo)
    }

    @Test func aNameThatIsNotUTF8IsReported() throws {
        let scratch = try ScratchDirectory()
        let name: [UInt8] = Array("bad-".utf8) + [0xFF] + Array(".yaml".utf8)
        let path = Array(scratch.path.utf8) + [UInt8(ascii: "/")] + name + [0]
        let descriptor = path.withUnsafeBufferPointer {
            $0.withMemoryRebound(to: CChar.self) { creat($0.baseAddress!, 0o600) }
        }
        #expect(descriptor >= 0)
        close(descriptor)
        let found = DirectoryWalk.files(under: scratch.path, including: Self.yaml)
        #expect(found.files.isEmpty)
        #expect(found.problems.map(\.problem.reason) == [.undecodableName])
    }

    @Test func aRootThatIsNotADirectoryOrMissingIsAProblem() throws {
        let scratch = try ScratchDirectory()
        let file = try scratch.write("file.yaml")
        let notDirectory = DirectoryWalk.files(under: file, including: Self.yaml).problems
        #expect(notDirectory.map(\.problem.reason) == [.notDirectory])
        let absent = DirectoryWalk.files(under: scratch.path("absent"), including: Self.yaml).problems
        #expect(absent.map(\.path) == [""])
        #expect(absent.map(\.problem.description) == ["does not exist"])
    }

    @Test(.enabled(if: UnprivilegedUser.isAvailable))
    func unreadableDirectoriesAreReportedNotSkipped() async throws {
        let scratch = try ScratchDirectory()
        try scratch.write("open.yaml")
        try scratch.write("locked/hidden-profiles.yaml")
        try scratch.write("listable/inside.yaml")
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: scratch.path("locked"))
        // Readable but not searchable: the names can be listed, nothing under them reached.
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: scratch.path("listable"))
        let root = scratch.path
        let found = await UnprivilegedUser.run { DirectoryWalk.files(under: root, including: Self.yaml) }
        #expect(found.files == ["open.yaml"])
        #expect(found.problems.map(\.path) == ["listable", "locked"])
        #expect(found.problems.allSatisfy { $0.problem.reason == .permissionDenied })
        let locked = await UnprivilegedUser.run { DirectoryWalk.files(under: root + "/locked", including: Self.yaml) }
        #expect(locked.problems.map(\.path) == [""])
    }
}
