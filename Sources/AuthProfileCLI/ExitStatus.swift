// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// The documented exit codes of `authprofile`. They are part of the interface and never change meaning.
public enum ExitStatus: Int32, Sendable, CaseIterable {
    /// Everything checked is clean (warnings allowed unless `--strict`).
    case success = 0
    /// Problems were found: errors, or warnings under `--strict`.
    case findings = 1
    /// The command could not do its job: bad arguments, or input that could not be read at all.
    case usage = 2
}

/// Thrown by commands to end with a given status after their output is written.
struct ExitWith: Error {
    let status: ExitStatus
}
