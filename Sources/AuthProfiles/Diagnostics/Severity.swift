// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// How serious a diagnostic is.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// The profile cannot be used as written.
    case error
    /// The profile works but is probably not what was meant; `--strict` makes these fail.
    case warning
    /// Information only.
    case note

    private var rank: Int {
        switch self {
        case .error: 2
        case .warning: 1
        case .note: 0
        }
    }

    /// Notes before warnings before errors.
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
