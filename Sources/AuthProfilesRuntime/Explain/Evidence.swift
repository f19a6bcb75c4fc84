// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

/// One fact a dry run checked, phrased for a person and never carrying a secret's value.
public struct Evidence: Sendable, Hashable, Codable {
    /// Whether the fact helps or hurts the link.
    public enum Status: String, Sendable, Hashable, Codable {
        /// An input is present and valid.
        case ok
        /// An input is absent.
        case missing
        /// An input is present but wrong.
        case problem
        /// Information that decides nothing by itself.
        case note
    }

    /// Whether the fact helps or hurts the link.
    public var status: Status
    /// What was checked, such as `env AZURE_FEDERATED_TOKEN_FILE` or `file /etc/authprofile/prod.pem`.
    public var subject: String
    /// What was found, such as `set` or `expired on 2025-01-01T00:00:00Z`.
    public var detail: String

    /// Creates one line of evidence: what was checked (`subject`) and what was found (`detail`).
    public init(_ status: Status, _ subject: String, _ detail: String) {
        self.status = status
        self.subject = subject
        self.detail = detail
    }
}

/// The verdict of one inspection and the facts behind it.
package struct InspectionResult: Sendable, Hashable {
    /// The verdict.
    package var verdict: Verdict
    /// The facts, in the order they were checked.
    package var evidence: [Evidence]
    /// How to fix what is wrong, when something is.
    package var hint: String?

    /// Creates an inspection's result.
    package init(verdict: Verdict, evidence: [Evidence], hint: String? = nil) {
        self.verdict = verdict
        self.evidence = evidence
        self.hint = hint
    }

    /// Combines inspections of several inputs: the worst verdict wins (misconfigured, unavailable, unknown, ready),
    /// every fact is kept and the first hint of the deciding verdict is kept.
    package static func combine(_ parts: [InspectionResult]) -> InspectionResult {
        let order: [Verdict] = [.misconfigured, .unavailable, .unknown, .ready]
        let verdict = order.first { candidate in parts.contains { $0.verdict == candidate } } ?? .ready
        return InspectionResult(
            verdict: verdict, evidence: parts.flatMap(\.evidence),
            hint: parts.first { $0.verdict == verdict && $0.hint != nil }?.hint)
    }
}
