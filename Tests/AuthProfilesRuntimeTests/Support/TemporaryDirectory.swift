// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation

/// A fresh directory under the system temporary directory, removed when the value is deinitialised.
final class TemporaryDirectory {
    /// The directory's absolute path, without a trailing slash.
    let path: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.path
        path = base + "/authprofile-inspect-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `data` to `name` (a relative path; parent directories are created) and returns the absolute path.
    @discardableResult
    func write(_ name: String, _ data: Data, permissions: Int? = nil) throws -> String {
        let file = path + "/" + name
        let parent = (file as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: file, contents: data) else {
            throw CocoaError(.fileWriteUnknown)
        }
        if let permissions {
            try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: file)
        }
        return file
    }

    /// Writes UTF-8 `text` to `name` and returns the absolute path.
    @discardableResult
    func write(_ name: String, _ text: String, permissions: Int? = nil) throws -> String {
        try write(name, Data(text.utf8), permissions: permissions)
    }

    /// Creates an executable placeholder (never run) named `name` in `bin/` and returns the `bin` directory.
    @discardableResult
    func fakeExecutable(_ name: String, directory: String = "bin") throws -> String {
        try write(directory + "/" + name, "#!/bin/sh\nexit 1\n", permissions: 0o755)
        return path + "/" + directory
    }
}
