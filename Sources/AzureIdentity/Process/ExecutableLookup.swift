// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation

/// Finds an executable the way a shell would, but only on the `PATH` it is given.
public enum ExecutableLookup {
    /// The absolute path of `name`: itself when it contains `/`, else the first executable file named `name` in
    /// the `:`-separated `path`. Empty `PATH` entries are ignored (they would mean the working directory).
    public static func resolve(_ name: String, path: String?) -> String? {
        let files = FileManager.default
        if name.contains("/") {
            return files.isExecutableFile(atPath: name) ? name : nil
        }
        guard !name.isEmpty, let path else { return nil }
        for directory in path.split(separator: ":", omittingEmptySubsequences: true) {
            let candidate = directory.hasSuffix("/") ? "\(directory)\(name)" : "\(directory)/\(name)"
            var isDirectory: ObjCBool = false
            if files.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
                files.isExecutableFile(atPath: candidate)
            {
                return candidate
            }
        }
        return nil
    }
}
