// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

internal import CBuildInfo

/// The version of the tool, written here and nowhere else.
///
/// Semantic versioning applies separately to the command line, the JSON outputs and the profile format; what
/// counts as a breaking change for each is in `docs/versioning.md`. `scripts/build-release.sh` names its archive
/// after ``current`` and records the commit.
public enum AuthProfileVersion {
    /// The version string recorded in reports (JSON, SARIF) and in release archive names.
    public static let current = "0.1.0"

    /// The commit the binary was built from, when `scripts/build-release.sh` built it; `nil` for other builds.
    public static var commit: String? {
        let commit = String(cString: authprofile_build_commit())
        return commit.isEmpty ? nil : commit
    }

    /// What `--version` prints: `0.1.0 (commit 1a2b3c4d5e6f)`, or `0.1.0 (development build)` when no commit
    /// was recorded.
    public static var full: String {
        "\(current) (\(commit.map { "commit \($0)" } ?? "development build"))"
    }
}
