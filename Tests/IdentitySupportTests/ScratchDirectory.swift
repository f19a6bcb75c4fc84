// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation

/// A fresh directory under the system temporary directory, removed (permissions restored first) on deinit.
final class ScratchDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.path + "/authprofile-files-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        // Make everything removable again: tests lock directories with chmod.
        if let names = FileManager.default.enumerator(atPath: path) {
            for case let name as String in names {
                try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: path + "/" + name)
            }
        }
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `text` to `name` (parents created) with `permissions`, and returns the absolute path.
    @discardableResult
    func write(_ name: String, _ text: String = "x", permissions: Int = 0o600) throws -> String {
        let file = self.path(name)
        try FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: file)
        return file
    }

    /// Makes the directory `name` (parents too) and returns its absolute path.
    @discardableResult
    func directory(_ name: String, permissions: Int = 0o755) throws -> String {
        let directory = self.path(name)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: directory)
        return directory
    }

    func path(_ name: String) -> String { path + "/" + name }
}
