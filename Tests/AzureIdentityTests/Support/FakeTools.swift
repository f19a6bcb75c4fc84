// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import Foundation

/// A temporary directory of fake executables (small `/bin/sh` scripts) and an environment whose `PATH` finds
/// them first. Nothing touches the test process's own environment.
struct FakeTools {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("fake-tools-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// Writes an executable script named `name` with the given body (after `#!/bin/sh`).
    func install(_ name: String, _ body: String) throws {
        let url = directory.appendingPathComponent(name)
        try ("#!/bin/sh\n" + body + "\n").write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
    }

    /// `PATH` = the fake directory, then the system directories (for `sh`, `cat`, `sleep`, `date`).
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        ["PATH": "\(directory.path):/usr/bin:/bin", "HOME": directory.path, "FAKE_DIR": directory.path]
            .merging(extra) { _, new in new }
    }

    /// The lines a script wrote to `<name>.args` (one argument per line).
    func recordedArguments(_ name: String) -> [String] {
        let text = (try? String(contentsOf: directory.appendingPathComponent("\(name).args"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    /// A file in the fake directory.
    func file(_ name: String) -> URL { directory.appendingPathComponent(name) }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}

/// The shell line that records every argument, one per line, to `$FAKE_DIR/<name>.args`.
func recordArguments(_ name: String) -> String {
    #"for a in "$@"; do printf '%s\n' "$a"; done > "$FAKE_DIR/"# + name + #".args""#
}

/// Whether a process is gone (or a zombie nobody has reaped yet).
func processIsGone(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
    guard let close = stat.lastIndex(of: ")") else { return true }
    let state = stat[stat.index(close, offsetBy: 2)...].prefix(1)
    return state == "Z" || state == "X"
}
